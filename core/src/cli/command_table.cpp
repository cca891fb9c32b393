// The command table: the single source for parsing, `--help` and bash completion.
#include "cli/commands.h"

namespace tidepool::cli {

const std::vector<OptionSpec>& global_options() {
    static const std::vector<OptionSpec> options = {
        {"--url", "URL",
         "tidepoold's base URL (default: $TIDEPOOL_URL, else http://127.0.0.1:8470)"},
        {"--api-key-file", "FILE",
         "file holding the API key \"<id>.<secret>\", sent as \"Authorization: Bearer <key>\" "
         "(default: $TIDEPOOL_API_KEY, else the file $TIDEPOOL_API_KEY_FILE, else "
         "./data/admin-api-key when it exists)"},
        {"--api-key", "KEY",
         "the API key itself (other local users can see it in ps; prefer --api-key-file)"},
        {"--ca-file", "FILE",
         "PEM file of the CA that signed tidepoold's TLS certificate, for https:// URLs "
         "(default: $TIDEPOOL_CA_FILE, else the system's trust store)"},
        {"--insecure", "",
         "do not verify tidepoold's TLS certificate (testing only: anyone on the path can "
         "read the API key)"},
        {"--json", "", "print the API's JSON response, pretty-printed, instead of a table"},
        {"--help", "", "show help; \"tidepool <command> --help\" shows one command's"},
        {"--version", "", "print the CLI version and exit"},
    };
    return options;
}

namespace {

const OptionSpec kPoolFilter{"--pool", "ID", "only this pool"};
const OptionSpec kMachineState{"--state", "S", "only machines in this state (gone ones are listed "
                               "only when asked for)", false,
                               {"starting", "running", "draining", "deleting", "gone", "failed"}};

std::vector<CommandSpec> build_table() {
    return {
        {"status", "show the daemon's version, uptime and object counts",
         "Calls GET /api/v1/status and prints one \"key  value\" line per field.",
         {}, {}, cmd_status},
        {"pools", "list pools",
         "Calls GET /api/v1/pools[?kind=K], following next_cursor to the last page. Columns: "
         "ID NAME KIND PLACEMENT.",
         {}, {{"--kind", "K", "only server or agent pools", false, {"server", "agent"}}},
         cmd_pools},
        {"pools show", "show one pool",
         "Calls GET /api/v1/pools/ID and prints its fields.", {{"ID", "the pool id"}}, {},
         cmd_pools_show},
        {"zones", "list deployment zones",
         "Calls GET /api/v1/zones, following next_cursor to the last page. Columns: ID NAME "
         "UPSTREAM_AUTH_ADDRESS.",
         {}, {}, cmd_zones},
        {"zones show", "show one deployment zone",
         "Calls GET /api/v1/zones/ID and prints its fields.", {{"ID", "the zone id"}}, {},
         cmd_zones_show},
        {"providers", "list VM and DNS provider configs",
         "Calls GET /api/v1/provider-configs[?kind=K], following next_cursor to the last page. "
         "Columns: ID NAME KIND PLUGIN MAX_INSTANCES. Secret settings are never returned.",
         {}, {{"--kind", "K", "only vm or dns provider configs", false, {"vm", "dns"}}},
         cmd_providers},
        {"providers show", "show one VM or DNS provider config (secrets never shown)",
         "Calls GET /api/v1/provider-configs/ID and prints its fields. Settings the plugin marks "
         "secret are write-only: the API never returns them.",
         {{"ID", "the provider config id"}}, {}, cmd_providers_show},
        {"servers", "list servers and agents",
         "Calls GET /api/v1/servers[?pool=ID&state=S], following next_cursor to the last page. "
         "Columns: ID POOL STATE ADDRESS SESSIONS CREATED, where SESSIONS is placed sessions / "
         "max sessions.",
         {}, {kPoolFilter, kMachineState}, cmd_servers},
        {"servers show", "show one server or agent",
         "Calls GET /api/v1/servers/ID and prints its fields, with the number of sessions placed "
         "on it. The check-in token is never shown.",
         {{"ID", "the server id"}}, {}, cmd_servers_show},
        {"servers drain", "stop placing sessions on a server; it is removed once empty",
         "Calls POST /api/v1/servers/ID/drain and prints the server, now \"draining\". Sessions "
         "already on it run to their end; the planner removes it when none is left.",
         {{"ID", "the server id"}}, {}, cmd_servers_drain},
        {"servers undrain", "take a draining server back into service",
         "Calls POST /api/v1/servers/ID/undrain and prints the server, \"running\" again.",
         {{"ID", "the server id"}}, {}, cmd_servers_undrain},
        {"agents", "list agents (machines of agent pools) with their free capacity",
         "Calls GET /api/v1/agents[?pool=ID&state=S&config=ID], following next_cursor to the "
         "last page. Columns: ID POOL STATE SESSIONS FREE_CORES FREE_GPUS FREE_MEMORY_GIB, each "
         "FREE column as free/offered.",
         {}, {kPoolFilter, kMachineState, {"--config", "ID", "only agents of this autoscale config"}},
         cmd_agents},
        {"agents show", "show one agent: what it offers, what its sessions take, what is free",
         "Calls GET /api/v1/agents/ID and prints its fields, with \"allocated\" and \"free\" "
         "cores, GPUs and memory. A machine of a server pool is not an agent (exit 1): use "
         "`tidepool servers show`.",
         {{"ID", "the agent's server id"}}, {}, cmd_agents_show},
        {"sessions", "list sessions (queued and placed unless --state says otherwise)",
         "Calls GET /api/v1/sessions[?pool=ID&state=S], following next_cursor to the last "
         "page. Columns: ID POOL USER KIND STATE "
         "SERVER QUEUE ETA.",
         {},
         {kPoolFilter,
          {"--state", "S", "only sessions in this state", false,
           {"queued", "placed", "ended", "failed", "cancelled", "staged"}}},
         cmd_sessions},
        {"sessions request", "request a session in a pool",
         "Calls POST /api/v1/sessions with {\"pool_id\",\"user\",\"kind\",\"priority\"} (and "
         "\"workspace\", \"cores\", \"gpus\", \"memory_gib\" with their options) and prints "
         "the session: placed at once (HTTP 201; in an agent pool a staged session of the "
         "workspace that holds enough is taken first) or queued (HTTP 202) with its queue "
         "position and ETA. An agent-pool session needs a size: --cores, --gpus or "
         "--memory-gib, or a --workspace whose staging config gives one (exit 1 otherwise, "
         "and when no agent of the pool could ever hold it). With --wait, polls "
         "GET /api/v1/sessions/ID every 0.5 s, printing "
         "progress on stderr, until the session is placed (exit 0), fails (exit 1) or the "
         "time runs out (exit 1; the request stays queued).",
         {},
         {{"--pool", "ID", "the pool to place the session in", true},
          {"--user", "USER", "the user the session is for", true},
          {"--kind", "KIND", "desktop (default; one per user per server) or app", false,
           {"desktop", "app"}},
          {"--priority", "N", "queue priority, higher is served first (default 0)", false, {},
           ValueKind::integer},
          {"--workspace", "NAME", "agent pools: take a staged session of this workspace first",
           false},
          {"--cores", "N", "agent pools: cores the session holds (default: the workspace's)",
           false, {}, ValueKind::amount},
          {"--gpus", "N", "agent pools: GPUs the session holds (default: the workspace's)",
           false, {}, ValueKind::amount},
          {"--memory-gib", "N", "agent pools: memory (GiB) the session holds (default: the "
           "workspace's)", false, {}, ValueKind::amount},
          {"--wait", "SECONDS", "wait up to SECONDS for the session to be placed", false, {},
           ValueKind::seconds}},
         cmd_sessions_request},
        {"sessions show", "show one session, with its connection once placed",
         "Calls GET /api/v1/sessions/ID and prints the session: state, server, queue position "
         "and ETA while queued and, once placed, how to connect (address, type, port, "
         "credential type, user name; passwords and keys masked on the terminal, whole in "
         "--json when the API key's role is broker or admin).",
         {{"ID", "the session id"}}, {}, cmd_sessions_show},
        {"sessions release", "end a session (or withdraw a queued request)",
         "Calls DELETE /api/v1/sessions/ID and prints the session's final state.",
         {{"ID", "the session id"}}, {}, cmd_sessions_release},
        {"sessions connection", "how to connect to a placed session's machine",
         "Calls GET /api/v1/sessions/ID/connection and prints the address, connection type and "
         "port, credential type and user name. Passwords and keys are masked on the terminal; "
         "--json prints the whole descriptor, credentials included when the API key's role is "
         "broker or admin (see docs/connections.md).",
         {{"ID", "the session id"}}, {}, cmd_sessions_connection},
        {"configs apply", "create or update objects from a JSON configuration file",
         "Checks that FILE is valid JSON, then calls POST /api/v1/apply with it and prints how "
         "many zones, pools, provider configs and autoscale configs were applied. Errors name "
         "the file and the JSON pointer of the field at fault.",
         {{"FILE", "the configuration (JSON)"}}, {}, cmd_configs_apply},
        {"configs show", "list autoscale configs, or show one",
         "Without ID calls GET /api/v1/autoscale-configs (columns: ID NAME POOL PRIORITY "
         "ENABLED); with ID calls GET /api/v1/autoscale-configs/ID and prints its fields.",
         {{"ID", "an autoscale config id", true}}, {}, cmd_configs_show},
        {"configs list", "list autoscale configs",
         "Calls GET /api/v1/autoscale-configs, following next_cursor to the last page. Columns: "
         "ID NAME POOL PRIORITY ENABLED (the same as `configs show` without ID).",
         {}, {}, cmd_configs_list},
        {"configs delete", "delete an autoscale config, provider config, pool or zone",
         "Calls DELETE /api/v1/autoscale-configs/ID, or with --kind the provider config's, "
         "pool's or zone's route. The API refuses (exit 1) to delete an object others still "
         "refer to, naming them; delete those first.",
         {{"ID", "the object's id"}},
         {{"--kind", "K", "what ID names (default: autoscale)", false,
           {"autoscale", "provider", "pool", "zone"}}},
         cmd_configs_delete},
        {"watch", "follow live events: queued sessions with ETA, machines, decisions",
         "Streams GET /api/v1/events[?pool=ID] (server-sent events). On a terminal, prints each "
         "event and keeps a block of queued sessions at the bottom with their position and an "
         "ETA counting down. When stdout is not a terminal, one plain line per event: AT KIND "
         "pool=P session=S machine=M position=N eta=T MESSAGE. With --json, each event's JSON "
         "object on its own line. A dropped stream is resumed with Last-Event-ID, so nothing is "
         "missed while the daemon still remembers it (a \"resync\" event says when it does "
         "not). Runs until interrupted, --count or --for; exit 3 when the stream cannot be "
         "(re)opened.",
         {},
         {kPoolFilter,
          {"--since", "SEQ", "first replay the events after event SEQ the daemon remembers "
           "(0: all of them); default: only new events", false, {}, ValueKind::integer},
          {"--count", "N", "stop after N events", false, {}, ValueKind::integer},
          {"--for", "SECONDS", "stop after SECONDS", false, {}, ValueKind::seconds}},
         cmd_watch},
        {"explain", "explain the planner's latest decision for a pool",
         "Calls GET /api/v1/pools/POOL/decisions?limit=1 and prints, per autoscale config, "
         "the action, the reason and the numbers behind it.",
         {{"POOL", "the pool id"}}, {}, cmd_explain},
        {"decisions", "list a pool's recent decision records, newest first",
         "Calls GET /api/v1/pools/POOL/decisions[?limit=N] (default 20). Columns: SEQ AT ACTIONS "
         "SUMMARY, where ACTIONS is config:action per autoscale config; `tidepool explain POOL` "
         "shows the latest one in full, --json prints the records themselves.",
         {{"POOL", "the pool id"}},
         {{"--limit", "N", "how many records (1-1000)", false, {}, ValueKind::integer}},
         cmd_decisions},
        {"snapshot", "print what the planner sees of a pool, as a snapshot file",
         "Calls GET /api/v1/pools/POOL/snapshot and prints the snapshot (format "
         "tidepool.snapshot/1, docs/snapshot-format.md), e.g. `tidepool snapshot web > web.json` "
         "for `tidepool plan --snapshot web.json`.",
         {{"POOL", "the pool id"}}, {}, cmd_snapshot},
        {"plan", "dry run: plan a pool from a snapshot file, touching no provider",
         "Runs the capacity planner locally on FILE (docs/snapshot-format.md) at --at (default: "
         "the snapshot's own \"at\", else now) and prints, per autoscale config, the action and "
         "the reason; --json prints the whole plan with its decision records.",
         {},
         {{"--snapshot", "FILE", "the snapshot file", true},
          {"--at", "INSTANT", "plan as of this ISO 8601 instant, e.g. 2026-03-02T09:00:00Z"}},
         cmd_plan, false},
        {"simulate", "what-if: replay a demand trace against a config bundle, offline",
         "Runs the real planner and placement on a virtual clock over --trace (a CSV of "
         "start,duration[,user] rows, or a binned arrival curve such as bank_calls_5min.csv) "
         "with the pools, autoscale configs and org.tidepool.sim provider configs of --config "
         "(a `configs apply` bundle), next to three baselines: static peak capacity, an "
         "AVD-style schedule and a reactive fixed buffer. Prints one row per policy "
         "(server-hours, cost vs static, p50/p95/p99 wait, share that waited for a boot, queue "
         "maximum, peak servers); --json prints the summary; --out DIR also writes "
         "DIR/summary.json and DIR/chart.svg. See docs/simulate.md.",
         {},
         {{"--config", "FILE", "the config bundle (pools, provider_configs, autoscale_configs)",
           true},
          {"--trace", "FILE", "the demand trace CSV", true},
          {"--users", "N", "binned traces: the population the curve is scaled to (default 10000)",
           false, {}, ValueKind::integer},
          {"--from", "DATE", "first day to replay, YYYY-MM-DD (default: the trace's first day)"},
          {"--days", "N", "days to replay from --from (default 7)", false, {}, ValueKind::integer},
          {"--seed", "N", "seeds arrivals and boot times (default 1); same seed, same output",
           false, {}, ValueKind::integer},
          {"--reactive-buffer", "N",
           "free sessions the reactive baseline keeps (default: the first config's minimum)",
           false, {}, ValueKind::integer},
          {"--out", "DIR", "also write summary.json and chart.svg into DIR"}},
         cmd_simulate, false},
        {"schedules", "list autoscale configs' schedules and whether each is active now",
         "Calls GET /api/v1/schedules[?pool=ID&active=B], following next_cursor to the last "
         "page. Columns: CONFIG POOL ENABLED ACTIVE NEXT_CHANGE SCHEDULES (how many weekly "
         "windows). Schedules are edited in their autoscale config (`configs apply`).",
         {}, {kPoolFilter, {"--active", "B", "only configs active (or not) right now", false,
                            {"true", "false"}}},
         cmd_schedules},
        {"schedules show", "show one autoscale config's schedules, exceptions and extra windows",
         "Calls GET /api/v1/schedules/CONFIG_ID and prints whether the config is active now, "
         "when that next changes, and its schedules, exceptions and extra windows.",
         {{"CONFIG_ID", "the autoscale config id"}}, {}, cmd_schedules_show},
        {"schedule preview", "list when an autoscale config's schedules are active",
         "Prints the maximal, sorted active intervals in UTC between --from and --to; --json "
         "prints {\"intervals\":[{\"start\":\"...Z\",\"end\":\"...Z\"}]}. With --config FILE "
         "the file's enabled/schedules/exceptions/extra_windows are read locally (an autoscale "
         "config or just those members); with --id the stored config is asked for through GET "
         "/api/v1/autoscale-configs/ID/schedule.",
         {},
         {{"--config", "FILE", "a JSON file with the schedule members"},
          {"--id", "CONFIG_ID", "a stored autoscale config instead of a file"},
          {"--from", "INSTANT", "start of the range (ISO 8601)", true},
          {"--to", "INSTANT", "end of the range (ISO 8601)", true}},
         cmd_schedule_preview, false},
        {"plugin list", "list loaded provider plugins",
         "Calls GET /api/v1/plugins. Columns: ID VERSION ABI INTERFACES CAPABILITIES FILE, "
         "where CAPABILITIES are the VM interface's capability bits by name.", {}, {},
         cmd_plugin_list},
        {"plugin reload", "rescan the plugins directory",
         "Calls POST /api/v1/plugins/reload and prints the plugins loaded afterwards.", {}, {},
         cmd_plugin_reload},
        {"plugin check", "run the conformance kit on a plugin file (no daemon needed)",
         "Loads FILE.so locally with every loader check. With --config, also drives a full VM "
         "lifecycle against the real provider (create, find, delete, verify gone). Prints one "
         "line per step. Exit 4 when any step fails. --url, --api-key and --json are ignored.",
         {{"FILE", "the plugin shared library (.so)"}},
         {{"--config", "CONFIG.json", "provider configuration for the lifecycle test"}},
         cmd_plugin_check, false},
        {"key create", "create an API key (admin only); prints its secret once",
         "Calls POST /api/v1/keys with {\"role\",\"name\"} and prints the new key's id, name, "
         "role and \"key\": the \"<id>.<secret>\" text clients send as \"Authorization: "
         "Bearer <key>\". Save it at once (e.g. in a 0600 file for --api-key-file): only a "
         "salted hash is stored, so it cannot be shown again. Roles: admin (everything), "
         "broker (sessions routes only), read-only (GET only, no key management).",
         {},
         {{"--role", "ROLE", "what the key may do", true, {"admin", "broker", "read-only"}},
          {"--name", "NAME", "a label for operators, e.g. who holds the key (at most 64 "
           "characters)"}},
         cmd_key_create},
        {"key list", "list API keys, never their secrets (admin only)",
         "Calls GET /api/v1/keys. Columns: ID NAME ROLE CREATED REVOKED (\"-\" while "
         "active).", {}, {}, cmd_key_list},
        {"key revoke", "revoke an API key at once (admin only)",
         "Calls DELETE /api/v1/keys/ID. The key stops working immediately and stays listed as "
         "revoked. The last active admin key cannot be revoked: create another first.",
         {{"ID", "the key id (key-…), as `tidepool key list` shows it"}}, {}, cmd_key_revoke},
        {"user-keys", "list users' stored SSH keys (public halves only)",
         "Calls GET /api/v1/user-ssh-keys. Columns: USER ALGORITHM UPDATED. A user's key is "
         "what configs with use_user_ssh_key hand out in that user's session descriptors "
         "(docs/connections.md). Private halves are stored sealed and never shown.",
         {}, {}, cmd_user_keys},
        {"user-keys show", "show one user's SSH key: algorithm and public key",
         "Calls GET /api/v1/user-ssh-keys/USER and prints the user, algorithm, public key (PEM) "
         "and when it was last set.",
         {{"USER", "the user name as sessions carry it, e.g. alice@example.com"}}, {},
         cmd_user_keys_show},
        {"user-keys set", "store (or replace) a user's SSH private key",
         "Reads the PEM private key (PKCS#1 or PKCS#8; RSA, ECDSA or Ed25519) from FILE and "
         "calls PUT /api/v1/user-ssh-keys/USER. tidepoold checks it with OpenSSL (an encrypted "
         "key needs --passphrase-file, and the passphrase must open it; a public key or a "
         "truncated PEM is refused, naming the field) and stores it sealed. Prints the public "
         "half.",
         {{"USER", "the user name as sessions carry it, e.g. alice@example.com"}},
         {{"--private-key-file", "FILE", "the PEM private key", true},
          {"--passphrase-file", "FILE",
           "a file holding the key's passphrase (one line), for an encrypted key"}},
         cmd_user_keys_set},
        {"user-keys delete", "delete a user's stored SSH key",
         "Calls DELETE /api/v1/user-ssh-keys/USER. Sessions of configs with use_user_ssh_key "
         "then get no descriptor for that user until a key is set again.",
         {{"USER", "the user name"}}, {}, cmd_user_keys_delete},
        {"staging list", "list staging configs (staged sessions agent pools keep ready)",
         "Calls GET /api/v1/staging-configs with the filters given, following next_cursor to "
         "the last page. Columns: ID POOL WORKSPACE DESIRED EXPIRY_H PER_SESSION ENABLED. "
         "Create or change staging configs with `tidepool configs apply` of a bundle holding "
         "\"staging_configs\" (docs/staging.md).",
         {},
         {{"--pool", "ID", "only staging configs of this agent pool"},
          {"--workspace", "NAME", "only staging configs for this workspace"},
          {"--enabled", "B", "only enabled (true) or disabled (false) ones", false,
           {"true", "false"}}},
         cmd_staging_list},
        {"staging show", "show one staging config",
         "Calls GET /api/v1/staging-configs/ID and prints its fields.",
         {{"ID", "the staging config id"}}, {}, cmd_staging_show},
        {"staging delete", "delete a staging config",
         "Calls DELETE /api/v1/staging-configs/ID. Its unused staged sessions are ended on "
         "the next planning pass; sessions users already took are not touched.",
         {{"ID", "the staging config id"}}, {}, cmd_staging_delete},
    };
}

}  // namespace

const std::vector<CommandSpec>& command_table() {
    static const std::vector<CommandSpec> table = build_table();
    return table;
}

}  // namespace tidepool::cli
