// SqliteStore: the provisioning journal (DESIGN §4): intent before a provider call, then
// settled or failed after it.
#include <array>

#include "model/enums.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace tidepool::store {
namespace {

using model::JournalEntry;
using model::JournalState;

constexpr std::array kJournalColumns{
    "seq", "op", "state", "config_id", "provider_config_id", "machine_id", "unique_name",
    "idempotency_key", "tags_json", "provider_id", "error", "created_at", "settled_at"};

const std::string kJournalSelect = select_sql("journal", kJournalColumns);

JournalEntry read_entry(Statement& st) {
    JournalEntry e;
    e.seq = st.int64(0);
    e.op = st.enumeration<model::JournalOp>(1);
    e.state = st.enumeration<JournalState>(2);
    e.config_id = st.text(3);
    e.provider_config_id = st.text(4);
    e.machine_id = st.text(5);
    e.unique_name = st.text(6);
    e.idempotency_key = st.text(7);
    e.tags_json = st.text(8);
    e.provider_id = st.text(9);
    e.error = st.text(10);
    e.created_at = st.instant(11);
    e.settled_at = st.instant(12);
    return e;
}

}  // namespace

Result<std::int64_t> SqliteStore::journal_intent(const JournalEntry& e) {
    std::lock_guard lock(mutex_);
    // seq is assigned here (the rowid), and every new entry starts as an intent.
    auto st = db_.prepare(
        "INSERT INTO journal (op, state, config_id, provider_config_id, machine_id, "
        "unique_name, idempotency_key, tags_json, provider_id, error, created_at, settled_at) "
        "VALUES (?, 'intent', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
    if (!st) return st.error();
    st->bind_all(model::to_string(e.op), e.config_id, e.provider_config_id, e.machine_id,
                 e.unique_name, e.idempotency_key, e.tags_json, e.provider_id, e.error,
                 e.created_at);
    if (auto r = st->run(); !r) return r.error();
    return db_.last_insert_id();
}

Result<void> SqliteStore::journal_settle(std::int64_t seq, const std::string& provider_id,
                                         Instant at) {
    return journal_finish(seq, JournalState::settled, provider_id, at);
}

Result<void> SqliteStore::journal_fail(std::int64_t seq, const std::string& error, Instant at) {
    return journal_finish(seq, JournalState::failed, error, at);
}

Result<void> SqliteStore::journal_finish(std::int64_t seq, JournalState state,
                                         const std::string& column_value, Instant at) {
    std::lock_guard lock(mutex_);
    // Settling with no provider id (a delete) keeps the one the intent already recorded.
    const char* sql = state == JournalState::settled
                          ? "UPDATE journal SET state = 'settled', settled_at = ?, "
                            "provider_id = COALESCE(NULLIF(?, ''), provider_id) "
                            "WHERE seq = ? AND state = 'intent'"
                          : "UPDATE journal SET state = 'failed', settled_at = ?, error = ? "
                            "WHERE seq = ? AND state = 'intent'";
    auto st = db_.prepare(sql);
    if (!st) return st.error();
    if (auto r = st->bind_all(at, column_value, seq).run(); !r) return r;
    if (db_.changes() == 1) return {};

    auto current = db_.prepare("SELECT state FROM journal WHERE seq = ?");
    if (!current) return current.error();
    auto row = current->bind_all(seq).step();
    if (!row) return row.error();
    if (!*row) {
        return Error{ErrorCode::not_found, "no journal entry " + std::to_string(seq), ""};
    }
    return Error{ErrorCode::conflict,
                 "journal entry " + std::to_string(seq) + " is already " + current->text(0) +
                     "; only an intent can be settled or failed",
                 ""};
}

Result<std::vector<JournalEntry>> SqliteStore::list_journal(
    const std::vector<JournalState>& states) {
    std::lock_guard lock(mutex_);
    std::string sql = kJournalSelect;
    if (!states.empty()) sql += " WHERE state IN (" + placeholders(states.size()) + ")";
    auto st = db_.prepare(sql + " ORDER BY seq");
    if (!st) return st.error();
    for (std::size_t i = 0; i < states.size(); ++i) {
        st->bind(static_cast<int>(i + 1), model::to_string(states[i]));
    }
    return collect<JournalEntry>(*st, read_entry);
}

}  // namespace tidepool::store
