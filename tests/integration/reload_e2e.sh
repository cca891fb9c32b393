#!/usr/bin/env bash
# Hot reload: a plugin dropped into the plugin directory is picked up by SIGHUP, and by
# POST /api/v1/plugins/reload, without restarting tidepoold.
source "$(dirname "$0")/lib.sh" "$@"

mkdir -p "$WORK/plugins"
chmod 755 "$WORK/plugins"
ORIGINAL_PLUGIN_DIR=$PLUGIN_DIR
PLUGIN_DIR=$WORK/plugins
start_daemon
pid_before=$DAEMON_PID
[ "$(api /api/v1/plugins | jq '.items | length')" = 0 ] || die "the plugin dir starts empty"

say "SIGHUP loads a new plugin"
install -m 755 "$ORIGINAL_PLUGIN_DIR/tidepool-local.so" "$WORK/plugins/"
kill -HUP "$DAEMON_PID"
has_local_plugin() { api /api/v1/plugins | jq -e '.items[] | select(.id=="org.tidepool.local")'; }
wait_for 10 "the local plugin after SIGHUP" has_local_plugin
[ "$DAEMON_PID" = "$pid_before" ] && kill -0 "$DAEMON_PID" || die "tidepoold restarted"
"$TIDEPOOL" plugin list | grep -E "org.tidepool.local +0.1.0 +1.0 +tidepool.vm_provider/1 +idempotent_create,startup_script" >/dev/null \
    || die "plugin list lacks id/version/ABI/capabilities: $("$TIDEPOOL" plugin list)"

say "the API reload refuses a group-writable replacement and keeps serving the old one"
cp "$ORIGINAL_PLUGIN_DIR/tidepool-local.so" "$WORK/plugins/tidepool-local.so.new"
chmod 775 "$WORK/plugins/tidepool-local.so.new"
mv "$WORK/plugins/tidepool-local.so.new" "$WORK/plugins/tidepool-local.so"
out=$(api_post /api/v1/plugins/reload)
jq -e '.items[] | select(.id=="org.tidepool.local")' <<<"$out" >/dev/null || die "old version dropped: $out"
jq -e '.refused | length == 1' <<<"$out" >/dev/null || die "expected one refusal: $out"
jq -r '.refused[0]' <<<"$out" | grep -q "tidepool-local.so" || die "refusal must name the file: $out"

say "fixing the permissions loads the replacement"
chmod 755 "$WORK/plugins/tidepool-local.so"
out=$(api_post /api/v1/plugins/reload)
jq -e '(.refused | length == 0) and ([.items[] | select(.id=="org.tidepool.local")] | length == 1)' <<<"$out" >/dev/null || die "replacement not loaded: $out"
stop_daemon
echo "reload e2e: 1 passed, 0 failed"
