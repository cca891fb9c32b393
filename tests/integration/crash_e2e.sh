#!/usr/bin/env bash
# SIGKILL tidepoold while local servers are being provisioned, restart it, and check that no
# instance process is leaked or started twice: after reconciliation, the processes alive are
# exactly the servers the daemon knows, one each, and the pool is back at its minimum.
source "$(dirname "$0")/lib.sh" "$@"

make_config '.autoscale_configs[0].min_available_sessions = 3
             | .autoscale_configs[0].max_sessions_per_server = 1
             | .autoscale_configs[0].max_users_per_server = 1
             | .provider_configs[0].config.max_instances = 5'
check_consistent() {
    local procs servers
    procs=$(instance_processes)
    servers=$(live_servers)
    [ "$(uniq -d <<<"$procs")" = "" ] || die "an instance runs twice: $procs"
    [ "$procs" = "$servers" ] || { echo "processes: $procs / servers: $servers"; return 1; }
}

for round in 1 2 3; do
    say "round $round: kill -9 while provisioning"
    start_daemon --apply "$WORK/config.json"
    # Kill as soon as the first new server is journalled, at a point that moves each round.
    wait_for 20 "a server to be starting" bash -c "curl -fsS $URL/api/v1/servers | jq -e '[.items[] | select(.state==\"starting\")] | length > 0'"
    sleep "0.$((round * 2))"
    kill_daemon
    pkill -9 -f "tp-e2e-$TAG-" -n 2>/dev/null || true   # a VM dying with the manager, too
done

say "restart and reconcile"
start_daemon
wait_for 60 "three running servers, processes matching them" bash -c "
    source /dev/stdin <<<'$(declare -f api instance_processes live_servers check_consistent die)'
    URL=$URL TAG=$TAG
    check_consistent && [ \$(curl -fsS $URL/api/v1/servers | jq '[.items[] | select(.state==\"running\")] | length') -eq 3 ]"
check_consistent || die "leaked or doubled instances"
stop_daemon
echo "crash e2e: 1 passed, 0 failed"
