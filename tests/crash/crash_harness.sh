#!/usr/bin/env bash
# Crash harness: SIGKILL tidepoold at seeded random moments while it scales instances out and
# then in on two providers at once — the sim (a cloud whose state_file survives the kill) and
# the local plugin (real processes, told apart by argv[0]) — restarting it after every kill.
# At the end, with the daemon up and every pool at 0, it asserts:
#   leaked   = 0  instances still alive (sim VMs not deleted, local processes) once the
#                 daemon has reconciled and the orphan grace period has passed;
#   doubled  = 0  two instances ever made for one machine (sim: one tidepool-machine tag on
#                 two VMs over the cloud's whole history; local: two processes for one server);
#   lost     = 0  sessions the API acknowledged before a kill that are missing after it;
#   checkin_missed = 0  local servers given up for never checking in (a retried create must
#                 render the token the first attempt's instance carries);
# and that the last daemon's reconcile counts agree between its log, /metrics and
# `tidepool status`.
#
# Usage: crash_harness.sh TIDEPOOLD TIDEPOOL PLUGIN_DIR [--long]
#   Short mode (ctest): 6 kills, 40 sim + 8 local instances: small enough for a loaded 2-core
#   CI machine, large enough that every kill still cuts creates or deletes off mid-flight.
#   Both modes give the sim real latency (boots 0.5-3 s, deletes 0.3-1.5 s, ~0.1 s per API
#   round trip), so kills land while calls are in flight, and some right after a restart,
#   during the start-up reconciliation.
#   Long mode (--long or TIDEPOOL_CRASH_LONG=1): >= 100 kills, 200 sim + 200 local; prints
#   BENCH crash.kills / crash.leaked / crash.doubled / crash.lost.
#   TIDEPOOL_CRASH_SEED=N replays a run (the seed is printed first); TIDEPOOL_CRASH_SIM,
#   TIDEPOOL_CRASH_LOCAL and TIDEPOOL_CRASH_KILLS override the sizes.
LONG=${TIDEPOOL_CRASH_LONG:-0}
[ "${4:-}" = "--long" ] && LONG=1
# lib.sh wants a quickstart bundle as its fourth argument; this harness writes its own.
source "$(dirname "$0")/../integration/lib.sh" "$1" "$2" "$3" /dev/null

# TIDEPOOL_CRASH_KEEP=DIR keeps the daemon logs and the sim cloud's state file for a post-mortem.
keep_evidence() {
    [ -n "${TIDEPOOL_CRASH_KEEP:-}" ] || return 0
    mkdir -p "$TIDEPOOL_CRASH_KEEP" && cp -r "$WORK"/daemon*.log "$WORK"/sim-cloud.json \
        "$TIDEPOOL_CRASH_KEEP"/ 2>/dev/null || true
}
trap 'keep_evidence; cleanup' EXIT

SEED=${TIDEPOOL_CRASH_SEED:-$(( $(date +%s%N) % 1000000 ))}
if [ "$LONG" = 1 ]; then
    SIM_N=${TIDEPOOL_CRASH_SIM:-200} LOCAL_N=${TIDEPOOL_CRASH_LOCAL:-200}
    KILLS=${TIDEPOOL_CRASH_KILLS:-100}
else
    SIM_N=${TIDEPOOL_CRASH_SIM:-40} LOCAL_N=${TIDEPOOL_CRASH_LOCAL:-8}
    KILLS=${TIDEPOOL_CRASH_KILLS:-6}
fi
echo "crash harness: seed $SEED (replay with TIDEPOOL_CRASH_SEED=$SEED), $KILLS kills," \
     "$SIM_N sim + $LOCAL_N local instances"
RANDOM=$SEED
SIM_STATE="$WORK/sim-cloud.json"
ACKED="$WORK/acked-sessions"
: > "$ACKED"
DAEMON_ARGS=(--orphan-grace-s 2 --reconcile-every 5 --workers 4)

source "$(dirname "$0")/crash_lib.sh"

# Where a kill lands: a quarter within 0.3 s of the restart, while the start-up reconciliation
# lists the providers and settles the journal; the rest anywhere in the next 2.2 s, while
# creates and deletes (each a sim API round trip, on every worker) are in flight and the
# periodic reconciliation (every second here) runs again.
kill_delay_ms() {
    if (( RANDOM % 4 == 0 )); then echo $(( RANDOM % 300 )); else echo $(( 300 + RANDOM % 2200 )); fi
}

# One kill cycle: start, let it work (a session request may land in between), SIGKILL, and
# check no acknowledged session was lost across the restart.
kill_cycle() {
    local n=$1 delay
    delay=$(kill_delay_ms)
    start_daemon "${DAEMON_ARGS[@]}"
    check_sessions_kept
    (( RANDOM % 2 == 0 )) && request_session "u$n" sim-pool
    (( RANDOM % 4 == 0 )) && request_session "v$n" local-pool
    sleep "$(printf '%d.%03d' $(( delay / 1000 )) $(( delay % 1000 )))"
    kill_daemon
    echo "kill $n after ${delay} ms"
    check_local_not_doubled
}

write_bundle "$SIM_N" "$LOCAL_N" > "$WORK/out.json"
write_bundle 0 0 > "$WORK/in.json"
start_daemon "${DAEMON_ARGS[@]}" --apply "$WORK/out.json"
kill_daemon

kills=0
cycles=$(( LONG == 1 ? 10 : 1 ))
per_phase=$(( KILLS / (2 * cycles) ))
for cycle in $(seq 1 "$cycles"); do
    say "cycle $cycle: scale out to $SIM_N sim + $LOCAL_N local, killing $per_phase times"
    start_daemon "${DAEMON_ARGS[@]}" --apply "$WORK/out.json"; kill_daemon
    for _ in $(seq 1 "$per_phase"); do kills=$((kills + 1)); kill_cycle "$kills"; done
    say "cycle $cycle: scale in to 0, killing $per_phase times"
    start_daemon "${DAEMON_ARGS[@]}" --apply "$WORK/in.json"
    release_sessions
    kill_daemon
    for _ in $(seq 1 "$per_phase"); do kills=$((kills + 1)); kill_cycle "$kills"; done
done

say "restart, reconcile and settle at 0"
start_daemon "${DAEMON_ARGS[@]}"
check_sessions_kept
release_sessions
wait_for 120 "every instance deleted and every server gone" all_settled || true
leaked=$(count_leaked)
checkin_missed=$(count_checkin_missed)
wait_for 20 "reconcile counts to agree between log, /metrics and status" reconcile_counts_agree ||
    true
reconcile_counts
doubled=$(( $(count_sim_doubled) + LOCAL_DOUBLED ))
lost=$LOST
echo "BENCH crash.kills $kills"
echo "BENCH crash.leaked $leaked"
echo "BENCH crash.doubled $doubled"
echo "BENCH crash.lost $lost"
echo "BENCH crash.checkin_missed $checkin_missed"
echo "sessions acknowledged: $(wc -l < "$ACKED"); sim VMs ever made: $(sim_vm_count)"
[ "$leaked" -eq 0 ] || { sim_live_vms; instance_processes; die "$leaked leaked instances (seed $SEED)"; }
[ "$doubled" -eq 0 ] || die "$doubled doubled instances (seed $SEED)"
[ "$lost" -eq 0 ] || die "$lost acknowledged sessions lost (seed $SEED)"
[ "$checkin_missed" -eq 0 ] || die "$checkin_missed servers never checked in (seed $SEED)"
reconcile_counts_agree || die "reconcile counts disagree between log, /metrics and status"
stop_daemon
echo "crash harness: 1 passed, 0 failed"
