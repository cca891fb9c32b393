#!/usr/bin/env bash
# api.robustness: bad input over real HTTP never hurts. Malformed JSON, wrong types, unknown
# members and unknown query parameters get 400 naming the JSON pointer; bodies over the limit
# get 413 unread; a client that trickles its request head is cut off while others are served;
# afterwards the daemon still serves and, across a restart, nothing stored was lost.
source "$(dirname "$0")/../integration/lib.sh" "$@"
source "$(dirname "$0")/api_lib.sh"

make_config '.autoscale_configs[0].min_available_sessions = 0'
start_daemon --apply "$WORK/config.json" --body-limit 65536 --header-timeout-ms 1500
stored() { for c in zones pools provider-configs autoscale-configs; do api "/api/v1/$c"; done | jq -S -c .; }
stored > "$WORK/before"

say "malformed JSON, wrong types and unknown members name the field"
expect_error POST /api/v1/zones '{"id": "z1", "name": ' 400 invalid ''
expect_error POST /api/v1/zones '[1,2]' 400 invalid ''
expect_error POST /api/v1/pools '{"id": "p2", "kind": 5}' 400 invalid /kind
expect_error POST /api/v1/pools '{"id": "p2", "kind": "bucket"}' 400 invalid /kind
expect_error POST /api/v1/zones '{"id": "z2", "colour": "red"}' 400 invalid /colour
expect_error POST /api/v1/sessions '{"pool_id": "desktops", "user": "u", "extra": 1}' 400 invalid /extra
expect_error POST /api/v1/sessions '{"pool_id": "desktops", "user": 7}' 400 invalid /user
expect_error POST /api/v1/sessions '{"pool_id": "desktops", "user": "u", "cores": -1}' 400 invalid /cores
expect_error POST /api/v1/sessions '{"pool_id": "desktops", "user": "u", "gpus": "2"}' 400 invalid /gpus
expect_error POST /api/v1/sessions '{"pool_id": "desktops", "user": "u", "memory_gib": 4}' 400 invalid /memory_gib
expect_error POST /api/v1/apply '{"pools": [{"id": "x", "kind": []}]}' 400 invalid /pools/0/kind
expect_error PUT /api/v1/zones/local '{"id": "other"}' 400 invalid /id

say "unknown endpoints, methods and query parameters"
expect_error GET /api/v1/nothing-here '' 404 not_found ''
expect_error PATCH /api/v1/zones '' 405 invalid ''
expect_error GET '/api/v1/servers?pool=desktops&colour=red' '' 400 invalid /query/colour
expect_error GET '/api/v1/zones?limit=0' '' 400 invalid /query/limit
expect_error GET '/api/v1/sessions?state=sleeping' '' 400 invalid /query/state

say "bodies over the limit are refused with 413"
head -c 100000 /dev/zero | tr '\0' ' ' > "$WORK/big.json"
expect_error_file POST /api/v1/zones "$WORK/big.json" 413 too_large
head -c 9000000 /dev/zero | tr '\0' ' ' > "$WORK/huge.json"
expect_error_file POST /api/v1/apply "$WORK/huge.json" 413 too_large

say "a client trickling its request head is cut off; others are served meanwhile"
/usr/bin/python3 "$(dirname "$0")/slow_client.py" 127.0.0.1 "$PORT" 0.3 > "$WORK/slow" &
slow=$!
for _ in 1 2 3 4 5; do api /api/v1/status >/dev/null || die "status not served beside a slow client"; sleep 0.2; done
wait "$slow" || die "slow client: $(cat "$WORK/slow")"
grep -q "cut off" "$WORK/slow" || die "the slow client was not cut off: $(cat "$WORK/slow")"

say "the daemon still serves and nothing stored was lost, even across a restart"
api /api/v1/status >/dev/null || die "daemon stopped serving"
stored > "$WORK/after"
cmp -s "$WORK/before" "$WORK/after" || die "stored objects changed: $(diff "$WORK/before" "$WORK/after")"
stop_daemon
start_daemon --body-limit 65536
stored > "$WORK/restarted"
cmp -s "$WORK/before" "$WORK/restarted" || die "stored objects changed across restart"
stop_daemon
echo "robustness e2e: passed"
