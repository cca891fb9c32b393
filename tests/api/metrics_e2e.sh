#!/usr/bin/env bash
# api.metrics: GET /metrics on a daemon running the quickstart pool parses with the reference
# Prometheus parser and reports what happened: pool headroom and capacity, machines by state,
# queued sessions, provider call latency and the planner's tick time.
source "$(dirname "$0")/../integration/lib.sh" "$@"
# Debian's python3 (the one python3-prometheus-client is installed for), whatever PATH says.
PARSE="/usr/bin/python3 $(dirname "$0")/parse_metrics.py"

# A minimum of 1 on 2-session servers: one session leaves the pool satisfied, so no second
# server starts and the figures stay exact.
make_config '.autoscale_configs[0].min_available_sessions = 1'
start_daemon --apply "$WORK/config.json"

# value NAME LABELS: the parsed sample's value ("" when absent).
value() { grep -F "$1{$2} " "$WORK/parsed" | head -n 1 | awk '{print $2}'; }
scrape() { api /metrics > "$WORK/metrics" && $PARSE < "$WORK/metrics" > "$WORK/parsed"; }
running_machine() { scrape && [ "$(value tidepool_machines 'pool="desktops",state="running"')" = 1.0 ]; }

say "a server starts and checks in; /metrics follows"
wait_for 40 "one running machine in /metrics" running_machine
[ "$(value tidepool_pool_capacity_sessions 'pool="desktops"')" = 2.0 ] || die "capacity: $(cat "$WORK/parsed")"
[ "$(value tidepool_pool_headroom_sessions 'pool="desktops"')" = 2.0 ] || die "headroom"
[ "$(value tidepool_pool_target_sessions 'pool="desktops"')" = 1.0 ] || die "target"
[ "$(value tidepool_sessions_queued 'pool="desktops"')" = 0.0 ] || die "queued"

say "provider calls and ticks are timed"
creates=$(value tidepool_provider_call_duration_seconds_count 'operation="create_vm",provider_config="local-processes"')
[ "$creates" = 1.0 ] || die "expected one timed create_vm, got '$creates'"
lists=$(value tidepool_provider_call_duration_seconds_count 'operation="list_vms",provider_config="local-processes"')
[ -n "$lists" ] || die "reconciliation's list_vms is not timed"
ticks=$(value tidepool_planner_tick_duration_seconds_count '')
awk -v n="$ticks" 'BEGIN { exit !(n >= 1) }' || die "no planner ticks timed: '$ticks'"
grep -q '^tidepool_planner_tick_duration_seconds_bucket{le="+Inf"} ' "$WORK/parsed" || die "no +Inf bucket"
grep -q '^tidepool_reconcile_machines_total{outcome="adopted"} ' "$WORK/parsed" || die "reconcile counts"
grep -q '# histogram$' "$WORK/parsed" || die "types lost"

say "a session taken shows in headroom; a queued one in the queue gauge"
"$TIDEPOOL" sessions request --pool desktops --user alice >/dev/null
scrape
[ "$(value tidepool_pool_headroom_sessions 'pool="desktops"')" = 1.0 ] || die "headroom after one session"
[ "$(value tidepool_sessions_placed 'pool="desktops"')" = 1.0 ] || die "placed gauge"

say "the reference parser is strict: a broken exposition fails it"
printf 'tidepool_x{pool="a} 1\n' | $PARSE >/dev/null 2>&1 && die "parser accepted garbage"
stop_daemon
echo "metrics e2e: passed"
