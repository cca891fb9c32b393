// SqliteStore: per-session machine accounts and users' SSH keys (issue 10). Secret columns
// hold sealed text only; sealing happens before the store (connect/, runtime/).
#include <array>

#include "model/enums.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace tidepool::store {
namespace {

constexpr std::array kAccountColumns{"session_id", "server_id", "username", "password_sealed",
                                     "state", "updated_at"};
constexpr std::array kKeyColumns{"user_name", "public_key", "private_key_sealed", "algorithm",
                                 "updated_at"};

const std::string kAccountSelect = select_sql("session_accounts", kAccountColumns);
const std::string kAccountUpsert = upsert_sql("session_accounts", kAccountColumns);
const std::string kKeySelect = select_sql("user_ssh_keys", kKeyColumns);
const std::string kKeyUpsert = upsert_sql("user_ssh_keys", kKeyColumns);

model::SessionAccount read_account(Statement& st) {
    return model::SessionAccount{st.text(0), st.text(1), st.text(2), st.text(3),
                                 st.enumeration<model::AccountState>(4), st.instant(5)};
}

model::UserSshKey read_key(Statement& st) {
    return model::UserSshKey{st.text(0), st.text(1), st.text(2), st.text(3), st.instant(4)};
}

}  // namespace

Result<void> SqliteStore::put_session_account(const model::SessionAccount& a) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kAccountUpsert);
    if (!st) return st.error();
    return st->bind_all(a.session_id, a.server_id, a.username, a.password_sealed,
                        model::to_string(a.state), a.updated_at)
        .run();
}

Result<model::SessionAccount> SqliteStore::get_session_account(const Id& session_id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kAccountSelect + " WHERE session_id = ?");
    if (!st) return st.error();
    st->bind_all(session_id);
    return single<model::SessionAccount>(*st, read_account,
                                         "no account for session \"" + session_id + "\"");
}

Result<std::vector<model::SessionAccount>> SqliteStore::list_open_session_accounts(
    const Id& server_id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kAccountSelect +
                          " WHERE server_id = ? AND state IN ('pending', 'removing')"
                          " ORDER BY session_id");
    if (!st) return st.error();
    st->bind_all(server_id);
    return collect<model::SessionAccount>(*st, read_account);
}

Result<void> SqliteStore::put_user_ssh_key(const model::UserSshKey& k) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kKeyUpsert);
    if (!st) return st.error();
    return st->bind_all(k.user, k.public_key, k.private_key_sealed, k.algorithm, k.updated_at)
        .run();
}

Result<model::UserSshKey> SqliteStore::get_user_ssh_key(const std::string& user) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kKeySelect + " WHERE user_name = ?");
    if (!st) return st.error();
    st->bind_all(user);
    return single<model::UserSshKey>(*st, read_key, "user \"" + user + "\" has no SSH key");
}

Result<std::vector<model::UserSshKey>> SqliteStore::list_user_ssh_keys() {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kKeySelect + " ORDER BY user_name");
    if (!st) return st.error();
    return collect<model::UserSshKey>(*st, read_key);
}

Result<void> SqliteStore::remove_user_ssh_key(const std::string& user) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare("DELETE FROM user_ssh_keys WHERE user_name = ?");
    if (!st) return st.error();
    if (auto r = st->bind_all(user).run(); !r) return r;
    if (db_.changes() == 0)
        return make_error(ErrorCode::not_found, "user \"" + user + "\" has no SSH key");
    return {};
}

}  // namespace tidepool::store
