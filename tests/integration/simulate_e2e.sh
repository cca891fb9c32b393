#!/usr/bin/env bash
# `tidepool simulate` end to end on local files (no daemon): the table, a byte-identical --json
# summary per seed, the --out files, the binned-trace path, and errors naming the field at fault.
source "$(dirname "$0")/lib.sh" "$@"
SHARED="$(cd "$(dirname "$0")/../../.." && pwd)/shared"

cat > "$WORK/bundle.json" <<'JSON'
{"pools": [{"id": "desktops", "kind": "server"}],
 "provider_configs": [{"id": "sim", "kind": "vm", "plugin_id": "org.tidepool.sim",
   "config": {"max_instances": 100, "boot_seconds": {"distribution": "fixed", "mean": 60}}}],
 "autoscale_configs": [{"id": "on-demand", "pool_id": "desktops", "vm_provider_id": "sim",
   "min_available_sessions": 0, "max_sessions_per_server": 1, "max_users_per_server": 1,
   "downscale_backoff_s": 0}]}
JSON
# One session at 00:01:40 for 300 s: queued until the tick at 00:01:45 orders a server, which
# boots in 60 s (wait 65 s) and is removed when the session ends at 00:07:45 (360 s billed).
printf 'start,duration,user\n2026-03-02T00:01:40Z,300,alice\n' > "$WORK/trace.csv"

say "simulate: table, JSON, determinism"
"$TIDEPOOL" simulate --config "$WORK/bundle.json" --trace "$WORK/trace.csv" > "$WORK/table"
grep -q '^configured ' "$WORK/table" || die "no configured row: $(cat "$WORK/table")"
for p in static_peak schedule reactive_buffer; do grep -q "^$p " "$WORK/table" || die "no $p row"; done
"$TIDEPOOL" --json simulate --config "$WORK/bundle.json" --trace "$WORK/trace.csv" > "$WORK/a.json"
"$TIDEPOOL" --json simulate --config "$WORK/bundle.json" --trace "$WORK/trace.csv" > "$WORK/b.json"
cmp -s "$WORK/a.json" "$WORK/b.json" || die "two runs differ"
jq -e '.configured.server_hours == 0.1 and .configured.wait_s.p95 == 65
       and .configured.cold_boot_share == 1 and .configured.peak_servers == 1
       and (.policies | length == 4)' "$WORK/a.json" >/dev/null || die "summary: $(cat "$WORK/a.json")"

say "simulate --out writes summary.json and chart.svg"
"$TIDEPOOL" simulate --config "$WORK/bundle.json" --trace "$WORK/trace.csv" --out "$WORK/out" >/dev/null
cmp -s "$WORK/out/summary.json" "$WORK/a.json" || die "--out summary differs from --json"
grep -q '^<svg xmlns="http://www.w3.org/2000/svg"' "$WORK/out/chart.svg" || die "chart.svg"
grep -q '</svg>' "$WORK/out/chart.svg" || die "chart.svg is cut short"

say "simulate a binned trace: two bank-call days at 300 users"
"$TIDEPOOL" --json simulate --config "$WORK/bundle.json" --trace "$SHARED/traces/bank_calls_5min.csv" \
    --users 300 --from 2003-03-04 --days 2 --seed 5 > "$WORK/bank.json"
jq -e '.from == "2003-03-04T00:00:00Z" and .days == 2 and .configured.requests > 500' \
    "$WORK/bank.json" >/dev/null || die "bank summary: $(cat "$WORK/bank.json")"

say "simulate errors"
jq '.autoscale_configs[0].max_sessions_per_server = 0' "$WORK/bundle.json" > "$WORK/bad.json"
set +e
"$TIDEPOOL" simulate --config "$WORK/bad.json" --trace "$WORK/trace.csv" 2> "$WORK/err"; rc=$?
set -e
[ "$rc" = 1 ] || die "bad bundle: exit $rc"
grep -q '/autoscale_configs/0/max_sessions_per_server' "$WORK/err" || die "no pointer: $(cat "$WORK/err")"
printf '2026-03-02T00:00:00Z,soon\n' > "$WORK/bad.csv"
set +e
"$TIDEPOOL" simulate --config "$WORK/bundle.json" --trace "$WORK/bad.csv" 2> "$WORK/err"; rc=$?
set -e
[ "$rc" = 1 ] || die "bad trace: exit $rc"
grep -q 'trace line 1, column duration: "soon"' "$WORK/err" || die "trace error: $(cat "$WORK/err")"
say "ok"
