#!/usr/bin/env bash
# Sealed secrets: a provider credential planted through the API is sealed at rest
# (AES-256-GCM under <data dir>/sealing.key), write-only in the API, and never logged. The
# planted value must appear in no API response, no log line, and nowhere in the data
# directory in clear: not in the SQLite file, its WAL or its shared-memory file.
source "$(dirname "$0")/lib.sh" "$@"

start_daemon
SECRET="planted-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
OTHER="second-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
responses=$WORK/responses
: > "$responses"
keep() { tee -a "$responses"; }

say "the sealing key is created owner-only on first start"
[ "$(stat -c '%a %s' "$WORK/data/sealing.key")" = "600 32" ] || die "sealing.key: $(stat -c '%a %s' "$WORK/data/sealing.key")"

# An AWS provider config whose endpoint is a closed loopback port, so nothing leaves the machine.
config() {
    jq -n --arg secret "$1" '{id: "aws-test", name: "AWS", kind: "vm", plugin_id: "org.tidepool.aws",
        config: ({region: "us-east-1", ami_id: "ami-0123456789abcdef0",
                  endpoint_url: "http://127.0.0.1:9", access_key_id: "AKIAIOSFODNN7EXAMPLE"}
                 + (if $secret == "" then {} else {secret_access_key: $secret} end))}'
}
stored_member() {
    python3 - "$WORK/data/tidepool.db" "$1" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
row = db.execute("SELECT config_json FROM provider_configs WHERE id = ?", (sys.argv[2],)).fetchone()
print(json.loads(row[0]).get("secret_access_key", "<absent>") if row else "<no row>")
PY
}

say "create: accepted, answered redacted, stored sealed"
api_post /api/v1/provider-configs "$(config "$SECRET")" | keep | jq -e '.config.secret_access_key == "********"' >/dev/null \
    || die "create answer not redacted"
stored_member aws-test | grep -q '^tpsealed:v1:' || die "stored in clear: $(stored_member aws-test)"

say "reads are redacted"
api /api/v1/provider-configs/aws-test | keep | jq -e '.config.secret_access_key == "********"' >/dev/null || die "GET"
api /api/v1/provider-configs | keep >/dev/null
"$TIDEPOOL" --json configs show >/dev/null 2>&1 || true

say "an update without the secret, or with the placeholder, keeps the stored one"
sealed_before=$(stored_member aws-test)
api_call PUT /api/v1/provider-configs/aws-test "$(config "")" | keep >/dev/null || die "PUT without secret"
[ "$(stored_member aws-test)" != "<absent>" ] || die "the secret was dropped by an update that omitted it"
api_call PUT /api/v1/provider-configs/aws-test "$(config '********')" | keep >/dev/null || die "PUT placeholder"
stored_member aws-test | grep -q '^tpsealed:v1:' || die "placeholder stored: $(stored_member aws-test)"
[ "$(stored_member aws-test)" != "$sealed_before" ] || true   # re-sealed with a fresh nonce

say "a bundle applied with a secret is sealed too"
bundle=$(jq -n --argjson p "$(config "$OTHER" | jq '.id = "aws-bundle"')" '{provider_configs: [$p]}')
api_post /api/v1/apply "$bundle" | keep >/dev/null || die "apply"
stored_member aws-bundle | grep -q '^tpsealed:v1:' || die "bundle secret stored in clear"

say "the planted secrets are nowhere in clear"
api /api/v1/status | keep >/dev/null
check_absent() {
    local what=$1; shift
    for s in "$SECRET" "$OTHER"; do
        if grep -a -q -r -- "$s" "$@"; then die "$what contains a planted secret"; fi
    done
}
ls "$WORK/data"/tidepool.db-wal >/dev/null 2>&1 || echo "(no WAL file right now)"
check_absent "an API response" "$responses"
check_absent "the data directory (database, WAL, shm)" "$WORK/data"
check_absent "the daemon log" "$WORK"/daemon.*.log "$WORK/stdout"

say "after a restart the sealed config still opens; a readable key file is refused"
stop_daemon
check_absent "the checkpointed database" "$WORK/data"
start_daemon
api /api/v1/provider-configs/aws-test | jq -e '.config.secret_access_key == "********"' >/dev/null \
    || die "config lost across restart"
stop_daemon
chmod 644 "$WORK/data/sealing.key"
if "$TIDEPOOLD" --listen 127.0.0.1:0 --data-dir "$WORK/data" --plugin-dir "$PLUGIN_DIR" \
    >/dev/null 2>"$WORK/refused.log"; then
    die "tidepoold started with a world-readable sealing.key"
fi
grep -q "chmod 600" "$WORK/refused.log" || die "refusal: $(cat "$WORK/refused.log")"
check_absent "every log" "$WORK"/*.log
echo "secrets e2e: 1 passed, 0 failed"
