#!/usr/bin/env bash
# `tidepool plugin check tidepool-aws.so --config ...` passes its live contract (create, list by
# tag, get, retried create, delete, gone, delete again) against the fake EC2, every request it
# caused passed the signature check and the EC2 model, and nothing is left running.
# Usage: plugin_check_test.sh TIDEPOOL PLUGIN
set -euo pipefail
TIDEPOOL=$1 PLUGIN=$2
WORK=$(mktemp -d /tmp/tidepool-awscheck.XXXXXX)
source "$(dirname "$0")/start_fake.sh"
cleanup() { stop_fake_aws; rm -rf "$WORK"; }
trap cleanup EXIT
die() { echo "FAIL: $*" >&2; exit 1; }

install -d -m 755 "$WORK/plugins"
install -m 755 "$PLUGIN" "$WORK/plugins/"
start_fake_aws "$WORK/fake"
cat > "$WORK/aws.json" <<JSON
{"region": "us-east-1", "ami_id": "ami-0123456789abcdef0", "instance_type": "t3.small",
 "access_key_id": "$AWS_FAKE_KEY_ID", "secret_access_key": "$AWS_FAKE_SECRET",
 "endpoint_url": "$AWS_FAKE_URL", "max_instances": 5}
JSON
"$TIDEPOOL" plugin check "$WORK/plugins/tidepool-aws.so" --config "$WORK/aws.json" \
    > "$WORK/out" 2>&1 || die "plugin check failed: $(cat "$WORK/out")"
cat "$WORK/out"
grep -q "create" "$WORK/out" || die "the live contract output lists no create step"
! grep -q "$AWS_FAKE_SECRET" "$WORK/out" || die "the secret key appears in the check's output"
rejected=$(fake_aws_rejections)
[ -z "$rejected" ] || die "the fake refused requests: $rejected"
curl -s "$AWS_FAKE_URL/_fake/state" | python3 -c '
import json, sys
state = json.load(sys.stdin)
live = [i["id"] for i in state["instances"] if i["state"] in ("pending", "running")]
assert not live, "instances left running: %s" % live
assert any(r["operation"] == "RunInstances" for r in state["requests"]), "no RunInstances"
' || die "the fake's state after the check is wrong"
echo "aws plugin check: passed against the fake; no request refused, nothing left running"
