// Portability: plain TEXT/INTEGER/REAL columns and standard SQL, so the PostgreSQL store can
// reuse the same shapes. Known SQLite-isms, each to be translated there:
//  - "seq INTEGER PRIMARY KEY" is SQLite's rowid alias (auto-assigned); PostgreSQL: BIGSERIAL.
//  - booleans are INTEGER 0/1; PostgreSQL may keep INTEGER or use BOOLEAN.
//  - PRAGMA user_version / application_id (the version check); PostgreSQL reads
//    schema_migrations instead.
// Instants are INTEGER unix seconds (UTC). Enums are their text names (model/enums.h).
// Optional references are NULL, never "", so foreign keys and UNIQUE ignore them.
#include "store/migrations.h"

#include <array>
#include <chrono>
#include <string>

namespace tidepool::store {
namespace {

constexpr const char* kConfigObjects = R"sql(
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL);
CREATE TABLE zones (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    upstream_auth_address TEXT NOT NULL);
CREATE TABLE pools (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    placement TEXT NOT NULL,
    max_queue_wait_s INTEGER NOT NULL);
CREATE TABLE provider_configs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    plugin_id TEXT NOT NULL,
    config_json TEXT NOT NULL,
    max_instances INTEGER NOT NULL);
CREATE TABLE autoscale_configs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    pool_id TEXT NOT NULL REFERENCES pools (id),
    zone_id TEXT REFERENCES zones (id),
    vm_provider_id TEXT REFERENCES provider_configs (id),
    dns_provider_id TEXT REFERENCES provider_configs (id),
    priority INTEGER NOT NULL,
    enabled INTEGER NOT NULL,
    schedule_json TEXT NOT NULL,
    aggressive INTEGER NOT NULL,
    downscale_backoff_s INTEGER NOT NULL,
    require_checkin INTEGER NOT NULL,
    checkin_timeout_s INTEGER NOT NULL,
    os_family TEXT NOT NULL,
    startup_script TEXT NOT NULL,
    min_available_sessions INTEGER NOT NULL,
    max_sessions_per_server INTEGER NOT NULL,
    max_users_per_server INTEGER NOT NULL,
    connection_type TEXT NOT NULL,
    connection_port INTEGER NOT NULL,
    reusable INTEGER NOT NULL,
    standby_cores REAL NOT NULL,
    standby_gpus REAL NOT NULL,
    standby_memory_gib REAL NOT NULL,
    agent_cores_override REAL,
    agent_gpus_override REAL,
    agent_memory_gib_override REAL,
    agent_cores REAL NOT NULL,
    agent_gpus REAL NOT NULL,
    agent_memory_gib REAL NOT NULL,
    register_dns INTEGER NOT NULL,
    base_domain TEXT NOT NULL);
CREATE INDEX autoscale_configs_by_pool ON autoscale_configs (pool_id, priority, id);
CREATE INDEX autoscale_configs_by_zone ON autoscale_configs (zone_id);
CREATE INDEX autoscale_configs_by_vm_provider ON autoscale_configs (vm_provider_id);
CREATE INDEX autoscale_configs_by_dns_provider ON autoscale_configs (dns_provider_id);
)sql";

// sessions.server_id and servers.config_id carry no foreign key on purpose: ended sessions and
// gone servers are history and must not pin the rows they once pointed at.
constexpr const char* kMachines = R"sql(
CREATE TABLE servers (
    id TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL REFERENCES pools (id),
    config_id TEXT,
    name TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    state TEXT NOT NULL,
    address TEXT NOT NULL,
    max_sessions INTEGER NOT NULL,
    max_users INTEGER NOT NULL,
    checkin_token_hash TEXT,
    checkin_expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    state_changed_at INTEGER NOT NULL,
    cores REAL NOT NULL,
    gpus REAL NOT NULL,
    memory_gib REAL NOT NULL);
CREATE INDEX servers_by_pool ON servers (pool_id, state);
CREATE INDEX servers_by_config ON servers (config_id, state);
CREATE INDEX servers_by_state ON servers (state);
CREATE UNIQUE INDEX servers_by_token_hash ON servers (checkin_token_hash);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL REFERENCES pools (id),
    server_id TEXT,
    user_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    priority INTEGER NOT NULL,
    requested_at INTEGER NOT NULL,
    placed_at INTEGER NOT NULL,
    ended_at INTEGER NOT NULL,
    failure_reason TEXT NOT NULL,
    cores REAL NOT NULL,
    gpus REAL NOT NULL,
    memory_gib REAL NOT NULL);
CREATE INDEX sessions_by_pool ON sessions (pool_id, state);
CREATE INDEX sessions_by_server ON sessions (server_id, state);
CREATE INDEX sessions_by_state ON sessions (state);
CREATE INDEX sessions_by_user ON sessions (user_name);
)sql";

constexpr const char* kJournalMetaDecisions = R"sql(
CREATE TABLE journal (
    seq INTEGER PRIMARY KEY,
    op TEXT NOT NULL,
    state TEXT NOT NULL,
    config_id TEXT NOT NULL,
    provider_config_id TEXT NOT NULL,
    machine_id TEXT NOT NULL,
    unique_name TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    tags_json TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    error TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    settled_at INTEGER NOT NULL);
CREATE INDEX journal_by_state ON journal (state, seq);
CREATE INDEX journal_by_provider_config ON journal (provider_config_id, state);
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL);
CREATE TABLE decisions (
    seq INTEGER PRIMARY KEY,
    pool_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    record_json TEXT NOT NULL);
CREATE INDEX decisions_by_pool ON decisions (pool_id, seq);
)sql";

// Connection settings (credential type, keys, proxy certificate) as one JSON column whose
// secret members are sealed before they reach the store.
constexpr const char* kConnectionSettings = R"sql(
ALTER TABLE autoscale_configs ADD COLUMN connection_json TEXT NOT NULL DEFAULT '';
)sql";

// Per-session machine accounts and users' SSH keys; secret columns hold sealed text only.
constexpr const char* kAccountsAndKeys = R"sql(
CREATE TABLE session_accounts (
    session_id TEXT PRIMARY KEY,
    server_id TEXT NOT NULL,
    username TEXT NOT NULL,
    password_sealed TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL);
CREATE INDEX session_accounts_by_server ON session_accounts (server_id, state);
CREATE TABLE user_ssh_keys (
    user_name TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    private_key_sealed TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    updated_at INTEGER NOT NULL);
)sql";

// Credentials providers generate for machines (EC2 Windows passwords), stored sealed.
constexpr const char* kMachineCredentials = R"sql(
CREATE TABLE machine_credentials (
    machine_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    username TEXT NOT NULL,
    sealed_secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
)sql";

// API keys: the secret is never stored, only a salted PBKDF2 hash (see auth/key_hash.h).
constexpr const char* kApiKeys = R"sql(
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    salt_hex TEXT NOT NULL,
    hash_hex TEXT NOT NULL,
    iterations INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER NOT NULL);
)sql";

// Staging configs, and what a session needs to be a staged one: the config that staged it, the
// workspace it serves and when it expires if nobody takes it. Additive: existing sessions get
// empty values, which mean "not staged".
constexpr const char* kStaging = R"sql(
CREATE TABLE staging_configs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    pool_id TEXT NOT NULL REFERENCES pools (id),
    workspace TEXT NOT NULL,
    desired_count INTEGER NOT NULL,
    expiry_hours INTEGER NOT NULL,
    cores REAL NOT NULL,
    gpus REAL NOT NULL,
    memory_gib REAL NOT NULL,
    enabled INTEGER NOT NULL);
CREATE INDEX staging_configs_by_pool ON staging_configs (pool_id);
ALTER TABLE sessions ADD COLUMN workspace TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN staging_config_id TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
)sql";

// Predictive standby per autoscale config (off for every existing config).
constexpr const char* kPredictiveStandby = R"sql(
ALTER TABLE autoscale_configs ADD COLUMN predictive_standby INTEGER NOT NULL DEFAULT 0;
ALTER TABLE autoscale_configs ADD COLUMN predictive_lookback_days INTEGER NOT NULL DEFAULT 14;
CREATE INDEX sessions_by_pool_requested ON sessions (pool_id, requested_at);
)sql";

// When each server's last session ended (0: never), the planner's idle time for removals.
constexpr const char* kLastSessionEnd = R"sql(
ALTER TABLE servers ADD COLUMN last_session_end_at INTEGER NOT NULL DEFAULT 0;
)sql";

constexpr std::array<Migration, 10> kMigrations{{
    {1, "0001_config_objects", kConfigObjects},
    {2, "0002_machines_and_sessions", kMachines},
    {3, "0003_journal_meta_decisions", kJournalMetaDecisions},
    {4, "0004_connection_settings", kConnectionSettings},
    {5, "0005_session_accounts_and_user_keys", kAccountsAndKeys},
    {6, "0006_machine_credentials", kMachineCredentials},
    {7, "0007_api_keys", kApiKeys},
    {8, "0008_staging", kStaging},
    {9, "0009_predictive_standby", kPredictiveStandby},
    {10, "0010_last_session_end", kLastSessionEnd},
}};

std::int64_t now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Error refusal(const SqliteDb& db, ErrorCode code, const std::string& why) {
    return Error{code, db.path() + " " + why, ""};
}

// Refuses files this build must not touch: newer schemas and other applications' databases.
Result<std::int64_t> check_identity(SqliteDb& db, bool read_only) {
    auto version = db.query_int("PRAGMA user_version");
    if (!version) return version.error();
    auto app = db.query_int("PRAGMA application_id");
    if (!app) return app.error();
    if (*app != 0 && *app != kApplicationId) {
        return refusal(db, ErrorCode::invalid,
                       "is not a Tidepool database (another application's SQLite file); point "
                       "--data-dir elsewhere");
    }
    if (*version > latest_schema_version()) {
        return refusal(db, ErrorCode::invalid,
                       "was written by a newer Tidepool (schema " + std::to_string(*version) +
                           "; this build knows up to " + std::to_string(latest_schema_version()) +
                           "); upgrade tidepoold or point --data-dir elsewhere");
    }
    if (*version == 0) {
        auto tables = db.query_int("SELECT COUNT(*) FROM sqlite_master");
        if (!tables) return tables.error();
        if (*tables > 0 && *app != kApplicationId) {
            return refusal(db, ErrorCode::invalid,
                           "holds tables but is not a Tidepool database; point --data-dir "
                           "elsewhere");
        }
    }
    if (read_only && *version < latest_schema_version()) {
        return refusal(db, ErrorCode::invalid,
                       "has schema " + std::to_string(*version) + " but this build needs " +
                           std::to_string(latest_schema_version()) +
                           "; open it once read-write (start tidepoold) to upgrade it");
    }
    return *version;
}

Result<void> apply(SqliteDb& db, const Migration& m) {
    if (auto begin = db.exec("BEGIN IMMEDIATE"); !begin) return begin;
    auto fail = [&](Error e) -> Result<void> {
        (void)db.exec("ROLLBACK");
        e.message += " (while applying migration " + std::string(m.name) + ")";
        return e;
    };
    // Another process may have migrated between our check and BEGIN IMMEDIATE.
    auto current = db.query_int("PRAGMA user_version");
    if (!current) return fail(current.error());
    if (*current >= m.version) return db.exec("COMMIT");
    if (auto ddl = db.exec(m.sql); !ddl) return fail(ddl.error());
    auto record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) "
                             "VALUES (?, ?, ?)");
    if (!record) return fail(record.error());
    if (auto r = record->bind_all(m.version, m.name, now_unix()).run(); !r) {
        return fail(r.error());
    }
    // PRAGMAs take no parameters; the numbers spliced in are compile-time constants.
    const std::string pragmas = "PRAGMA user_version = " + std::to_string(m.version) +
                                "; PRAGMA application_id = " + std::to_string(kApplicationId);
    if (auto r = db.exec(pragmas.c_str()); !r) return fail(r.error());
    if (auto commit = db.exec("COMMIT"); !commit) return fail(commit.error());
    return {};
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

Result<void> migrate(SqliteDb& db, bool read_only) {
    auto version = check_identity(db, read_only);
    if (!version) return version.error();
    for (const Migration& m : kMigrations) {
        if (m.version <= *version) continue;
        if (auto r = apply(db, m); !r) return r;
    }
    return {};
}

}  // namespace tidepool::store
