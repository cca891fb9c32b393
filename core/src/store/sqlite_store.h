// SqliteStore: the embedded Store. One connection in WAL mode with synchronous=FULL (an
// acknowledged write survives power loss), foreign keys on, guarded by one recursive mutex so
// any thread may call it and a transaction's callback may call back into the store.
//
// Its methods are spread over sqlite_store.cpp (open, transactions, meta, decisions),
// sqlite_configs.cpp, sqlite_machines.cpp, sqlite_journal.cpp and sqlite_api_keys.cpp.
#pragma once

#include <atomic>
#include <mutex>

#include "store/sqlite_db.h"
#include "store/store.h"

namespace tidepool::store {

class SqliteStore final : public Store {
public:
    static Result<std::unique_ptr<Store>> open(const SqliteOptions& options);

    Result<void> transaction(const std::function<Result<void>()>& fn) override;

    Result<void> put_zone(const model::Zone& zone) override;
    Result<model::Zone> get_zone(const Id& id) override;
    Result<std::vector<model::Zone>> list_zones() override;
    Result<void> remove_zone(const Id& id) override;

    Result<void> put_pool(const model::Pool& pool) override;
    Result<model::Pool> get_pool(const Id& id) override;
    Result<std::vector<model::Pool>> list_pools() override;
    Result<void> remove_pool(const Id& id) override;

    Result<void> put_provider_config(const model::ProviderConfig& config) override;
    Result<model::ProviderConfig> get_provider_config(const Id& id) override;
    Result<std::vector<model::ProviderConfig>> list_provider_configs() override;
    Result<void> remove_provider_config(const Id& id) override;

    Result<void> put_autoscale_config(const model::AutoScaleConfig& config) override;
    Result<model::AutoScaleConfig> get_autoscale_config(const Id& id) override;
    Result<std::vector<model::AutoScaleConfig>> list_autoscale_configs(
        const std::optional<Id>& pool_id) override;
    Result<void> remove_autoscale_config(const Id& id) override;

    Result<void> put_staging_config(const model::StagingConfig& config) override;
    Result<model::StagingConfig> get_staging_config(const Id& id) override;
    Result<std::vector<model::StagingConfig>> list_staging_configs(
        const std::optional<Id>& pool_id) override;
    Result<void> remove_staging_config(const Id& id) override;

    Result<void> put_server(const model::Server& server) override;
    Result<model::Server> get_server(const Id& id) override;
    Result<std::vector<model::Server>> list_servers(const ServerFilter& filter) override;
    Result<model::Server> find_server_by_token_hash(const std::string& token_hash) override;
    Result<void> remove_server(const Id& id) override;

    Result<void> put_session(const model::Session& session) override;
    std::uint64_t machine_generation() const override { return machine_generation_.load(); }
    std::int64_t rows_written() override;
    Result<model::Session> get_session(const Id& id) override;
    Result<std::vector<model::Session>> list_sessions(const SessionFilter& filter) override;
    Result<std::vector<std::int64_t>> arrival_times(const Id& pool_id,
                                                    std::int64_t since_s) override;

    Result<std::int64_t> journal_intent(const model::JournalEntry& entry) override;
    Result<void> journal_settle(std::int64_t seq, const std::string& provider_id,
                                Instant at) override;
    Result<void> journal_fail(std::int64_t seq, const std::string& error, Instant at) override;
    Result<std::vector<model::JournalEntry>> list_journal(
        const std::vector<model::JournalState>& states) override;

    Result<void> put_machine_credential(const MachineCredential& credential) override;
    Result<std::optional<MachineCredential>> get_machine_credential(const Id& machine_id) override;
    Result<std::optional<std::string>> get_meta(const std::string& key) override;
    Result<void> set_meta(const std::string& key, const std::string& value) override;

    Result<void> append_decision(const DecisionRecord& record) override;
    Result<std::vector<DecisionRecord>> list_decisions(const Id& pool_id, int limit) override;

    Result<void> put_session_account(const model::SessionAccount& account) override;
    Result<model::SessionAccount> get_session_account(const Id& session_id) override;
    Result<std::vector<model::SessionAccount>> list_open_session_accounts(
        const Id& server_id) override;
    Result<void> put_user_ssh_key(const model::UserSshKey& key) override;
    Result<model::UserSshKey> get_user_ssh_key(const std::string& user) override;
    Result<std::vector<model::UserSshKey>> list_user_ssh_keys() override;
    Result<void> remove_user_ssh_key(const std::string& user) override;

    Result<void> put_api_key(const ApiKeyRecord& key) override;
    Result<ApiKeyRecord> get_api_key(const Id& id) override;
    Result<std::vector<ApiKeyRecord>> list_api_keys() override;

private:
    explicit SqliteStore(const SqliteOptions& options) : options_(options) {}
    Result<void> configure();
    Result<void> rollback(bool outer);
    Result<void> run_constant(const char* sql);
    // After a put failed a foreign key: which reference names a missing object.
    struct Reference {
        const char* member;  // "pool_id"
        const Id* id;
        const char* table;   // "pools"
        const char* what;    // "pool"
    };
    Error missing_reference(const char* what, const Id& id,
                            std::initializer_list<Reference> references);
    // "autoscale configs \"a\", \"b\"" for the ids `sql` selects with ?1 = id, or "" if none.
    Result<std::string> referencing(const char* what_plural, const char* sql, const Id& id);
    // not_found unless `table` has a row with this id.
    Result<void> require_row(const char* table, const char* what, const Id& id);
    // Refuses a removal with conflict when any of `users` is non-empty.
    static Result<void> refuse_if_used(const char* what, const Id& id,
                                       std::initializer_list<std::string> users);
    Result<void> upsert_session(const model::Session& session);
    Result<void> note_session_end(const Id& server_id, model::Instant at);
    Result<void> journal_finish(std::int64_t seq, model::JournalState state,
                                const std::string& column_value, Instant at);

    // Called by every write that may change a server or session row (machine_generation()).
    void touch_machines() { machine_generation_.fetch_add(1); }

    SqliteOptions options_;
    std::recursive_mutex mutex_;
    SqliteDb db_;
    int depth_ = 0;  // transaction nesting: 0 = none, 1 = BEGIN, >1 = savepoints
    std::atomic<std::uint64_t> machine_generation_{0};
};

}  // namespace tidepool::store
