#!/usr/bin/env bash
# SIGKILL tidepoold while local servers are being provisioned, restart it, and check that no
# instance process is leaked or started twice: after reconciliation, the processes alive are
# exactly the servers the daemon knows, one each, and the pool is back at its minimum (5).
source "$(dirname "$0")/lib.sh" "$@"

make_config '.autoscale_configs[0].min_available_sessions = 3
             | .autoscale_configs[0].max_sessions_per_server = 1
             | .autoscale_configs[0].max_users_per_server = 1
             | .provider_configs[0].config.max_instances = 5
             | .autoscale_configs[0].startup_script |= sub("curl "; "sleep 1\ncurl ")'  # a window to cut
check_consistent() {
    local procs servers
    procs=$(instance_processes)
    servers=$(live_servers)
    [ "$(uniq -d <<<"$procs")" = "" ] || die "an instance runs twice: $procs"
    [ "$procs" = "$servers" ] || { echo "processes: $procs / servers: $servers"; return 1; }
}

for round in 1 2 3; do
    say "round $round: kill -9 while provisioning"
    # Each round asks for one more server, so there is always provisioning to cut off.
    jq ".autoscale_configs[0].min_available_sessions = $((round + 2))" "$WORK/config.json" \
        > "$WORK/round.json"
    start_daemon --apply "$WORK/round.json"
    # Kill as soon as a new server is journalled, at a point that moves each round.
    wait_for 20 "a server to be starting" some_server_in starting
    sleep "0.$((round * 2))"
    kill_daemon
    # A machine dying while its manager is down, too.
    victim=$(instance_processes | head -n 1)
    [ -n "$victim" ] && pkill -9 -f "^tp-e2e-$TAG-$victim" 2>/dev/null || true
done

say "restart and reconcile"
start_daemon
settled() { check_consistent && [ "$(count_servers_in running)" -eq 5 ]; }
wait_for 90 "five running servers, processes matching them" settled
check_consistent || die "leaked or doubled instances"
stop_daemon
echo "crash e2e: 1 passed, 0 failed"
