// Provider-generated machine credentials. The secret arrives sealed (runtime/windows_password)
// and leaves sealed; only the caller holding the Sealer can read it.
#include "store/sqlite_store.h"

namespace tidepool::store {

Result<void> SqliteStore::put_machine_credential(const MachineCredential& c) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(
        "INSERT INTO machine_credentials (machine_id, kind, username, sealed_secret, created_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (machine_id) DO UPDATE SET kind = excluded.kind, "
        "username = excluded.username, sealed_secret = excluded.sealed_secret, "
        "created_at = excluded.created_at");
    if (!st) return st.error();
    return st->bind_all(c.machine_id, c.kind, c.username, c.sealed_secret, c.created_at).run();
}

Result<std::optional<MachineCredential>> SqliteStore::get_machine_credential(
    const Id& machine_id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(
        "SELECT kind, username, sealed_secret, created_at FROM machine_credentials "
        "WHERE machine_id = ?");
    if (!st) return st.error();
    auto row = st->bind_all(machine_id).step();
    if (!row) return row.error();
    if (!*row) return std::optional<MachineCredential>();
    return std::optional<MachineCredential>(
        MachineCredential{machine_id, st->text(0), st->text(1), st->text(2), st->instant(3)});
}

}  // namespace tidepool::store
