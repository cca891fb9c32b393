#!/usr/bin/env bash
# CLI parity end to end: every command of `tidepool --help` is driven once against a real
# tidepoold with the local provider (a server pool and an agent pool), checking its table
# output, its --json shape and its exit code (0 ok, 1 API error, 2 usage, 3 cannot connect).
# The list of commands comes from `tidepool --help`, so a command added without being driven
# here fails this test.
source "$(dirname "$0")/lib.sh" "$@"

# A server pool on demand and an agent pool keeping one core of standby, both local processes.
make_config '.autoscale_configs[0].min_available_sessions = 0
  | .autoscale_configs[0].require_checkin = false
  | .pools += [{"id": "agents", "name": "Container hosts", "kind": "agent"}]
  | .autoscale_configs += [.autoscale_configs[0] + {"id": "agents-local", "name": "Agents",
      "pool_id": "agents", "standby_cores": 1, "agent_cores": 4, "agent_gpus": 0,
      "agent_memory_gib": 8, "min_available_sessions": 0, "downscale_backoff_s": 3600,
      "schedules": [{"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "00:00",
                     "end": "23:59", "timezone": "UTC"}],
      "extra_windows": [{"start": "2020-01-01T00:00", "end": "2040-01-01T00:00",
                         "timezone": "UTC"}]}
      | del(.max_sessions_per_server, .max_users_per_server)]'
start_daemon

DRIVEN="$WORK/driven"
: > "$DRIVEN"
# tp WANT_EXIT "COMMAND WORDS" [GLOBAL OPTIONS...] [-- ARGS...]: runs tidepool, checks its exit
# code, leaves stdout in $OUT and stderr in $ERR, and records COMMAND as driven.
tp() {
    local want=$1 command=$2; shift 2
    local globals=() rest=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do globals+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    rest=("$@")
    local words
    read -r -a words <<<"$command"
    set +e
    OUT=$("$TIDEPOOL" "${globals[@]}" "${words[@]}" "${rest[@]}" 2>"$WORK/err")
    local rc=$?
    set -e
    ERR=$(cat "$WORK/err")
    [ "$rc" = "$want" ] || die "tidepool ${globals[*]} $command ${rest[*]}: exit $rc, wanted $want
stdout: $OUT
stderr: $ERR"
    echo "$command" >> "$DRIVEN"
}
# The --json output is one JSON document matching the jq filter.
json_is() { jq -e "$1" <<<"$OUT" >/dev/null || die "unexpected JSON ($1): $OUT"; }
has() { grep -q -- "$1" <<<"$OUT" || die "expected \"$1\" in: $OUT"; }

say "configs apply, and the listing commands"
tp 0 "configs apply" -- "$WORK/config.json"
has "applied"
tp 0 "status" --json; json_is '.version and (.servers | type == "object")'
tp 0 "status"; has "installation_id"
tp 0 "zones"; has "local"
tp 0 "zones" --json; json_is '.items[0].id == "local"'
tp 0 "zones show" -- local; has "upstream_auth_address"
tp 0 "pools" -- --kind agent; has "agents"
tp 0 "pools show" --json -- agents; json_is '.kind == "agent"'
tp 0 "providers"; has "local-processes"
tp 0 "providers show" --json -- local-processes; json_is '.plugin_id == "org.tidepool.local"'
tp 0 "configs show" -- agents-local; has "standby_cores"
tp 0 "configs list" --json; json_is '[.items[].id] == ["agents-local", "desktops-local"]'
tp 0 "schedules"; has "agents-local"
tp 0 "schedules" --json -- --pool agents --active true
json_is '.items | length == 1 and .[0].config_id == "agents-local" and .[0].active == true'
tp 0 "schedules show" --json -- desktops-local
json_is '.active == true and .next_change == null and .schedules == []'
tp 0 "schedule preview" -- --id agents-local --from 2026-03-02T00:00:00Z --to 2026-03-03T00:00:00Z
tp 0 "plugin list"; has "org.tidepool.local"
tp 0 "plugin reload" --json; json_is '.items | length >= 1'
tp 0 "plugin check" -- "$PLUGIN_DIR/tidepool-local.so"

say "an agent starts for the standby core; agents and servers show it"
agent_running() { api "/api/v1/agents?state=running" | jq -e '.items | length == 1' >/dev/null; }
wait_for 30 "a running agent" agent_running
tp 0 "agents" --json -- --pool agents
json_is '.items[0].cores == 4 and .items[0].free.cores == 4 and .items[0].allocated.cores == 0'
agent=$(jq -r '.items[0].id' <<<"$OUT")
tp 0 "agents" -- --state running; has "4/4"
tp 0 "agents show" -- "$agent"; has "allocated"
tp 0 "servers" -- --pool agents --state running; has "$agent"
tp 0 "servers show" --json -- "$agent"; json_is ".id == \"$agent\" and .sessions == 0"

say "a session: request, list, connection, release"
tp 0 "sessions request" --json -- --pool desktops --user alice --wait 30
json_is '.state == "placed"'
sid=$(jq -r .id <<<"$OUT")
server=$(jq -r .server_id <<<"$OUT")
tp 1 "agents show" -- "$server"; grep -q "is a server of pool" <<<"$ERR" || die "agents show of a server: $ERR"
tp 0 "sessions" -- --pool desktops; has "$sid"
tp 0 "sessions connection" --json -- "$sid"; json_is '.address != null'
tp 0 "sessions show" --json -- "$sid"; json_is '.state == "placed" and .connection.address != null'

say "users' SSH keys: set (from files, encrypted), list, show, delete"
openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256 -aes256 -pass pass:open-sesame \
    -out "$WORK/bob.pem" 2>/dev/null
printf 'open-sesame\n' > "$WORK/bob.pass"
tp 1 "user-keys set" -- bob --private-key-file "$WORK/bob.pem"; grep -q passphrase <<<"$ERR" ||
    die "an encrypted key without its passphrase: $ERR"
tp 0 "user-keys set" --json -- bob --private-key-file "$WORK/bob.pem" --passphrase-file "$WORK/bob.pass"
json_is '.user == "bob" and .algorithm == "ecdsa" and (has("private_key") | not)'
tp 0 "user-keys" -- ; has "bob"
tp 0 "user-keys show" -- bob; has "BEGIN PUBLIC KEY"
tp 0 "user-keys delete" -- bob; has "deleted"
tp 1 "user-keys show" -- bob
tp 0 "servers drain" --json -- "$server"; json_is '.state == "draining"'
tp 0 "servers undrain" -- "$server"; has "running"
tp 0 "sessions release" -- "$sid"

say "planning views: decisions, explain, snapshot, plan"
has_decision() { api /api/v1/pools/agents/decisions | jq -e '.items | length > 0' >/dev/null; }
wait_for 20 "a decision for the agent pool" has_decision
tp 0 "decisions" -- agents --limit 2; has "agents-local:"
tp 0 "decisions" --json -- agents --limit 1; json_is '.items | length == 1 and (.[0].seq | type == "number")'
tp 0 "explain" -- agents; has "config agents-local"
tp 0 "snapshot" -- agents
echo "$OUT" > "$WORK/snapshot.json"
tp 0 "plan" -- --snapshot "$WORK/snapshot.json"; has "agents-local"
cat > "$WORK/sim.json" <<'JSON'
{"pools": [{"id": "p", "kind": "server"}],
 "provider_configs": [{"id": "sim", "kind": "vm", "plugin_id": "org.tidepool.sim", "config": {}}],
 "autoscale_configs": [{"id": "c", "pool_id": "p", "vm_provider_id": "sim"}]}
JSON
printf '2026-03-02T09:00:00Z,600,alice\n' > "$WORK/sim.csv"
tp 0 "simulate" -- --config "$WORK/sim.json" --trace "$WORK/sim.csv"; has "static_peak"
tp 0 "simulate" --json -- --config "$WORK/sim.json" --trace "$WORK/sim.csv"
json_is '.configured.requests == 1 and (.policies | length == 4)'
tp 2 "simulate" -- --config "$WORK/sim.json" --trace "$WORK/sim.csv" --users 5

say "watch: replays remembered events and stops after --count"
tp 0 "watch" --json -- --since 0 --count 1 --for 10
jq -e '.kind' <<<"$(head -n 1 <<<"$OUT")" >/dev/null || die "watch --json line: $OUT"

say "keys: create, list, revoke"
tp 0 "key create" --json -- --role read-only --name parity
json_is '.role == "read-only" and (.key | startswith("key-"))'
key_id=$(jq -r .id <<<"$OUT")
tp 0 "key list"; has "$key_id"
tp 0 "key revoke" -- "$key_id"

say "staging configs: applied in a bundle, then list, show, delete"
# desired_count 0: nothing is staged, so the agent checks above and below keep their numbers.
echo '{"staging_configs": [{"id": "nb", "pool_id": "agents", "workspace": "notebook",
  "desired_count": 0, "cores": 1}]}' > "$WORK/staging.json"
tp 0 "configs apply" -- "$WORK/staging.json"; has "staging_configs"
tp 0 "staging list" -- --pool agents; has "notebook"
tp 0 "staging list" --json -- --enabled false; json_is '.items == []'
tp 0 "staging show" --json -- nb; json_is '.workspace == "notebook" and .expiry_hours == 24'
tp 1 "configs delete" -- --kind pool agents; grep -q "staging configs" <<<"$ERR" \
    || die "deleting a pool with a staging config: $ERR"
tp 0 "staging delete" -- nb; has "deleted staging config nb"
tp 1 "staging show" -- nb
tp 0 "sessions request" --json -- --pool agents --user carol --workspace notebook --cores 1
json_is '.workspace == "notebook" and .staging_config_id == null and .cores == 1'
tp 0 "sessions release" -- "$(jq -r .id <<<"$OUT")"

say "deletion of every object kind, refused while still referenced"
tp 1 "configs delete" -- --kind pool agents
tp 1 "configs delete" -- agents-local; grep -q "still used by servers" <<<"$ERR" \
    || die "deleting a config with machines: $ERR"
# Switch both configs off and drain their machines, so nothing refers to them any more.
jq '.autoscale_configs[].enabled = false' "$WORK/config.json" > "$WORK/disabled.json"
"$TIDEPOOL" configs apply "$WORK/disabled.json" >/dev/null
for id in $(live_servers); do "$TIDEPOOL" servers drain "$id" >/dev/null || true; done
wait_for 60 "every machine gone" no_live_servers
tp 0 "configs delete" -- agents-local
tp 0 "configs delete" -- desktops-local
tp 0 "configs delete" -- --kind provider local-processes
tp 0 "configs delete" --json -- --kind pool agents
tp 0 "configs delete" -- --kind zone local; has "deleted zone local"
tp 1 "zones show" -- local
tp 0 "zones"; has "no zones"

say "usage errors exit 2, an unreachable daemon exits 3"
tp 2 "servers show"
tp 2 "configs delete" -- --kind planet x
tp 2 "agents" -- --state sleeping
tp 3 "status" --url http://127.0.0.1:1

say "every command of tidepool --help was driven"
"$TIDEPOOL" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z ]*[a-z]\)  .*/\1/p' \
    | sort -u > "$WORK/listed"
[ "$(wc -l < "$WORK/listed")" -ge 30 ] || die "could not read the command list: $(cat "$WORK/listed")"
missing=$(sort -u "$DRIVEN" | comm -23 "$WORK/listed" -)
[ -z "$missing" ] || die "commands not driven by cli_parity_e2e.sh (add them): $missing"
stop_daemon
echo "cli parity e2e: $(sort -u "$DRIVEN" | wc -l) commands driven; 1 passed, 0 failed"
