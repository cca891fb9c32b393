#!/usr/bin/env bash
# `tidepool plugin check tidepool-proxmox.so --config ...` passes its live contract (create,
# list by tag, get, retried create, delete, gone, delete again) against fake_pve.py, and every
# request it caused passed the API schema.
# Usage: plugin_check_test.sh TIDEPOOL PLUGIN APIDATA_JSON
set -euo pipefail
TIDEPOOL=$1 PLUGIN=$2 SPEC=$3
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/tidepool-pvecheck.XXXXXX)
SECRET=9b1c7d4e-check-secret
FAKE_PID=
cleanup() {
    if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
die() { echo "FAIL: $*" >&2; exit 1; }

install -d -m 755 "$WORK/plugins" "$WORK/fake"
install -m 755 "$PLUGIN" "$WORK/plugins/"
python3 "$HERE/fake_pve.py" --spec "$SPEC" --workdir "$WORK/fake" \
    --token "tidepool@pve!autoscale=$SECRET" 2> "$WORK/fake.log" &
FAKE_PID=$!
for _ in $(seq 600); do [ -s "$WORK/fake/port" ] && break; sleep 0.1; done
[ -s "$WORK/fake/port" ] || die "fake_pve.py did not start: $(cat "$WORK/fake.log")"
PORT=$(cat "$WORK/fake/port")

cat > "$WORK/proxmox.json" <<JSON
{"host": "127.0.0.1:$PORT", "username": "tidepool@pve", "token_name": "autoscale",
 "token_value": "$SECRET", "ca_file": "$WORK/fake/cert.pem",
 "vmid_lower": 2000, "vmid_upper": 2009, "template_name": "ubuntu-template", "node": "pve1",
 "cores": 2, "memory_gib": 2, "poll_interval_ms": 20, "agent_timeout_s": 30}
JSON
"$TIDEPOOL" plugin check "$WORK/plugins/tidepool-proxmox.so" --config "$WORK/proxmox.json" \
    > "$WORK/out" 2>&1 || die "plugin check failed: $(cat "$WORK/out")"
cat "$WORK/out"
grep -q "create" "$WORK/out" || die "the live contract output lists no create step"
! grep -q "$SECRET" "$WORK/out" || die "the token secret appears in the check's output"

state=$(curl -s --cacert "$WORK/fake/cert.pem" "https://127.0.0.1:$PORT/_fake/state")
python3 - "$state" <<'PY' || die "the fake's state after the check is wrong"
import json, sys
state = json.loads(sys.argv[1])
assert state["rejections"] == [], state["rejections"]
left = [vm["vmid"] for vm in state["vms"] if 2000 <= vm["vmid"] <= 2009]
assert left == [], "VMs left behind: %s" % left
assert state["requests"] > 10, state["requests"]
PY
echo "proxmox plugin check: passed against the fake; no request refused, nothing left behind"
