// The store interface: the only way the core reads or writes durable state.
// SQLite (store/sqlite_store.*) is the embedded default; a PostgreSQL store comes later, so the
// interface speaks in model values, never SQL, and implementations keep their SQL portable.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/accounts.h"
#include "model/journal.h"
#include "model/machines.h"
#include "model/objects.h"
#include "model/staging.h"
#include "tidepool/result.h"

namespace tidepool::store {

using model::Id;
using model::Instant;

// Members have default initializers so callers can name only what they filter on
// ({.pool_id = "web"}) without -Wmissing-field-initializers.
struct ServerFilter {
    std::optional<Id> pool_id{};
    std::optional<Id> config_id{};
    std::vector<model::MachineState> states{};  // empty = any state
};

struct SessionFilter {
    std::optional<Id> pool_id{};
    std::optional<Id> server_id{};
    std::optional<std::string> user{};
    std::vector<model::SessionState> states{};  // empty = any state
};

// One stored decision record (the planner's per-evaluation explanation, as JSON).
struct DecisionRecord {
    std::int64_t seq = 0;
    Id pool_id;
    Instant at{};
    std::string json;
};

// A credential a provider generated for a machine (an EC2 Windows password), sealed with the
// daemon's Sealer before it gets here: the store never sees the secret in clear.
struct MachineCredential {
    Id machine_id;
    std::string kind;      // "password"
    std::string username;  // may be empty
    std::string sealed_secret;
    Instant created_at{};
};

// One API key as stored: never the secret itself, only its salted PBKDF2-HMAC-SHA256 hash
// (auth/key_hash.h). Revoked keys stay as history; revoked_at is the epoch while active.
struct ApiKeyRecord {
    Id id;
    std::string name;
    std::string role;  // auth::Role's text: "admin", "broker", "read-only"
    std::string salt_hex;
    std::string hash_hex;
    int iterations = 0;
    Instant created_at{};
    Instant revoked_at{};
};

class Store {
public:
    virtual ~Store() = default;

    // Runs fn inside one transaction; commits when it returns ok, rolls back otherwise.
    // Nested calls join the outer transaction.
    virtual Result<void> transaction(const std::function<Result<void>()>& fn) = 0;

    // Configured objects. put_* inserts or replaces by id; remove_* of a missing id is
    // not_found; removing an object others still reference is conflict (message names them).
    virtual Result<void> put_zone(const model::Zone& zone) = 0;
    virtual Result<model::Zone> get_zone(const Id& id) = 0;
    virtual Result<std::vector<model::Zone>> list_zones() = 0;
    virtual Result<void> remove_zone(const Id& id) = 0;

    virtual Result<void> put_pool(const model::Pool& pool) = 0;
    virtual Result<model::Pool> get_pool(const Id& id) = 0;
    virtual Result<std::vector<model::Pool>> list_pools() = 0;
    virtual Result<void> remove_pool(const Id& id) = 0;

    virtual Result<void> put_provider_config(const model::ProviderConfig& config) = 0;
    virtual Result<model::ProviderConfig> get_provider_config(const Id& id) = 0;
    virtual Result<std::vector<model::ProviderConfig>> list_provider_configs() = 0;
    virtual Result<void> remove_provider_config(const Id& id) = 0;

    virtual Result<void> put_autoscale_config(const model::AutoScaleConfig& config) = 0;
    virtual Result<model::AutoScaleConfig> get_autoscale_config(const Id& id) = 0;
    // Sorted by (priority, id): the planner's stable evaluation order.
    virtual Result<std::vector<model::AutoScaleConfig>> list_autoscale_configs(
        const std::optional<Id>& pool_id = std::nullopt) = 0;
    virtual Result<void> remove_autoscale_config(const Id& id) = 0;

    // Removing a staging config ends nothing by itself: the runtime drops its unused staged
    // sessions on its next pass (they name a config that no longer exists).
    virtual Result<void> put_staging_config(const model::StagingConfig& config) = 0;
    virtual Result<model::StagingConfig> get_staging_config(const Id& id) = 0;
    // Sorted by id.
    virtual Result<std::vector<model::StagingConfig>> list_staging_configs(
        const std::optional<Id>& pool_id = std::nullopt) = 0;
    virtual Result<void> remove_staging_config(const Id& id) = 0;

    // Machines and sessions.
    virtual Result<void> put_server(const model::Server& server) = 0;
    virtual Result<model::Server> get_server(const Id& id) = 0;
    virtual Result<std::vector<model::Server>> list_servers(const ServerFilter& filter = {}) = 0;
    virtual Result<model::Server> find_server_by_token_hash(const std::string& token_hash) = 0;
    virtual Result<void> remove_server(const Id& id) = 0;

    virtual Result<void> put_session(const model::Session& session) = 0;
    // A number that changes whenever a server or session row may have changed: every put or
    // removal of one (and of a pool, which takes its history along), and every rollback of a
    // transaction that had made such a change. An in-memory view of servers and sessions (the
    // runtime's placement index) compares it to tell whether it still matches the store.
    virtual std::uint64_t machine_generation() const = 0;
    // Rows written so far, any table: a caller can tell whether a call wrote anything (the
    // group commit skips undoing a failed request that wrote nothing). [the writing thread]
    virtual std::int64_t rows_written() = 0;
    virtual Result<model::Session> get_session(const Id& id) = 0;
    virtual Result<std::vector<model::Session>> list_sessions(
        const SessionFilter& filter = {}) = 0;
    // When a pool's sessions were requested (Unix seconds, ascending), from `since_s` on: the
    // arrival history predictive standby learns from. Every state counts (demand is demand),
    // but staged sessions nobody took are not requests: only sessions with a user are.
    virtual Result<std::vector<std::int64_t>> arrival_times(const Id& pool_id,
                                                            std::int64_t since_s) = 0;

    // Provisioning journal.
    virtual Result<std::int64_t> journal_intent(const model::JournalEntry& entry) = 0;
    virtual Result<void> journal_settle(std::int64_t seq, const std::string& provider_id,
                                        Instant at) = 0;
    virtual Result<void> journal_fail(std::int64_t seq, const std::string& error,
                                      Instant at) = 0;
    virtual Result<std::vector<model::JournalEntry>> list_journal(
        const std::vector<model::JournalState>& states = {}) = 0;

    // Provider-generated machine credentials (one per machine; a new one replaces the old).
    virtual Result<void> put_machine_credential(const MachineCredential& credential) = 0;
    virtual Result<std::optional<MachineCredential>> get_machine_credential(const Id& machine_id) = 0;

    // Small durable facts: installation id, per-config last scale-up, etc.
    virtual Result<std::optional<std::string>> get_meta(const std::string& key) = 0;
    virtual Result<void> set_meta(const std::string& key, const std::string& value) = 0;

    // Decision records: bounded history per pool (oldest dropped past keep_per_pool).
    // list_decisions returns the newest first, at most `limit` (≤ 0: all that are kept).
    virtual Result<void> append_decision(const DecisionRecord& record) = 0;
    virtual Result<std::vector<DecisionRecord>> list_decisions(const Id& pool_id,
                                                               int limit) = 0;

    // Session accounts (dynamic_accounts) and users' SSH keys; secrets arrive sealed.
    virtual Result<void> put_session_account(const model::SessionAccount& account) = 0;
    virtual Result<model::SessionAccount> get_session_account(const Id& session_id) = 0;
    // The server's accounts the in-guest service still has to act on (pending or removing).
    virtual Result<std::vector<model::SessionAccount>> list_open_session_accounts(
        const Id& server_id) = 0;
    virtual Result<void> put_user_ssh_key(const model::UserSshKey& key) = 0;
    virtual Result<model::UserSshKey> get_user_ssh_key(const std::string& user) = 0;
    virtual Result<std::vector<model::UserSshKey>> list_user_ssh_keys() = 0;
    virtual Result<void> remove_user_ssh_key(const std::string& user) = 0;

    // API keys (insert or replace by id; revocation is a put with revoked_at set).
    virtual Result<void> put_api_key(const ApiKeyRecord& key) = 0;
    virtual Result<ApiKeyRecord> get_api_key(const Id& id) = 0;
    virtual Result<std::vector<ApiKeyRecord>> list_api_keys() = 0;
};

struct SqliteOptions {
    std::string path;              // database file; its directory must exist
    int decisions_per_pool = 200;  // bounded decision history
    bool read_only = false;
    int cache_mib = 64;            // page cache; the live rows of a large install fit in it
};

// Opens (creating and migrating when needed) a SQLite store in WAL mode. Refuses a database
// written by a newer Tidepool, and reports a corrupt or unwritable file as a clear Error.
Result<std::unique_ptr<Store>> open_sqlite_store(const SqliteOptions& options);

}  // namespace tidepool::store
