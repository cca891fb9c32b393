#!/usr/bin/env bash
# HTTPS end to end with a throwaway self-signed certificate made by the openssl CLI: tidepoold
# serves TLS, curl and the CLI verify it with --ca-file (or skip with --insecure), a client
# that does not trust it is refused, and plain HTTP on a non-loopback address is refused
# unless explicitly allowed (and then logged as a warning). `tidepool watch` honours the same
# TLS options as every other command.
source "$(dirname "$0")/lib.sh" "$@"

say "a throwaway CA-less self-signed certificate for 127.0.0.1"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=tidepool-e2e" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
chmod 600 "$WORK/key.pem"

start_daemon --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem"
[[ "$URL" == https://127.0.0.1:* ]] || die "expected an https URL, got $URL"

say "curl: verified against the certificate, with the API key"
out=$(curl -fsS --cacert "$WORK/cert.pem" -H @"$WORK/auth-header" "$URL/api/v1/status")
jq -e '.version' <<<"$out" >/dev/null || die "status over https: $out"
[ "$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$WORK/cert.pem" "$URL/api/v1/status")" = 401 ] \
    || die "https without a key must still be 401"
if curl -fsS -o /dev/null "$URL/healthz" 2>"$WORK/err"; then die "an untrusted certificate was accepted"; fi
if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
    die "plain HTTP answered on the TLS port"
fi

say "CLI: --ca-file and TIDEPOOL_CA_FILE verify, --insecure skips, neither fails with exit 3"
"$TIDEPOOL" --ca-file "$WORK/cert.pem" status >/dev/null || die "CLI --ca-file"
TIDEPOOL_CA_FILE=$WORK/cert.pem "$TIDEPOOL" pools >/dev/null || die "CLI TIDEPOOL_CA_FILE"
"$TIDEPOOL" --insecure status >/dev/null || die "CLI --insecure"
set +e
"$TIDEPOOL" status >/dev/null 2>"$WORK/err"
rc=$?
set -e
[ $rc = 3 ] || die "CLI without the CA: exit $rc, $(cat "$WORK/err")"
grep -q -- "--ca-file" "$WORK/err" || die "the TLS failure should suggest --ca-file: $(cat "$WORK/err")"

say "watch streams over TLS the same way: --ca-file verifies, --insecure skips, neither is exit 3"
"$TIDEPOOL" --ca-file "$WORK/cert.pem" --json watch --since 0 --for 1 >/dev/null \
    || die "watch --ca-file"
"$TIDEPOOL" --insecure --json watch --since 0 --for 1 >/dev/null || die "watch --insecure"
set +e
"$TIDEPOOL" watch --for 1 >/dev/null 2>"$WORK/err"
rc=$?
set -e
[ $rc = 3 ] || die "watch without the CA: exit $rc, $(cat "$WORK/err")"
stop_daemon

say "plain HTTP on a non-loopback address is refused without --allow-insecure-remote"
if "$TIDEPOOLD" --listen 0.0.0.0:0 --data-dir "$WORK/data" --plugin-dir "$PLUGIN_DIR" \
    >/dev/null 2>"$WORK/refused.log"; then
    die "tidepoold served plain HTTP on 0.0.0.0"
fi
grep -q "refusing plain HTTP on non-loopback address 0.0.0.0" "$WORK/refused.log" \
    || die "refusal: $(cat "$WORK/refused.log")"
start_daemon --listen 0.0.0.0:0 --allow-insecure-remote
grep -q '"level":"warn".*serving plain HTTP on 0.0.0.0' "$WORK"/daemon.*.log \
    || die "no warning for plain HTTP on 0.0.0.0"
stop_daemon
echo "tls e2e: 1 passed, 0 failed"
