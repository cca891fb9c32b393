#!/usr/bin/env bash
# End to end against the fake AWS endpoint (tests/providers/aws/fake): tidepoold with
# tidepool-aws.so scales a Windows server pool out (RunInstances), stores the Administrator
# password it fetched with GetPasswordData sealed, registers a Route 53 A record for an agent,
# then scales both in: instances terminated, the record deleted, nothing left running. Every
# request the daemon sent passed the fake's SigV4 and model checks.
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/../providers/aws/start_fake.sh"
# Keep lib.sh's exit status: cleanup reads $? first.
trap 'rc=$?; stop_fake_aws; (exit $rc); cleanup' EXIT

start_fake_aws "$WORK/fake"
pem_json=$(jq -Rs . < "$WORK/fake/windows.pem")

# scale: 1 = one server and one agent wanted, 0 = none.
write_bundle() {
    local scale=$1
    cat > "$WORK/aws.json" <<JSON
{
  "zones": [{"id": "aws", "name": "AWS", "upstream_auth_address": "127.0.0.1:8470"}],
  "pools": [{"id": "desktops", "name": "Windows desktops", "kind": "server"},
            {"id": "agents", "name": "Agents", "kind": "agent"}],
  "provider_configs": [
    {"id": "ec2", "name": "EC2", "kind": "vm", "plugin_id": "org.tidepool.aws",
     "config": {"region": "us-east-1", "ami_id": "ami-0123456789abcdef0",
                "access_key_id": "$AWS_FAKE_KEY_ID", "secret_access_key": "$AWS_FAKE_SECRET",
                "endpoint_url": "$AWS_FAKE_URL", "max_instances": 4, "key_pair_name": "win",
                "retrieve_windows_password": true, "windows_key_pem": $pem_json}},
    {"id": "r53", "name": "Route 53", "kind": "dns", "plugin_id": "org.tidepool.aws",
     "config": {"hosted_zone_id": "$AWS_FAKE_ZONE", "poll_interval_ms": 50,
                "access_key_id": "$AWS_FAKE_KEY_ID", "secret_access_key": "$AWS_FAKE_SECRET",
                "endpoint_url": "$AWS_FAKE_URL"}}
  ],
  "autoscale_configs": [
    {"id": "win", "name": "Windows servers", "pool_id": "desktops", "zone_id": "aws",
     "vm_provider_id": "ec2", "os_family": "windows", "min_available_sessions": $scale,
     "downscale_backoff_s": 1, "startup_script": "Write-Output hello"},
    {"id": "agent", "name": "Agents", "pool_id": "agents", "zone_id": "aws",
     "vm_provider_id": "ec2", "dns_provider_id": "r53", "register_dns": true,
     "base_domain": "$AWS_FAKE_DOMAIN", "standby_cores": $scale, "agent_cores": 2,
     "agent_memory_gib": 4, "downscale_backoff_s": 1, "startup_script": "#!/bin/sh\ntrue\n"}
  ]
}
JSON
}

fake_state() { curl -fsS "$AWS_FAKE_URL/_fake/state"; }
live_instances() { fake_state | jq '[.instances[] | select(.state == "pending" or .state == "running")] | length'; }
running_in() { api /api/v1/servers | jq -e "[.items[] | select(.pool_id==\"$1\" and .state==\"running\")] | length > 0"; }
a_records() { fake_state | jq -r ".zones.$AWS_FAKE_ZONE[] | select(.Type==\"A\") | .Name + \" \" + .ResourceRecords[0].Value"; }
has_a_record() { [ -n "$(a_records)" ]; }
no_a_record() { [ -z "$(a_records)" ]; }
no_live_instances() { [ "$(live_instances)" = 0 ]; }
stored_credential() {
    python3 - "$WORK/data/tidepool.db" "$1" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(
    "SELECT kind, username, sealed_secret FROM machine_credentials WHERE machine_id = ?",
    (sys.argv[2],)).fetchall()
print("\n".join("|".join(r) for r in rows))
PY
}
has_credential() { [ -n "$(stored_credential "$1")" ]; }

write_bundle 1
start_daemon
"$TIDEPOOL" configs apply "$WORK/aws.json" >/dev/null || die "configs apply failed"

say "scale out: a Windows server and an agent are launched on EC2"
wait_for 60 "a running Windows server" running_in desktops
wait_for 60 "a running agent" running_in agents
[ "$(live_instances)" = 2 ] || die "expected 2 live instances, fake has $(live_instances)"
fake_state | jq -e '[.requests[] | select(.operation=="RunInstances") | .params.ClientToken] | all(. != null)' >/dev/null \
    || die "a RunInstances request carried no ClientToken"

say "the Windows password is fetched, decrypted and stored sealed"
server=$(api /api/v1/servers | jq -r '.items[] | select(.pool_id=="desktops" and .state=="running") | .id' | head -n 1)
wait_for 30 "a stored credential for $server" has_credential "$server"
row=$(stored_credential "$server")
[[ "$row" == password\|Administrator\|tpsealed:v1:* ]] || die "credential row not sealed: ${row:0:40}"
! grep -rq "Tidepool-Fake-Pw1" "$WORK/data" "$WORK"/daemon*.log || die "the clear password reached disk or logs"
! api /api/v1/servers | grep -q "Tidepool-Fake-Pw1" || die "the API returns the password"

say "the agent's A record is registered in Route 53"
agent=$(api /api/v1/servers | jq -r '.items[] | select(.pool_id=="agents" and .state=="running") | .id' | head -n 1)
wait_for 30 "an A record" has_a_record
record=$(a_records)
[[ "$record" == "$agent.$AWS_FAKE_DOMAIN. "* ]] || die "unexpected record: $record (agent $agent)"
ip=$(fake_state | jq -r "[.instances[] | select(.tags[\"tidepool-machine\"]==\"$agent\")][0].ip")
[ "$record" = "$agent.$AWS_FAKE_DOMAIN. $ip" ] || die "record $record does not point at $ip"

say "scale in: instances terminated, the record deleted"
write_bundle 0
"$TIDEPOOL" configs apply "$WORK/aws.json" >/dev/null || die "configs apply (scale in) failed"
wait_for 60 "every instance terminated" no_live_instances
wait_for 30 "the A record deleted" no_a_record
wait_for 30 "no live servers" no_live_servers

rejected=$(fake_aws_rejections)
[ -z "$rejected" ] || die "the fake refused requests: $rejected"
stop_daemon
echo "aws e2e: 1 passed, 0 failed"
