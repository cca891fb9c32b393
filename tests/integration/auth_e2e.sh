#!/usr/bin/env bash
# API keys over real HTTP on loopback, with curl and the CLI: the bootstrap admin key, 401 vs
# 403 per role (no key, bad secret, revoked key, read-only writing, broker touching pools),
# key management, and the check-in route that takes only a server's own one-time token.
source "$(dirname "$0")/lib.sh" "$@"

# One server on standby whose startup script only records its check-in URL, so this test
# can check in (or fail to) by hand.
make_config '.autoscale_configs[0].min_available_sessions = 1
             | .autoscale_configs[0].startup_script = "#!/usr/bin/env bash\necho {checkin_url} > '"$WORK"'/checkin-{server_id}\nexec -a tp-e2e-'"$TAG"'-{server_id} sleep infinity\n"'
start_daemon
KEYFILE=$WORK/data/admin-api-key
ADMIN=$(tr -d '[:space:]' < "$KEYFILE")
ADMIN_SECRET=${ADMIN#*.}

say "the bootstrap admin key is 0600 and only its path is logged"
[ "$(stat -c %a "$KEYFILE")" = 600 ] || die "admin-api-key mode $(stat -c %a "$KEYFILE")"
[[ "$ADMIN" =~ ^key-[0-9a-f]{16}\.[0-9a-f]{64}$ ]] || die "unexpected key format"
grep -q "created bootstrap admin key at $KEYFILE" "$WORK"/daemon.*.log || die "bootstrap not logged"

say "probes need no key; everything else does"
[ "$(api_status GET /healthz)" = 200 ] || die "/healthz needs no key"
# Ready or still starting (503), but never 401: probes carry no key.
case "$(api_status GET /readyz)" in 200|503) ;; *) die "/readyz needs no key" ;; esac
[ "$(api_status GET /api/v1/status)" = 401 ] || die "status without a key"
jq -e '.error.code == "unauthenticated" and (.error.message | test("needs an API key"))' \
    "$WORK/last-body" >/dev/null || die "401 body: $(cat "$WORK/last-body")"
curl -sS -D - -o /dev/null "$URL/api/v1/pools" | grep -qi '^WWW-Authenticate: Bearer' \
    || die "401 without WWW-Authenticate: Bearer"
[ "$(api_status GET /no/such/path)" = 401 ] || die "an unknown path must not answer before auth"
[ "$(api_status GET /no/such/path -H @"$WORK/auth-header")" = 404 ] || die "404 with a key"

say "bad secrets and malformed keys get 401 with a reason"
wrong="${ADMIN%%.*}.$(printf '0%.0s' {1..64})"
[ "$(api_status GET /api/v1/pools -H "Authorization: Bearer $wrong")" = 401 ] || die "wrong secret"
jq -e '.error.message | test("wrong secret")' "$WORK/last-body" >/dev/null || die "$(cat "$WORK/last-body")"
[ "$(api_status GET /api/v1/pools -H "Authorization: Bearer nonsense")" = 401 ] || die "malformed"
[ "$(api_status GET /api/v1/pools -H "Authorization: Basic $ADMIN")" = 401 ] || die "Basic scheme"
if TIDEPOOL_API_KEY=$wrong "$TIDEPOOL" pools 2>"$WORK/err"; then die "CLI accepted a wrong secret"; fi
grep -q "wrong secret" "$WORK/err" || die "CLI error: $(cat "$WORK/err")"

say "admin applies config and creates a broker and a read-only key with the CLI"
"$TIDEPOOL" configs apply "$WORK/config.json" >/dev/null || die "admin configs apply"
broker=$("$TIDEPOOL" --json key create --role broker --name portal 2>/dev/null | jq -r .key)
reader=$("$TIDEPOOL" --json key create --role read-only --name grafana 2>/dev/null | jq -r .key)
[[ "$broker" =~ ^key-[0-9a-f]{16}\.[0-9a-f]{64}$ ]] || die "broker key: $broker"
(umask 077; echo "$broker" > "$WORK/broker.key"; echo "$reader" > "$WORK/reader.key")

say "key list shows ids and roles, never a secret"
list=$("$TIDEPOOL" key list)
for k in "$ADMIN" "$broker" "$reader"; do
    grep -q "${k%%.*}" <<<"$list" || die "key list lacks ${k%%.*}: $list"
    grep -q "${k#*.}" <<<"$list" && die "key list shows a secret"
done
api /api/v1/keys | grep -q -e "$ADMIN_SECRET" -e "${broker#*.}" && die "GET /api/v1/keys shows a secret"
grep -q "$ADMIN_SECRET" "$WORK"/daemon.*.log && die "the admin secret is in the log"
grep -q "${broker#*.}" "$WORK"/daemon.*.log && die "the broker secret is in the log"

say "read-only: GET yes, writes and key management 403"
use_key_file "$WORK/reader.key"
[ "$(api_status GET /api/v1/pools -H @"$WORK/auth-header")" = 200 ] || die "read-only GET"
[ "$(api_status POST /api/v1/reconcile -H @"$WORK/auth-header")" = 403 ] || die "read-only POST"
jq -e '.error.code == "denied" and (.error.message | test("read-only"))' "$WORK/last-body" \
    >/dev/null || die "403 body: $(cat "$WORK/last-body")"
[ "$(api_status GET /api/v1/keys -H @"$WORK/auth-header")" = 403 ] || die "read-only key list"
"$TIDEPOOL" --api-key-file "$WORK/reader.key" servers >/dev/null || die "CLI read-only servers"
if "$TIDEPOOL" --api-key-file "$WORK/reader.key" configs apply "$WORK/config.json" 2>"$WORK/err"; then
    die "read-only applied a config"
fi
grep -q "role read-only" "$WORK/err" || die "CLI 403: $(cat "$WORK/err")"

say "broker: sessions yes, pools and keys 403"
use_key_file "$WORK/broker.key"
[ "$(api_status GET /api/v1/pools -H @"$WORK/auth-header")" = 403 ] || die "broker read pools"
[ "$(api_status POST /api/v1/pools -H @"$WORK/auth-header" -d '{}')" = 403 ] || die "broker write pools"
[ "$(api_status POST /api/v1/keys -H @"$WORK/auth-header" -d '{"role":"admin"}')" = 403 ] \
    || die "broker created a key"
out=$("$TIDEPOOL" --api-key-file "$WORK/broker.key" --json sessions request --pool desktops --user bob) \
    || die "broker cannot request a session"
sid=$(jq -r .id <<<"$out")
[ "$(api_status GET "/api/v1/sessions/$sid" -H @"$WORK/auth-header")" = 200 ] || die "broker GET session"
"$TIDEPOOL" --api-key-file "$WORK/broker.key" sessions release "$sid" >/dev/null || die "broker release"
if "$TIDEPOOL" --api-key-file "$WORK/broker.key" pools 2>"$WORK/err"; then die "broker listed pools"; fi
grep -q "role broker" "$WORK/err" || die "CLI 403: $(cat "$WORK/err")"

say "the check-in route takes only the server's own one-time token"
use_admin_key
wait_for 30 "a server to record its check-in URL" compgen -G "$WORK/checkin-*"
checkin_url=$(cat "$(compgen -G "$WORK/checkin-*" | head -n 1)")
[ "$(api_status POST /api/set_server_status -H @"$WORK/auth-header" \
     -H 'Content-Type: application/json' -d '{"status":"running"}')" = 401 ] \
    || die "an admin API key replaced the check-in token"
[ "$(curl -sS -o /dev/null -w '%{http_code}' -X POST "${checkin_url%%\?*}?token=forged")" = 401 ] \
    || die "a forged check-in token"
[ "$(curl -sS -o "$WORK/checkin" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
     -d '{"status":"running","address":"127.0.0.1"}' "$checkin_url")" = 200 ] \
    || die "the server's own token: $(cat "$WORK/checkin")"
[ "$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$checkin_url")" = 401 ] \
    || die "a used check-in token worked again"

say "revocation is immediate; the last admin key cannot be revoked"
reader_id=${reader%%.*}
"$TIDEPOOL" key revoke "$reader_id" | grep -q "revoked $reader_id" || die "key revoke"
[ "$(api_status GET /api/v1/pools -H "Authorization: Bearer $reader")" = 401 ] || die "revoked key works"
jq -e '.error.message | test("revoked")' "$WORK/last-body" >/dev/null || die "$(cat "$WORK/last-body")"
"$TIDEPOOL" key list | grep "$reader_id" | grep -qv -- " -$" || die "revoked key not marked"
if "$TIDEPOOL" key revoke "${ADMIN%%.*}" 2>"$WORK/err"; then die "revoked the last admin key"; fi
grep -q "last active admin key" "$WORK/err" || die "$(cat "$WORK/err")"

say "keys survive a restart; the bootstrap key is not replaced"
stop_daemon
start_daemon
[ "$(tr -d '[:space:]' < "$KEYFILE")" = "$ADMIN" ] || die "bootstrap key replaced on restart"
"$TIDEPOOL" --api-key-file "$WORK/broker.key" sessions >/dev/null || die "broker key lost on restart"
[ "$(api_status GET /api/v1/pools -H "Authorization: Bearer $reader")" = 401 ] || die "revocation lost"
stop_daemon
echo "auth e2e: 1 passed, 0 failed"
