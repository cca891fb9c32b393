# Shared helpers for the end-to-end tests: start/stop tidepoold on a free loopback port with a
# temporary data dir, talk to it with the CLI and curl, wait for conditions with a bound.
# Usage: source lib.sh TIDEPOOLD TIDEPOOL PLUGIN_DIR QUICKSTART_JSON
set -euo pipefail

TIDEPOOLD=$1 TIDEPOOL=$2 PLUGIN_DIR=$3 QUICKSTART=$4
WORK=$(mktemp -d /tmp/tidepool-e2e.XXXXXX)
TAG=$(basename "$WORK" | tr -cd 'a-zA-Z0-9')
DAEMON_PID=""
URL=""
PORT=""

cleanup() {
    local rc=$?
    [ -n "$DAEMON_PID" ] && kill -9 "$DAEMON_PID" 2>/dev/null || true
    # Whatever the outcome, leave no instance process behind on the test machine.
    pkill -9 -f "tp-e2e-$TAG-" 2>/dev/null || true
    if [ $rc -ne 0 ]; then
        echo "---- daemon log (last 60 lines) ----"; tail -n 60 "$WORK"/daemon*.log 2>/dev/null || true
    fi
    # A process killed a moment ago may still be writing its last file: retry, never fail here.
    rm -rf "$WORK" 2>/dev/null || { sleep 0.5; rm -rf "$WORK" 2>/dev/null || true; }
    exit $rc
}
trap cleanup EXIT

die() { echo "FAIL: $*" >&2; exit 1; }
say() { echo "== $*"; }

# wait_for SECONDS DESCRIPTION COMMAND...: polls every 0.2 s until COMMAND succeeds.
wait_for() {
    local limit=$1 what=$2; shift 2
    local deadline=$((SECONDS + limit))
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || die "timed out after ${limit}s waiting for: $what"
        sleep 0.2
    done
}

# The quickstart bundle, pointed at this test's directories, with overrides given as jq.
make_config() {
    jq --arg dir "$WORK/instances" --arg tag "$TAG" "
      .provider_configs[0].config.state_dir = \$dir
      | .autoscale_configs[0].startup_script |= sub(\"exec sleep infinity\";
          \"exec -a tp-e2e-\" + \$tag + \"-{server_id} sleep infinity\")
      | $1" "$QUICKSTART" > "$WORK/config.json"
}

start_daemon() {
    local log="$WORK/daemon.$(date +%s%N).log"
    # Emptied here, not by the redirection below: that runs in the background child, so the
    # wait could otherwise still read the previous daemon's "listening on" line.
    : > "$WORK/stdout"
    # The port is kept across restarts: servers started before a crash check in on it.
    "$TIDEPOOLD" --listen "127.0.0.1:${PORT:-0}" --data-dir "$WORK/data" --plugin-dir "$PLUGIN_DIR" \
        --tick-ms 200 "$@" >"$WORK/stdout" 2>"$log" &
    DAEMON_PID=$!
    wait_for 20 "tidepoold to listen" grep -q "^tidepoold listening on .*:[0-9][0-9]*$" "$WORK/stdout"
    URL=$(sed -n 's/^tidepoold listening on //p' "$WORK/stdout" | tail -n 1)
    PORT=${URL##*:}
    export TIDEPOOL_URL=$URL
    use_admin_key
}

# tidepoold writes a bootstrap admin key on first start. The CLI reads it through
# TIDEPOOL_API_KEY; lib.sh's curl helpers read the header from a 0600 file (-H @FILE).
use_admin_key() {
    export TIDEPOOL_API_KEY_FILE="$WORK/data/admin-api-key"
    # Helpers that build their own curl lines (tests/api/api_lib.sh) read the key from here.
    TIDEPOOL_API_KEY=$(tr -d '[:space:]' < "$TIDEPOOL_API_KEY_FILE")
    export TIDEPOOL_API_KEY
    use_key_file "$TIDEPOOL_API_KEY_FILE"
}

# use_key_file FILE: make api/api_post/api_status send the key in FILE.
use_key_file() {
    (umask 077; printf 'Authorization: Bearer %s\n' "$(tr -d '[:space:]' < "$1")" > "$WORK/auth-header")
}

kill_daemon() {
    kill -9 "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
    DAEMON_PID=""
    : > "$WORK/stdout"
}

stop_daemon() {
    kill -TERM "$DAEMON_PID"
    wait "$DAEMON_PID" || true
    DAEMON_PID=""
}

# GET PATH with the current key; fails on an HTTP error.
api() { curl -fsS -H @"$WORK/auth-header" "$URL$1"; }
# METHOD PATH [BODY]: any method with the current key; prints the body, fails on an HTTP error.
api_call() {
    local method=$1 path=$2
    if [ $# -ge 3 ]; then
        curl -fsS -X "$method" -H @"$WORK/auth-header" -H 'Content-Type: application/json' \
            --data-binary "$3" "$URL$path"
    else
        curl -fsS -X "$method" -H @"$WORK/auth-header" "$URL$path"
    fi
}
api_post() { api_call POST "$@"; }
# METHOD PATH [CURL ARGS...]: prints only the HTTP status (never fails on one), for refusal tests.
api_status() {
    local method=$1 path=$2; shift 2
    curl -sS -o "$WORK/last-body" -w '%{http_code}' -X "$method" "$@" "$URL$path"
}

# Server ids of the instance processes alive right now (one line per process).
instance_processes() {
    # Only argv[0] is read, so the pipeline's own processes (whose arguments hold the
    # pattern) never count.
    # argv[0] is read by the shell itself (no fork per process: with hundreds of instances on
    # a loaded machine, two forks each took over a minute).
    local pid name
    for pid in $(pgrep -f "tp-e2e-$TAG-"); do
        name=""
        { IFS= read -r -d '' name < "/proc/$pid/cmdline"; } 2>/dev/null || [ -n "$name" ] || continue
        case "$name" in "tp-e2e-$TAG-"*) echo "${name#tp-e2e-$TAG-}" ;; esac
    done | sort
}

# Server ids the daemon considers alive (any state but gone).
live_servers() { api /api/v1/servers | jq -r '.items[] | select(.state != "gone") | .id' | sort; }

# Conditions for wait_for (functions, not `bash -c` strings, whose own command line would
# match the process patterns they look for).
no_instances() { [ -z "$(instance_processes)" ]; }
no_live_servers() { [ -z "$(live_servers)" ]; }
session_state_is() { [ "$(api "/api/v1/sessions/$1" | jq -r .state)" = "$2" ]; }
count_servers_in() { api /api/v1/servers | jq "[.items[] | select(.state==\"$1\")] | length"; }
some_server_in() { [ "$(count_servers_in "$1")" -gt 0 ]; }
