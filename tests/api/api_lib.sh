# Helpers for the api.* end-to-end tests, on top of tests/integration/lib.sh: raw requests
# with any method and body, and checks of the uniform error shape. Every request carries the
# API key when the environment provides one (TIDEPOOL_API_KEY), as lib.sh's own helpers do.

# request METHOD PATH [BODY_FILE]: prints "<status>\n<body>".
request() {
    local args=(-sS -o "$WORK/reply" -w '%{http_code}' -X "$1")
    [ -n "${TIDEPOOL_API_KEY:-}" ] && args+=(-H "Authorization: Bearer $TIDEPOOL_API_KEY")
    [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "@$3")
    local status
    status=$(curl "${args[@]}" "$URL$2") || die "curl $1 $2 failed"
    echo "$status"
    cat "$WORK/reply"
}

# expect_error METHOD PATH BODY STATUS CODE FIELD: the reply is {"error":{code, message,
# field}} with that status, code and field ("" = no field member).
expect_error() {
    printf '%s' "$3" > "$WORK/body"
    local file=""; [ -n "$3" ] && file="$WORK/body"
    check_error "$1 $2" "$(request "$1" "$2" "$file")" "$4" "$5" "$6"
}
expect_error_file() { check_error "$1 $2" "$(request "$1" "$2" "$3")" "$4" "$5" ""; }

check_error() {
    local what=$1 reply=$2 status=$3 code=$4 field=$5
    local got=${reply%%$'\n'*} body=${reply#*$'\n'}
    [ "$got" = "$status" ] || die "$what: expected HTTP $status, got $got: $body"
    jq -e --arg c "$code" '.error.code == $c and (.error.message | length > 0)' <<<"$body" \
        >/dev/null || die "$what: not the error shape with code $code: $body"
    [ -z "$field" ] || jq -e --arg f "$field" '.error.field == $f' <<<"$body" >/dev/null \
        || die "$what: expected field $field: $body"
}

# sse_events AFTER: the data of every event after seq AFTER that the daemon still remembers,
# one JSON object per line (the stream is read for 2 s, then dropped).
sse_events() {
    curl -sS -N --max-time 2 -H "Last-Event-ID: $1" \
        ${TIDEPOOL_API_KEY:+-H "Authorization: Bearer $TIDEPOOL_API_KEY"} \
        "$URL/api/v1/events" 2>/dev/null | sed -n 's/^data: //p' || true
}
