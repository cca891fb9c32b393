#!/usr/bin/env bash
# tidepoold provisions a pool through tidepool-proxmox.so against fake_pve.py: the servers it
# orders become VMs in the configured VMID range carrying the machine tags, each running the
# core's rendered startup script. tidepoold is then SIGKILLed while it clones and restarted:
# afterwards the VMs are exactly the servers the daemon knows, one each. Scaling to zero
# deletes them all. The fake refuses no request throughout.
# Usage: daemon_e2e.sh TIDEPOOLD TIDEPOOL PLUGIN APIDATA_JSON
set -euo pipefail
PLUGIN=$3 SPEC=$4
HERE=$(cd "$(dirname "$0")" && pwd)
PVE=$(mktemp -d /tmp/tidepool-pve-e2e.XXXXXX)
SECRET=3f9e2d1c-e2e-secret
install -d -m 755 "$PVE/plugins" "$PVE/fake"
install -m 755 "$PLUGIN" "$PVE/plugins/"
source "$HERE/../../integration/lib.sh" "$1" "$2" "$PVE/plugins" /dev/null

FAKE_PID=
stop_fake() {
    local rc=$?
    if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; fi
    rm -rf "$PVE"
    return $rc
}
trap 'stop_fake; cleanup' EXIT

python3 "$HERE/fake_pve.py" --spec "$SPEC" --workdir "$PVE/fake" \
    --token "tidepool@pve!autoscale=$SECRET" 2> "$PVE/fake.log" &
FAKE_PID=$!
wait_for 60 "the fake Proxmox endpoint" test -s "$PVE/fake/port"
FAKE="https://127.0.0.1:$(cat "$PVE/fake/port")"
fake() { curl -fsS --cacert "$PVE/fake/cert.pem" "$FAKE/_fake/$1" "${@:2}"; }
fault() { fake fault -X POST -d "$1" >/dev/null; }

# Tasks take a few polls, so a create spans several round trips a crash can cut.
fault '{"name": "task_polls", "value": 4}'

# $1: min_available_sessions
write_config() {
    jq -n --arg host "127.0.0.1:$(cat "$PVE/fake/port")" --arg ca "$PVE/fake/cert.pem" \
          --arg secret "$SECRET" --argjson min "$1" '{
      zones: [{id: "dc1", name: "Datacenter 1", upstream_auth_address: "10.0.0.1:443"}],
      pools: [{id: "desktops", name: "Proxmox desktops", kind: "server"}],
      provider_configs: [{id: "pve", name: "Proxmox cluster", kind: "vm",
        plugin_id: "org.tidepool.proxmox",
        config: {host: $host, username: "tidepool@pve", token_name: "autoscale",
                 token_value: $secret, ca_file: $ca, vmid_lower: 3000, vmid_upper: 3019,
                 template_name: "ubuntu-template", node: "pve1", cores: 2, memory_gib: 4,
                 max_instances: 10, poll_interval_ms: 50, agent_timeout_s: 30}}],
      autoscale_configs: [{id: "desktops-pve", name: "Proxmox desktops", pool_id: "desktops",
        zone_id: "dc1", vm_provider_id: "pve", min_available_sessions: $min,
        max_sessions_per_server: 1, max_users_per_server: 1, downscale_backoff_s: 0,
        require_checkin: false,
        startup_script: "#!/bin/bash\necho server {server_id} joins via {upstream_auth_address}\n"}]
    }' > "$WORK/config-$1.json"
}

# VM names in the config's range, one line each, sorted; and the daemon's live server names.
range_vm_names() { fake state | jq -r '.vms[] | select(.vmid >= 3000 and .vmid <= 3019) | .name' | sort; }
live_names() { api /api/v1/servers | jq -r '.items[] | select(.state != "gone") | .name' | sort; }
consistent() {
    local vms names
    vms=$(range_vm_names) names=$(live_names)
    [ -z "$(uniq -d <<<"$vms")" ] || die "a VM was cloned twice: $vms"
    [ "$vms" = "$names" ]
}
running_and_consistent() { [ "$(count_servers_in running)" -eq "$1" ] && consistent; }

say "the daemon provisions two servers as Proxmox clones"
write_config 2
start_daemon --apply "$WORK/config-2.json"
wait_for 90 "two running servers matching two VMs" running_and_consistent 2
state=$(fake state)
for id in $(live_servers); do
    jq -e --arg id "$id" '[.vms[] | select(.config.description | contains("tidepool-machine=" + $id))
        | select(.config.tags == "tidepool;tidepool-ready")] | length == 1' <<<"$state" >/dev/null \
        || die "no tagged, ready VM for server $id"
    # {upstream_auth_address} is operator text, so it arrives as one quoted shell word.
    jq -e --arg id "$id" --arg via "joins via '10.0.0.1:443'" \
        '[.files[] | select(.content | contains("server " + $id + " " + $via))]
        | length == 1' <<<"$state" >/dev/null || die "server $id got no rendered startup script"
done
api /api/v1/servers | jq -e '[.items[] | select(.state == "running") | .address | startswith("10.20.")]
    | all' >/dev/null || die "servers lack the guest agent's address"

say "SIGKILL while cloning, restart, reconcile"
write_config 5
kill_daemon
start_daemon --apply "$WORK/config-5.json"
wait_for 30 "a server being provisioned" some_server_in starting
sleep 0.7
kill_daemon
start_daemon
wait_for 120 "five running servers matching five VMs" running_and_consistent 5

say "scale to zero deletes every VM"
write_config 0
"$TIDEPOOL" configs apply "$WORK/config-0.json" >/dev/null
no_range_vms() { [ -z "$(range_vm_names)" ] && no_live_servers; }
wait_for 90 "no VMs left" no_range_vms
[ "$(fake state | jq '.rejections | length')" = 0 ] || die "the fake refused requests: $(fake state | jq -c .rejections)"
stop_daemon
echo "proxmox daemon e2e: 1 passed, 0 failed"
