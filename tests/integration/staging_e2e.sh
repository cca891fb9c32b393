#!/usr/bin/env bash
# Staged sessions end to end (issue 4): tidepoold with the local provider keeps an agent pool's
# staging config filled, a request for the workspace takes a staged session at once and it is
# refilled, and a disabled staging config ends its unused staged sessions while the taken one
# stays. Expiry needs hours of clock; it is covered by unit.runtime's staging test.
source "$(dirname "$0")/lib.sh" "$@"

# An agent pool with no standby: the agents it gets are ordered for staging alone.
make_config '.autoscale_configs[0].min_available_sessions = 0
  | .autoscale_configs[0].require_checkin = false
  | .pools += [{"id": "agents", "name": "Container hosts", "kind": "agent"}]
  | .autoscale_configs += [.autoscale_configs[0] + {"id": "agents-local", "name": "Agents",
      "pool_id": "agents", "standby_cores": 0, "agent_cores": 4, "agent_gpus": 0,
      "agent_memory_gib": 8, "min_available_sessions": 0, "downscale_backoff_s": 3600}
      | del(.max_sessions_per_server, .max_users_per_server)]
  | .staging_configs = [{"id": "nb", "name": "Notebooks", "pool_id": "agents",
      "workspace": "notebook", "desired_count": 2, "expiry_hours": 1, "cores": 1,
      "memory_gib": 2}]'
start_daemon
"$TIDEPOOL" configs apply "$WORK/config.json" | grep -q "staging_configs" ||
    die "configs apply did not report the staging configs"

staged_ids() { api "/api/v1/sessions?pool=agents&state=staged" | jq -r '.items[].id' | sort; }
staged_count_is() { [ "$(staged_ids | wc -l)" -eq "$1" ]; }

say "the planner orders an agent for the staging demand, and two sessions are staged on it"
wait_for 60 "two staged sessions" staged_count_is 2
api "/api/v1/sessions?pool=agents&state=staged" |
    jq -e '.items | all(.workspace == "notebook" and .staging_config_id == "nb"
                        and .user == "" and .cores == 1 and .expires_at != null)' >/dev/null ||
    die "staged sessions look wrong: $(api "/api/v1/sessions?pool=agents&state=staged")"
api "/api/v1/agents?pool=agents&state=running" | jq -e '.items[0].allocated.cores == 2' \
    >/dev/null || die "staged sessions do not hold agent capacity"
before=$(staged_ids)

say "a request for the workspace takes one at once; it is refilled"
taken=$("$TIDEPOOL" --json sessions request --pool agents --user ada --workspace notebook)
jq -e '.state == "placed" and .user == "ada" and .workspace == "notebook"' <<<"$taken" \
    >/dev/null || die "the request did not take a staged session: $taken"
taken_id=$(jq -r .id <<<"$taken")
grep -qx "$taken_id" <<<"$before" || die "$taken_id was not one of the staged sessions"
refilled() { staged_count_is 2 && ! staged_ids | grep -qx "$taken_id"; }
wait_for 30 "the staged session to be refilled" refilled
other=$("$TIDEPOOL" --json sessions request --pool agents --user bob --workspace rstudio \
    --cores 1 --memory-gib 1)
jq -e '.workspace == "rstudio" and .staging_config_id == null and .cores == 1 and
       .memory_gib == 1' <<<"$other" >/dev/null ||
    die "a request for an unstaged workspace took a staged session or lost its size: $other"

say "a request no agent could hold, or with no size at all, is refused and names the member"
if out=$("$TIDEPOOL" sessions request --pool agents --user eve --cores 64 2>&1); then
    die "a 64-core request on 4-core agents was accepted: $out"
fi
grep -q "the largest offers 4" <<<"$out" || die "the refusal does not say why: $out"
if out=$("$TIDEPOOL" sessions request --pool agents --user eve --workspace nothing 2>&1); then
    die "a request with no size was accepted: $out"
fi
grep -q "needs a size" <<<"$out" || die "the refusal does not say what is missing: $out"

say "a disabled staging config ends its unused staged sessions; the taken one stays"
api_call PUT /api/v1/staging-configs/nb "$(api /api/v1/staging-configs/nb | jq -c '.enabled = false')" \
    >/dev/null
wait_for 30 "no staged sessions" staged_count_is 0
session_state_is "$taken_id" placed || die "the taken session did not stay placed"
api "/api/v1/sessions?pool=agents&state=ended" |
    jq -e '[.items[] | select(.staging_config_id == "nb" and .user == "")] | length >= 2' \
    >/dev/null || die "the dropped staged sessions are not recorded as ended"

say "the API refuses a staging config on a server pool, naming the field"
status=$(api_status POST /api/v1/staging-configs -H @"$WORK/auth-header" \
    -H 'Content-Type: application/json' \
    --data-binary '{"id": "bad", "pool_id": "desktops", "workspace": "w", "cores": 1}')
[ "$status" = 400 ] || die "POST of a staging config on a server pool: HTTP $status"
jq -e '.error.field == "/pool_id" and (.error.message | test("agent"))' "$WORK/last-body" \
    >/dev/null || die "unexpected refusal: $(cat "$WORK/last-body")"
say "ok"
