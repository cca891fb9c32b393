# Helpers for crash_harness.sh (sourced after tests/integration/lib.sh): the config bundle, the
# session bookkeeping and the leak/double counters. Conditions are functions, not strings, so
# their own command lines never match the process patterns they look for.

# write_bundle SIM_TARGET LOCAL_TARGET: both pools kept at that many idle one-session servers.
write_bundle() {
    jq -n --argjson sim "$1" --argjson local "$2" --arg state "$SIM_STATE" \
          --arg dir "$WORK/instances" --arg tag "$TAG" --argjson seed "$SEED" '
    def config($id; $pool; $provider; $min):
      {id: $id, name: $id, pool_id: $pool, zone_id: "here", vm_provider_id: $provider,
       min_available_sessions: $min, max_sessions_per_server: 1, max_users_per_server: 1,
       downscale_backoff_s: 0};
    {zones: [{id: "here", name: "This machine", upstream_auth_address: "127.0.0.1:1"}],
     pools: [{id: "sim-pool", name: "On the sim", kind: "server"},
             {id: "local-pool", name: "On local processes", kind: "server"}],
     provider_configs: [
       {id: "sim", name: "Simulated cloud", kind: "vm", plugin_id: "org.tidepool.sim",
        # Boots, deletes and every API call take time, so kills cut creates and deletes off
        # on the wire (the cloud acted, the answer never came) as well as before they were
        # sent; a few injected 5xx and lost answers exercise retries and adoption too.
        config: {cloud: "crash", state_file: $state, max_instances: 100000, seed: $seed,
                 boot_seconds: {distribution: "uniform", min: 0.5, max: 3},
                 delete_seconds: {distribution: "uniform", min: 0.3, max: 1.5},
                 api_latency_seconds: {distribution: "lognormal", mean: 0.1, sigma: 0.5,
                                       min: 0.02, max: 0.5},
                 gone_visible_seconds: 100000000,
                 errors: {server_error_rate: 0.02, timeout_rate: 0.02, timeout_after_ms: 50}}},
       {id: "local", name: "Local processes", kind: "vm", plugin_id: "org.tidepool.local",
        config: {state_dir: $dir, max_instances: 100000}}],
     autoscale_configs: [
       config("on-sim"; "sim-pool"; "sim"; $sim) + {startup_script: "#!/bin/sh\ntrue\n"},
       # A kill can cut the check-in off mid-request (an empty reply, a reset): like a real
       # agent, the script retries that too, not only a refused connection.
       config("on-local"; "local-pool"; "local"; $local) + {
         require_checkin: true, checkin_timeout_s: 20,
         startup_script: ("#!/usr/bin/env bash\ncurl -fsS --retry 30 --retry-connrefused " +
           "--retry-delay 1 --retry-all-errors -X POST -H \"Content-Type: application/json\" " +
           "-d \"{{\\\"status\\\":\\\"running\\\"}}\" \"{checkin_url}\"\n" +
           "exec -a tp-e2e-" + $tag + "-{server_id} sleep infinity\n")}]}'
}

# request_session USER POOL: remembers the id only if the API acknowledged it (2xx, an id).
request_session() {
    local out id
    out=$("$TIDEPOOL" --json sessions request --pool "$2" --user "$1" 2>/dev/null) || return 0
    id=$(jq -r '.id // empty' <<<"$out" 2>/dev/null) || return 0
    [ -n "$id" ] && echo "$id" >> "$ACKED"
    return 0
}

LOST=0
# Every acknowledged session must still be there (in any state) after a restart. One curl for
# all of them: forks are what is slow on a loaded machine.
check_sessions_kept() {
    local urls=() id present
    while read -r id; do [ -n "$id" ] && urls+=("$URL/api/v1/sessions/$id"); done < "$ACKED"
    [ ${#urls[@]} -gt 0 ] || return 0
    present=$(curl -sS -H @"$WORK/auth-header" "${urls[@]}" 2>/dev/null |
              jq -r '.id // empty' 2>/dev/null | sort -u) || true
    for id in $(sort -u "$ACKED" | comm -23 - <(echo "$present")); do
        echo "LOST acknowledged session $id"
        LOST=$((LOST + 1))
        sed -i "/^$id\$/d" "$ACKED"
    done
}

# Ends every acknowledged session so the pools can scale in (ended rows stay and are checked).
release_sessions() {
    local id
    while read -r id; do
        [ -n "$id" ] && "$TIDEPOOL" sessions release "$id" >/dev/null 2>&1 || true
    done < "$ACKED"
}

LOCAL_DOUBLED=0
# Two processes for one server id at any moment we look is a double.
check_local_not_doubled() {
    local twice
    twice=$(instance_processes | uniq -d | wc -l)
    [ "$twice" -eq 0 ] || echo "DOUBLED local instances: $(instance_processes | uniq -d)"
    LOCAL_DOUBLED=$((LOCAL_DOUBLED + twice))
}

# The sim cloud's VMs as "machine-tag deleted(0/1)" lines, over its whole history.
sim_vms() {
    [ -s "$SIM_STATE" ] || return 0
    jq -r '.vms[] | [(.tags | map(select(.[0] == "tidepool-machine")) | .[0][1] // "untagged"),
                     (if .delete_requested_ms > 0 then 1 else 0 end)] | @tsv' "$SIM_STATE"
}
sim_vm_count() { sim_vms | wc -l; }
sim_live_vms() { sim_vms | awk '$2 == 0 { print "live sim VM for " $1 }'; }
count_sim_doubled() { sim_vms | cut -f1 | sort | uniq -d | wc -l; }
count_leaked() { echo $(( $(sim_live_vms | wc -l) + $(instance_processes | wc -l) )); }

all_settled() {
    [ "$(count_leaked)" -eq 0 ] && [ -z "$(live_servers)" ]
}

# The running daemon's reconcile outcomes three ways, which must agree value for value: the
# lines it logged ("reconcile: <outcome> ..."), /metrics and `tidepool status`. Prints them.
RECONCILE_OUTCOMES="adopted:adopted orphan_deleted:orphans_deleted intent_finished:intents_finished
                    intent_rolled_back:intents_rolled_back vanished:vanished"
reconcile_counts() {
    local log status metrics pair outcome key logged scraped reported
    log=$(ls -t "$WORK"/daemon.*.log | head -n 1)
    status=$("$TIDEPOOL" --json status) || return 1
    metrics=$(api /metrics) || return 1
    for pair in $RECONCILE_OUTCOMES; do
        outcome=${pair%%:*} key=${pair#*:}
        logged=$(grep -c "\"msg\":\"reconcile: $outcome " "$log" || true)
        scraped=$(awk -v o="tidepool_reconcile_machines_total{outcome=\"$outcome\"}" \
                      '$1 == o { print $2 + 0 }' <<<"$metrics")
        reported=$(jq -r ".reconcile.$key" <<<"$status")
        echo "$outcome log=$logged metrics=$scraped status=$reported"
    done
}
reconcile_counts_agree() {
    ! reconcile_counts | awk '{ split($2, l, "="); split($3, m, "="); split($4, s, "=");
                                if (l[2] != m[2] || l[2] != s[2]) print }' | grep -q .
}

# Machines given up for never checking in. Every attempt at a create renders the same
# check-in token, so a retried create that adopts the first attempt's instance can still check
# in: with the token minted afresh per attempt this counted such machines.
count_checkin_missed() { cat "$WORK"/daemon.*.log | grep -c "no check-in within" || true; }
