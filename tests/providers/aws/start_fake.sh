# Sourced by the AWS shell tests: start_fake_aws DIR starts fake/server.py with a fresh RSA key
# pair for Windows passwords and the keys below, and sets AWS_FAKE_PID, AWS_FAKE_URL and
# AWS_FAKE_KEY_PEM (the private key). stop_fake_aws ends it.
AWS_FAKE_KEY_ID=AKIDTIDEPOOLSHELL001
AWS_FAKE_SECRET=shell-test-secret-key
AWS_FAKE_ZONE=ZTIDEPOOLE2E
AWS_FAKE_DOMAIN=agents.example.com
AWS_FAKE_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

start_fake_aws() {
    local dir=$1
    mkdir -p "$dir"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/windows.pem" 2>/dev/null
    openssl pkey -in "$dir/windows.pem" -pubout -out "$dir/windows.pub.pem"
    AWS_FAKE_KEY_PEM=$(cat "$dir/windows.pem")
    python3 "$AWS_FAKE_HERE/fake/server.py" --port-file "$dir/port" \
        --specs "${TIDEPOOL_SHARED_DIR:-/work/shared}/specs/aws" \
        --key "$AWS_FAKE_KEY_ID:$AWS_FAKE_SECRET" \
        --hosted-zone "$AWS_FAKE_ZONE:$AWS_FAKE_DOMAIN" \
        --password-public-key "$dir/windows.pub.pem" 2> "$dir/fake.log" &
    AWS_FAKE_PID=$!
    for _ in $(seq 300); do [ -s "$dir/port" ] && break; sleep 0.1; done
    [ -s "$dir/port" ] || { echo "fake AWS did not start: $(cat "$dir/fake.log")" >&2; return 1; }
    AWS_FAKE_URL="http://127.0.0.1:$(cat "$dir/port")"
}

stop_fake_aws() {
    if [ -n "${AWS_FAKE_PID:-}" ]; then
        kill "$AWS_FAKE_PID" 2>/dev/null || true
        wait "$AWS_FAKE_PID" 2>/dev/null || true
        AWS_FAKE_PID=
    fi
}

# Prints the fake's rejections (one per line); empty when every request passed.
fake_aws_rejections() {
    curl -s "$AWS_FAKE_URL/_fake/state" | python3 -c \
        'import json,sys; print("\n".join(json.load(sys.stdin)["rejections"]))'
}
