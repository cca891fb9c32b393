#!/usr/bin/env bash
# End to end: tidepoold on a free port with a temporary database and the quickstart config;
# the CLI requests a session, a local server starts, checks in and takes it; after release the
# server is removed once the downscale backoff has passed.
source "$(dirname "$0")/lib.sh" "$@"

# Fully on demand, so the session request is what makes a server appear.
make_config '.autoscale_configs[0].min_available_sessions = 0
             | .autoscale_configs[0].downscale_backoff_s = 2'
start_daemon
"$TIDEPOOL" configs apply "$WORK/config.json" >/dev/null || die "configs apply failed"
[ -z "$(live_servers)" ] || die "no server should exist before any demand"

say "a request beyond capacity is queued, not refused"
out=$("$TIDEPOOL" --json sessions request --pool desktops --user alice)
sid=$(jq -r .id <<<"$out")
[ "$(jq -r .state <<<"$out")" = queued ] || die "expected a queued session, got: $out"
[ "$(jq -r .queue_position <<<"$out")" = 1 ] || die "expected queue position 1: $out"

say "a local server starts, checks in and takes the session"
wait_for 30 "session $sid placed" session_state_is "$sid" placed
"$TIDEPOOL" --json sessions | jq -e ".items[] | select(.id==\"$sid\" and .state==\"placed\")" >/dev/null \
    || die "the CLI does not list $sid as placed"
server=$(api "/api/v1/sessions/$sid" | jq -r .server_id)
[ "$(api "/api/v1/servers/$server" | jq -r .state)" = running ] || die "server not running"
[ "$(instance_processes)" = "$server" ] || die "expected one instance process for $server, got: $(instance_processes)"

say "a second request for the same desktop user does not share the server"
out=$("$TIDEPOOL" --json sessions request --pool desktops --user alice)
[ "$(jq -r .state <<<"$out")" = queued ] || die "second desktop for alice must not land on $server: $out"
"$TIDEPOOL" sessions release "$(jq -r .id <<<"$out")" >/dev/null

say "concurrent desktop requests from one user land on three different servers"
# Sent at once, they share the daemon's group commit; the rule must hold inside one batch too.
pids=()
for i in 1 2 3; do
    "$TIDEPOOL" --json sessions request --pool desktops --user carol > "$WORK/carol.$i" &
    pids+=($!)
done
wait "${pids[@]}"  # not a bare wait: the daemon is a child of this shell too
carol_ids=$(jq -r .id "$WORK"/carol.*)
[ "$(wc -w <<<"$carol_ids")" = 3 ] || die "expected three carol sessions: $(cat "$WORK"/carol.*)"
carol_placed() {
    for id in $carol_ids; do session_state_is "$id" placed || return 1; done
}
wait_for 60 "every carol session placed" carol_placed
carol_servers=$(for id in $carol_ids; do api "/api/v1/sessions/$id" | jq -r .server_id; done | sort -u)
[ "$(wc -l <<<"$carol_servers")" = 3 ] || die "carol holds two desktops on one server: $carol_servers"
for id in $carol_ids; do "$TIDEPOOL" sessions release "$id" >/dev/null; done

say "release; the idle server goes after the backoff"
"$TIDEPOOL" sessions release "$sid" >/dev/null
wait_for 30 "server $server removed" no_live_servers
wait_for 10 "instance process gone" no_instances
stop_daemon
echo "quickstart e2e: 1 passed, 0 failed"
