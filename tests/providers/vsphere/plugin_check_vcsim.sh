#!/usr/bin/env bash
# `tidepool plugin check tidepool-vsphere.so --config ...` against vcsim, as an operator would
# run the conformance kit: load checks, then create, list by tag, get, retry, delete, gone.
# Usage: plugin_check_vcsim.sh TIDEPOOL PLUGIN VCSIM
set -euo pipefail
TIDEPOOL=$1 PLUGIN=$2 VCSIM=$3
WORK=$(mktemp -d /tmp/tidepool-vsphere-check.XXXXXX)
VCSIM_PID=
cleanup() {
  [ -z "$VCSIM_PID" ] || kill "$VCSIM_PID" 2>/dev/null || true
  [ -z "$VCSIM_PID" ] || wait "$VCSIM_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
die() { echo "FAIL: $*" >&2; exit 1; }

password="pw-$RANDOM$RANDOM"
mkfifo "$WORK/banner"
"$VCSIM" -l 127.0.0.1:0 -username tidepool -password "$password" > "$WORK/banner" 2>"$WORK/vcsim.log" &
VCSIM_PID=$!
read -r banner < "$WORK/banner" || die "vcsim printed nothing: $(cat "$WORK/vcsim.log")"
port=$(sed -n 's/.*@127\.0\.0\.1:\([0-9]*\)\/sdk.*/\1/p' <<< "$banner")
[ -n "$port" ] || die "no port in vcsim's banner: $banner"

install -d -m 755 "$WORK/plugins"
install -m 755 "$PLUGIN" "$WORK/plugins/"
cat > "$WORK/vsphere.json" <<JSON
{"vcenter": "127.0.0.1", "port": $port, "username": "tidepool", "password": "$password",
 "template": "DC0/vm/DC0_C0_RP0_VM0", "datacenter": "DC0", "cluster": "DC0_C0",
 "datastore": "LocalDS_0", "cpus": 2, "memory_gib": 2, "max_instances": 4, "verify_tls": false}
JSON
"$TIDEPOOL" plugin check "$WORK/plugins/$(basename "$PLUGIN")" --config "$WORK/vsphere.json" \
    > "$WORK/out" 2>&1 || die "plugin check failed against vcsim: $(cat "$WORK/out")"
for step in "create" "list by tag" "create retry" "delete again"; do
  grep -q "^ok   $step" "$WORK/out" || die "plugin check did not pass '$step': $(cat "$WORK/out")"
done
grep -q "$password" "$WORK/out" && die "the password appears in plugin check's output"
echo "plugin check against vcsim: passed ($(grep -c '^ok' "$WORK/out") steps)"
