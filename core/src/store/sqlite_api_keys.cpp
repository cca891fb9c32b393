// SqliteStore: API key records (hashes only; see store.h ApiKeyRecord).
#include <array>

#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace tidepool::store {
namespace {

constexpr std::array kKeyColumns{"id",         "name",       "role",      "salt_hex",
                                 "hash_hex",   "iterations", "created_at", "revoked_at"};
const std::string kKeySelect = select_sql("api_keys", kKeyColumns);
const std::string kKeyUpsert = upsert_sql("api_keys", kKeyColumns);

ApiKeyRecord read_key(Statement& st) {
    return ApiKeyRecord{st.text(0),    st.text(1),    st.text(2),     st.text(3),
                        st.text(4),    st.integer(5), st.instant(6),  st.instant(7)};
}

}  // namespace

Result<void> SqliteStore::put_api_key(const ApiKeyRecord& key) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kKeyUpsert);
    if (!st) return st.error();
    return st
        ->bind_all(key.id, key.name, key.role, key.salt_hex, key.hash_hex, key.iterations,
                   key.created_at, key.revoked_at)
        .run();
}

Result<ApiKeyRecord> SqliteStore::get_api_key(const Id& id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kKeySelect + " WHERE id = ?");
    if (!st) return st.error();
    st->bind_all(id);
    return single<ApiKeyRecord>(*st, read_key, "no API key \"" + id + "\"");
}

Result<std::vector<ApiKeyRecord>> SqliteStore::list_api_keys() {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kKeySelect + " ORDER BY created_at, id");
    if (!st) return st.error();
    return collect<ApiKeyRecord>(*st, read_key);
}

}  // namespace tidepool::store
