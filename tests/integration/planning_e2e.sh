#!/usr/bin/env bash
# Dry runs and explanations through the CLI: snapshot a live pool, plan from the snapshot (and
# from an edited one) without touching any provider, explain the live decision, and preview a
# schedule both from a file and from the stored config.
source "$(dirname "$0")/lib.sh" "$@"

make_config '.autoscale_configs[0].min_available_sessions = 2
             | .autoscale_configs[0].downscale_backoff_s = 600'
start_daemon --apply "$WORK/config.json"
wait_for 30 "a running server" some_server_in running

say "snapshot and plan: the live pool needs nothing more"
"$TIDEPOOL" snapshot desktops > "$WORK/snap.json"
jq -e '.format == "tidepool.snapshot/1" and (.machines | length) == 1' "$WORK/snap.json" >/dev/null \
    || die "unexpected snapshot: $(cat "$WORK/snap.json")"
plan=$("$TIDEPOOL" --json plan --snapshot "$WORK/snap.json")
[ "$(jq -r '.configs[0].create' <<<"$plan")" = 0 ] || die "a satisfied pool should order nothing: $plan"

say "what if the minimum were 9? the dry run orders 3 more (max_instances 4), the daemon none"
jq '.configs[0].min_available_sessions = 9' "$WORK/snap.json" > "$WORK/whatif.json"
plan=$("$TIDEPOOL" --json plan --snapshot "$WORK/whatif.json")
[ "$(jq -r '.configs[0].create' <<<"$plan")" = 3 ] || die "expected 3 more servers (max 4): $plan"
"$TIDEPOOL" plan --snapshot "$WORK/whatif.json" | grep -q "reason:" || die "plan prints no reason"
sleep 1
[ "$(live_servers | wc -l)" = 1 ] || die "a dry run must not provision anything"

say "a broken snapshot names the field"
jq '.machines[0].state = "booting"' "$WORK/snap.json" > "$WORK/bad.json"
if "$TIDEPOOL" plan --snapshot "$WORK/bad.json" 2> "$WORK/err"; then die "bad snapshot accepted"; fi
grep -q "/machines/0/state" "$WORK/err" || die "error does not name the field: $(cat "$WORK/err")"

say "explain the live decision"
"$TIDEPOOL" explain desktops | grep -q "reason: " || die "explain printed no reason"

say "schedule preview: weekdays 07:00-18:00 in New York over one week, from a file and stored"
cat > "$WORK/sched.json" <<'JSON'
{"schedules": [{"days": ["mon","tue","wed","thu","fri"], "start": "07:00", "end": "18:00",
                "timezone": "America/New_York"}]}
JSON
out=$("$TIDEPOOL" --json schedule preview --config "$WORK/sched.json" \
      --from 2026-03-02T00:00:00Z --to 2026-03-09T00:00:00Z)
[ "$(jq '.intervals | length' <<<"$out")" = 5 ] || die "expected 5 windows: $out"
[ "$(jq -r '.intervals[0].start' <<<"$out")" = "2026-03-02T12:00:00Z" ] || die "Monday 07:00 EST is 12:00Z: $out"
jq --slurpfile s "$WORK/sched.json" '.autoscale_configs[0].schedules = $s[0].schedules' \
    "$WORK/config.json" > "$WORK/scheduled.json"
"$TIDEPOOL" configs apply "$WORK/scheduled.json" >/dev/null
stored=$("$TIDEPOOL" --json schedule preview --id desktops-local \
         --from 2026-03-02T00:00:00Z --to 2026-03-09T00:00:00Z)
[ "$(jq -c . <<<"$stored")" = "$(jq -c . <<<"$out")" ] || die "stored preview differs: $stored"
stop_daemon
echo "planning e2e: 1 passed, 0 failed"
