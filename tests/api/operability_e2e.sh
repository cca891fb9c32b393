#!/usr/bin/env bash
# Operability over real HTTP: /readyz waits for the first reconciliation pass (here held up by
# a sim provider whose calls all time out), request ids reach every log line a request causes
# (including the provider error logged while reconciling for it), logs are JSON lines, and a
# flood of bad API keys neither blocks the I/O threads (key hashing is offloaded) nor goes on
# unchecked (429 with Retry-After).
source "$(dirname "$0")/../integration/lib.sh" "$@"

cat > "$WORK/slow.json" <<'JSON'
{"zones": [], "pools": [],
 "provider_configs": [{"id": "slow-sim", "name": "A cloud whose every call times out",
   "kind": "vm", "plugin_id": "org.tidepool.sim",
   "config": {"errors": {"timeout_rate": 1, "timeout_after_ms": 700}}}],
 "autoscale_configs": []}
JSON

say "/readyz: 503 naming the first reconciliation until it has heard back, then 200"
start_daemon --apply "$WORK/slow.json"
status=$(curl -sS -D "$WORK/head" -o "$WORK/ready" -w '%{http_code}' "$URL/readyz")
[ "$status" = 503 ] || die "/readyz right after start: $status $(cat "$WORK/ready")"
jq -e '.ready == false and .waiting_for == ["first_reconcile"] and (.message | length > 0)' \
    "$WORK/ready" >/dev/null || die "/readyz body: $(cat "$WORK/ready")"
grep -qi '^Retry-After: 1' "$WORK/head" || die "/readyz 503 without Retry-After: $(cat "$WORK/head")"
ready() { [ "$(curl -sS -o /dev/null -w '%{http_code}' "$URL/readyz")" = 200 ]; }
wait_for 60 "/readyz to turn 200 once the listing has failed for good" ready
curl -fsS "$URL/readyz" | jq -e '.ready == true and .waiting_for == []' >/dev/null \
    || die "/readyz when ready: $(curl -sS "$URL/readyz")"
grep -q '"msg":"reconcile: cannot list provider slow-sim' "$WORK"/daemon.*.log \
    || die "the first pass should have logged the failed listing"

say "a chosen X-Request-Id is echoed and carried by every log line the request causes"
rid="ops-e2e-$TAG"
curl -fsS -D "$WORK/head" -o /dev/null -X POST -H @"$WORK/auth-header" -H "X-Request-Id: $rid" \
    "$URL/api/v1/reconcile"
grep -qi "^X-Request-Id: $rid" "$WORK/head" || die "X-Request-Id not echoed: $(cat "$WORK/head")"
# log_has JQ_CONDITION: some line of the daemon's log satisfies it ($id is the request id).
log_has() {
    jq -n -e --arg id "$rid" "[inputs | select($1)] | length > 0" "$WORK"/daemon.*.log >/dev/null
}
logged_for_request() {
    log_has '.request_id == $id and .level == "warn"
             and (.msg | startswith("reconcile: cannot list provider slow-sim"))'
}
wait_for 30 "the provider error logged under $rid" logged_for_request
log_has '.request_id == $id and .msg == "http" and .status == 202
         and .path == "/api/v1/reconcile"' || die "no access log line for $rid"
# An unusable id (spaces, too long) is replaced by a generated one, never logged as sent.
curl -fsS -D "$WORK/head" -o /dev/null -H 'X-Request-Id: not acceptable' "$URL/healthz"
generated=$(sed -n 's/^[Xx]-[Rr]equest-[Ii]d: \([0-9a-f]*\)\r$/\1/p' "$WORK/head")
[ ${#generated} = 16 ] || die "expected a generated 16-hex id: $(cat "$WORK/head")"
! grep -q "not acceptable" "$WORK"/daemon.*.log || die "an unacceptable request id was logged"
# Every line tidepoold wrote is one JSON object with ts, level and msg.
while IFS= read -r line; do
    jq -e 'type == "object" and (.ts | type == "string") and (.level | type == "string")
           and (.msg | type == "string")' <<<"$line" >/dev/null 2>&1 \
        || die "not a JSON log line: $line"
done < <(cat "$WORK"/daemon.*.log)

say "bad keys: verified off the I/O threads, then refused with 429 and Retry-After"
key_id=${TIDEPOOL_API_KEY%%.*}
wrong="Authorization: Bearer $key_id.$(printf '0%.0s' $(seq 64))"
: > "$WORK/order"
# Eight wrong secrets for a real key id: each costs a full PBKDF2 run, one after another on the
# verifier thread. A probe sent after them must not wait behind them.
pids=()
for i in 1 2 3 4 5 6 7 8; do
    (curl -sS -o /dev/null -w "bad %{http_code}\n" -H "$wrong" "$URL/api/v1/status" >> "$WORK/order") &
    pids+=($!)
done
sleep 0.05
curl -fsS -o /dev/null "$URL/healthz" && echo "healthz 200" >> "$WORK/order"
wait "${pids[@]}"  # not the daemon's
[ "$(grep -c '^bad 401$' "$WORK/order")" = 8 ] || die "wrong secrets: $(cat "$WORK/order")"
[ "$(tail -n 1 "$WORK/order")" = "bad 401" ] \
    || die "/healthz waited for every key verification: $(cat "$WORK/order")"
# A few more failures exhaust the burst of ten (refilled at one a second meanwhile); from then
# on the client is refused before any hashing.
limited=""
for i in $(seq 1 8); do
    status=$(api_status GET /api/v1/status -H "$wrong" -D "$WORK/head")
    [ "$status" = 429 ] && { limited=yes; break; }
    [ "$status" = 401 ] || die "a wrong secret answered $status"
done
[ -n "$limited" ] || die "sixteen failures in a row were never refused with 429"
jq -e '.error.code == "unavailable" and (.error.message | test("too many failed"))' \
    "$WORK/last-body" >/dev/null || die "429 body: $(cat "$WORK/last-body")"
wait_s=$(sed -n 's/^[Rr]etry-[Aa]fter: \([0-9]*\)\r$/\1/p' "$WORK/head")
[ -n "$wait_s" ] && [ "$wait_s" -ge 1 ] || die "429 without Retry-After: $(cat "$WORK/head")"
# The operator's own (already verified) key keeps working from the same address meanwhile.
[ "$(api_status GET /api/v1/status -H @"$WORK/auth-header")" = 200 ] \
    || die "a verified key was locked out with the attacker"
sleep $((wait_s + 1))
[ "$(api_status GET /api/v1/status -H "$wrong")" = 401 ] || die "still limited after Retry-After"
grep -q '"status":429' "$WORK"/daemon.*.log || die "429s are not in the access log"
stop_daemon
echo "operability e2e: 1 passed, 0 failed"
