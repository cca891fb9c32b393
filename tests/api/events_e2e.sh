#!/usr/bin/env bash
# api.events: /api/v1/events streams a session's life (queued with position and ETA, the
# machine ordered and ready, the session placed) to `tidepool watch`, filters by pool, and a
# client resuming with Last-Event-ID gets exactly the events it missed.
source "$(dirname "$0")/../integration/lib.sh" "$@"
source "$(dirname "$0")/api_lib.sh"

make_config '.autoscale_configs[0].min_available_sessions = 0'
start_daemon --apply "$WORK/config.json"

say "tidepool watch --json follows a queued session until it is placed"
"$TIDEPOOL" --json watch --pool desktops --for 40 > "$WORK/watch.jsonl" 2>"$WORK/watch.err" &
watcher=$!
sleep 1  # let the watcher subscribe before the request
sid=$("$TIDEPOOL" --json sessions request --pool desktops --user alice | jq -r .id)
placed() { grep -q "\"kind\":\"session_placed\".*\"session_id\":\"$sid\"" "$WORK/watch.jsonl"; }
wait_for 30 "watch to show $sid placed" placed
kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null || true
kinds=$(jq -r .kind "$WORK/watch.jsonl" | grep -v '^decision$' | tr '\n' ' ')
case "$kinds" in
    *"session_queued machine_ordered"*"machine_ready"*"session_placed"*) ;;
    *) die "unexpected event order: $kinds" ;;
esac
# (-s: jq 1.6's -e judges only the last input, which here is never the queued event.)
jq -s -e "map(select(.kind==\"session_queued\")) | length == 1 and .[0].queue_position == 1
          and .[0].session_id == \"$sid\"" "$WORK/watch.jsonl" >/dev/null \
    || die "queued event without its position: $(tr '\n' ' ' < "$WORK/watch.jsonl")"
[ "$(jq -r .pool_id "$WORK/watch.jsonl" | sort -u)" = desktops ] || die "pool filter leaked"

say "plain lines when stdout is not a terminal; --count stops after N events"
"$TIDEPOOL" sessions release "$sid" >/dev/null
sid2=$("$TIDEPOOL" --json sessions request --pool desktops --user bob | jq -r .id)
# --since 0 replays everything the daemon remembers, so --count 3 ends without waiting.
"$TIDEPOOL" watch --since 0 --count 3 > "$WORK/lines" || die "watch --count failed"
[ "$(wc -l < "$WORK/lines")" = 3 ] || die "expected 3 lines: $(cat "$WORK/lines")"
"$TIDEPOOL" watch --since 0 --for 2 > "$WORK/lines" || die "watch --for failed"
grep -q " session_queued pool=desktops session=$sid position=1" "$WORK/lines" \
    || die "plain line format: $(cat "$WORK/lines")"
grep -q " session_placed pool=desktops session=$sid2 machine=" "$WORK/lines" \
    || grep -q " session_queued pool=desktops session=$sid2" "$WORK/lines" \
    || die "bob's request is missing: $(cat "$WORK/lines")"

say "Last-Event-ID resumes exactly after the given event"
all=$(sse_events 0)
last=$(jq -s 'map(.seq) | max' <<<"$all")
[ "$(jq -s 'map(.seq) == [range(1; '"$last"' + 1)]' <<<"$all")" = true ] || die "replay has gaps: $all"
resumed=$(sse_events $((last - 2)))
# Exactly the two after it (and anything newer that happened meanwhile), in order.
[ "$(jq -s -c 'map(.seq)[0:2]' <<<"$resumed")" = "[$((last - 1)),$last]" ] || die "resume: $resumed"
jq -s -e 'map(.seq) | . == (sort | unique)' <<<"$resumed" >/dev/null || die "resume out of order"

say "bad requests get the error shape"
expect_error GET '/api/v1/events?pool=nope' '' 404 not_found /query/pool
expect_error GET '/api/v1/events?colour=red' '' 400 invalid /query/colour
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Last-Event-ID: x' \
       ${TIDEPOOL_API_KEY:+-H "Authorization: Bearer $TIDEPOOL_API_KEY"} "$URL/api/v1/events")
[ "$code" = 400 ] || die "a bad Last-Event-ID got $code"
"$TIDEPOOL" sessions release "$sid2" >/dev/null
stop_daemon
echo "events e2e: passed"
