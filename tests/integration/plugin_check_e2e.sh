#!/usr/bin/env bash
# The conformance kit through the CLI: `tidepool plugin check` accepts tidepool-local.so (with
# and without a live contract) and refuses every one-defect fixture with a message naming it.
# Usage: plugin_check_e2e.sh TIDEPOOL PLUGIN_DIR FIXTURE_DIR
set -euo pipefail
TIDEPOOL=$1 PLUGIN_DIR=$2 FIXTURE_DIR=$3
WORK=$(mktemp -d /tmp/tidepool-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
die() { echo "FAIL: $*" >&2; exit 1; }

# Private copies with permissions the loader accepts, whatever the build tree's umask was.
install -d -m 755 "$WORK/ok" "$WORK/fixtures"
install -m 755 "$PLUGIN_DIR/tidepool-local.so" "$WORK/ok/"
"$TIDEPOOL" plugin check "$WORK/ok/tidepool-local.so" > "$WORK/out" || die "local plugin refused: $(cat "$WORK/out")"
echo "{\"state_dir\": \"$WORK/instances\", \"max_instances\": 2}" > "$WORK/local.json"
"$TIDEPOOL" plugin check "$WORK/ok/tidepool-local.so" --config "$WORK/local.json" > "$WORK/out" \
    || die "local plugin failed its live contract: $(cat "$WORK/out")"
grep -q "delete" "$WORK/out" || die "the live contract output lists no delete step"

refused=0
for fixture in "$FIXTURE_DIR"/tidepool-fixture-*.so; do
    name=$(basename "$fixture")
    case "$name" in *-good.so|*-good-v2.so|*-good-dns.so|*-snapshot-1-0.so) continue ;; esac
    install -m 755 "$fixture" "$WORK/fixtures/"
    set +e
    "$TIDEPOOL" plugin check "$WORK/fixtures/$name" > "$WORK/out" 2>&1
    rc=$?
    set -e
    # The DNS fixture without list_records has a valid VM-less entry: refused at load, too.
    [ $rc -ne 0 ] || die "$name was accepted: $(cat "$WORK/out")"
    grep -q "$name" "$WORK/out" || die "the refusal of $name does not name the file: $(cat "$WORK/out")"
    refused=$((refused + 1))
done
[ $refused -ge 10 ] || die "expected at least 10 refused fixtures, saw $refused"
echo "plugin check e2e: $refused fixtures refused; 1 passed, 0 failed"
