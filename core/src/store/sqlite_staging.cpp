// SqliteStore: staging configs (model/staging.h).
#include <array>

#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace tidepool::store {
namespace {

using model::StagingConfig;

constexpr std::array kStagingColumns{"id",           "name",  "pool_id", "workspace",
                                     "desired_count", "expiry_hours", "cores", "gpus",
                                     "memory_gib",    "enabled"};
const std::string kStagingSelect = select_sql("staging_configs", kStagingColumns);
const std::string kStagingUpsert = upsert_sql("staging_configs", kStagingColumns);

StagingConfig read_staging(Statement& st) {
    StagingConfig c;
    c.id = st.text(0);
    c.name = st.text(1);
    c.pool_id = st.text(2);
    c.workspace = st.text(3);
    c.desired_count = st.integer(4);
    c.expiry_hours = st.integer(5);
    c.cores = st.real(6);
    c.gpus = st.real(7);
    c.memory_gib = st.real(8);
    c.enabled = st.boolean(9);
    return c;
}

}  // namespace

Result<void> SqliteStore::put_staging_config(const StagingConfig& c) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kStagingUpsert);
    if (!st) return st.error();
    st->bind_all(c.id, c.name, c.pool_id, c.workspace, c.desired_count, c.expiry_hours, c.cores,
                 c.gpus, c.memory_gib, c.enabled);
    auto result = st->run();
    if (!result && db_.last_failed_foreign_key()) {
        return missing_reference("staging config", c.id,
                                 {{"pool_id", &c.pool_id, "pools", "pool"}});
    }
    return result;
}

Result<StagingConfig> SqliteStore::get_staging_config(const Id& id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kStagingSelect + " WHERE id = ?");
    if (!st) return st.error();
    st->bind_all(id);
    return single<StagingConfig>(*st, read_staging, "no staging config \"" + id + "\"");
}

Result<std::vector<StagingConfig>> SqliteStore::list_staging_configs(
    const std::optional<Id>& pool_id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kStagingSelect + (pool_id ? " WHERE pool_id = ?" : "") + " ORDER BY id");
    if (!st) return st.error();
    if (pool_id) st->bind_all(*pool_id);
    return collect<StagingConfig>(*st, read_staging);
}

Result<void> SqliteStore::remove_staging_config(const Id& id) {
    return transaction([&]() -> Result<void> {
        if (auto r = require_row("staging_configs", "staging config", id); !r) return r;
        auto st = db_.prepare("DELETE FROM staging_configs WHERE id = ?");
        if (!st) return st.error();
        return st->bind_all(id).run();
    });
}

}  // namespace tidepool::store
