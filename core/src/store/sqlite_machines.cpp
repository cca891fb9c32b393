// SqliteStore: servers and sessions, the rows the runtime writes most.
#include <array>

#include "model/enums.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace tidepool::store {
namespace {

using model::Server;
using model::Session;

constexpr std::array kServerColumns{
    "id", "pool_id", "config_id", "name", "provider_id", "state", "address", "max_sessions",
    "max_users", "checkin_token_hash", "checkin_expires_at", "created_at", "state_changed_at",
    "cores", "gpus", "memory_gib"};
// Read but never written by put_server: put_session keeps it (see note_session_end), so a server
// row written from an older copy cannot move it back.
constexpr std::array kServerReadColumns{
    "id", "pool_id", "config_id", "name", "provider_id", "state", "address", "max_sessions",
    "max_users", "checkin_token_hash", "checkin_expires_at", "created_at", "state_changed_at",
    "cores", "gpus", "memory_gib", "last_session_end_at"};
// user_name, not user: USER is reserved in PostgreSQL.
constexpr std::array kSessionColumns{
    "id", "pool_id", "server_id", "user_name", "kind", "state", "priority", "requested_at",
    "placed_at", "ended_at", "failure_reason", "cores", "gpus", "memory_gib", "workspace",
    "staging_config_id", "expires_at"};

const std::string kServerSelect = select_sql("servers", kServerReadColumns);
const std::string kServerUpsert = upsert_sql("servers", kServerColumns);
const std::string kSessionSelect = select_sql("sessions", kSessionColumns);
const std::string kSessionUpsert = upsert_sql("sessions", kSessionColumns);
// The hot path: a session changing state. Leaving the columns that never change for a session
// out of the SET spares SQLite rewriting their index entries and re-checking the pool's foreign
// key (about a third faster in a group-committed batch). When they did change, the WHERE makes
// this a no-op and put_session falls back to the full upsert.
const std::string kSessionStateUpsert =
    "INSERT INTO sessions (" + column_list(kSessionColumns) + ") VALUES (" +
    placeholders(kSessionColumns.size()) +
    ") ON CONFLICT (id) DO UPDATE SET server_id = excluded.server_id, "
    "state = excluded.state, priority = excluded.priority, placed_at = excluded.placed_at, "
    "ended_at = excluded.ended_at, failure_reason = excluded.failure_reason, "
    "cores = excluded.cores, gpus = excluded.gpus, memory_gib = excluded.memory_gib, "
    "workspace = excluded.workspace, staging_config_id = excluded.staging_config_id, "
    "expires_at = excluded.expires_at "
    "WHERE sessions.pool_id = excluded.pool_id AND sessions.user_name = excluded.user_name "
    "AND sessions.kind = excluded.kind AND sessions.requested_at = excluded.requested_at";

Server read_server(Statement& st) {
    Server s;
    s.id = st.text(0);
    s.pool_id = st.text(1);
    s.config_id = st.text(2);
    s.name = st.text(3);
    s.provider_id = st.text(4);
    s.state = st.enumeration<model::MachineState>(5);
    s.address = st.text(6);
    s.max_sessions = st.integer(7);
    s.max_users = st.integer(8);
    s.checkin_token_hash = st.text(9);
    s.checkin_expires_at = st.instant(10);
    s.created_at = st.instant(11);
    s.state_changed_at = st.instant(12);
    s.cores = st.real(13);
    s.gpus = st.real(14);
    s.memory_gib = st.real(15);
    s.last_session_end_at = st.instant(16);
    return s;
}

Session read_session(Statement& st) {
    Session s;
    s.id = st.text(0);
    s.pool_id = st.text(1);
    s.server_id = st.text(2);
    s.user = st.text(3);
    s.kind = st.enumeration<model::SessionKind>(4);
    s.state = st.enumeration<model::SessionState>(5);
    s.priority = st.integer(6);
    s.requested_at = st.instant(7);
    s.placed_at = st.instant(8);
    s.ended_at = st.instant(9);
    s.failure_reason = st.text(10);
    s.cores = st.real(11);
    s.gpus = st.real(12);
    s.memory_gib = st.real(13);
    s.workspace = st.text(14);
    s.staging_config_id = st.text(15);
    s.expires_at = st.instant(16);
    return s;
}

// "SELECT … WHERE a = ? AND state IN (?, ?)": only placeholders are added, never values.
class Where {
public:
    void equals(const char* column, const std::optional<std::string>& value) {
        if (!value) return;
        add(std::string(column) + " = ?");
        values_.push_back(*value);
    }
    template <class E>
    void in(const char* column, const std::vector<E>& states) {
        if (states.empty()) return;
        add(std::string(column) + " IN (" + placeholders(states.size()) + ")");
        for (E state : states) values_.emplace_back(model::to_string(state));
    }
    std::string sql() const { return clauses_.empty() ? "" : " WHERE " + clauses_; }
    void bind(Statement& st) const {
        for (std::size_t i = 0; i < values_.size(); ++i) {
            st.bind(static_cast<int>(i + 1), values_[i]);
        }
    }

private:
    void add(const std::string& clause) { clauses_ += (clauses_.empty() ? "" : " AND ") + clause; }
    std::string clauses_;
    std::vector<std::string> values_;
};

std::string quoted(const std::string& id) { return "\"" + id + "\""; }

}  // namespace

// ---- servers ----

Result<void> SqliteStore::put_server(const Server& s) {
    std::lock_guard lock(mutex_);
    touch_machines();
    auto st = db_.prepare(kServerUpsert);
    if (!st) return st.error();
    st->bind_all(s.id, s.pool_id, s.config_id, s.name, s.provider_id, model::to_string(s.state),
                 s.address, s.max_sessions, s.max_users, s.checkin_token_hash,
                 s.checkin_expires_at, s.created_at, s.state_changed_at, s.cores, s.gpus,
                 s.memory_gib);
    st->bind_optional(3, s.config_id).bind_optional(10, s.checkin_token_hash);
    auto result = st->run();
    if (result) return result;
    if (db_.last_failed_foreign_key()) {
        return missing_reference("server", s.id, {{"pool_id", &s.pool_id, "pools", "pool"}});
    }
    if (db_.last_failed_unique()) {
        // The hash itself stays out of the message: it identifies a live credential.
        return Error{ErrorCode::conflict,
                     "server " + quoted(s.id) +
                         ": its check-in token hash is already held by another server; "
                         "generate a new token",
                     ""};
    }
    return result;
}

Result<Server> SqliteStore::get_server(const Id& id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kServerSelect + " WHERE id = ?");
    if (!st) return st.error();
    st->bind_all(id);
    return single<Server>(*st, read_server, "no server " + quoted(id));
}

Result<std::vector<Server>> SqliteStore::list_servers(const ServerFilter& filter) {
    std::lock_guard lock(mutex_);
    Where where;
    where.equals("pool_id", filter.pool_id);
    where.equals("config_id", filter.config_id);
    where.in("state", filter.states);
    auto st = db_.prepare(kServerSelect + where.sql());
    if (!st) return st.error();
    where.bind(*st);
    auto servers = collect<Server>(*st, read_server);
    // Sorted here rather than by ORDER BY so SQLite keeps using the filter's index.
    if (servers) sort_by_id(*servers);
    return servers;
}

Result<Server> SqliteStore::find_server_by_token_hash(const std::string& token_hash) {
    if (token_hash.empty()) return Error{ErrorCode::not_found, "no server has that token", ""};
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kServerSelect + " WHERE checkin_token_hash = ?");
    if (!st) return st.error();
    st->bind_all(token_hash);
    return single<Server>(*st, read_server, "no server has that token");
}

Result<void> SqliteStore::remove_server(const Id& id) {
    return transaction([&]() -> Result<void> {
        if (auto r = require_row("servers", "server", id); !r) return r;
        auto sessions = referencing(
            "sessions",
            "SELECT id FROM sessions WHERE server_id = ?1 AND state IN ('queued', 'placed', 'staged')",
            id);
        if (!sessions) return sessions.error();
        if (auto r = refuse_if_used("server", id, {*sessions}); !r) return r;
        touch_machines();
        auto st = db_.prepare("DELETE FROM servers WHERE id = ?");
        if (!st) return st.error();
        return st->bind_all(id).run();
    });
}

// ---- sessions ----

Result<void> SqliteStore::put_session(const Session& s) {
    std::lock_guard lock(mutex_);
    touch_machines();
    if (auto r = upsert_session(s); !r) return r;
    const bool ended = s.state == model::SessionState::ended ||
                       s.state == model::SessionState::failed;
    if (!ended || s.server_id.empty()) return {};
    return note_session_end(s.server_id, s.ended_at);
}

Result<void> SqliteStore::upsert_session(const Session& s) {
    for (const std::string* sql : {&kSessionStateUpsert, &kSessionUpsert}) {
        auto st = db_.prepare(*sql);
        if (!st) return st.error();
        st->bind_all(s.id, s.pool_id, s.server_id, s.user, model::to_string(s.kind),
                     model::to_string(s.state), s.priority, s.requested_at, s.placed_at,
                     s.ended_at, s.failure_reason, s.cores, s.gpus, s.memory_gib, s.workspace,
                     s.staging_config_id, s.expires_at);
        st->bind_optional(3, s.server_id);
        auto result = st->run();
        if (!result && db_.last_failed_foreign_key()) {
            return missing_reference("session", s.id, {{"pool_id", &s.pool_id, "pools", "pool"}});
        }
        // No row changed: the session exists with another pool, user, kind or request time.
        if (!result || db_.changes() > 0) return result;
    }
    return {};
}

// A server's idle time (the planner removes the longest-idle first) starts when its last
// session ended. Kept by put_session so that every way a session ends counts; MAX so that an
// older end written late never moves it back. A server already removed matches no row.
Result<void> SqliteStore::note_session_end(const Id& server_id, model::Instant at) {
    auto st = db_.prepare("UPDATE servers SET last_session_end_at = "
                          "MAX(last_session_end_at, ?) WHERE id = ?");
    if (!st) return st.error();
    return st->bind_all(at, server_id).run();
}

Result<Session> SqliteStore::get_session(const Id& id) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(kSessionSelect + " WHERE id = ?");
    if (!st) return st.error();
    st->bind_all(id);
    return single<Session>(*st, read_session, "no session " + quoted(id));
}

Result<std::vector<Session>> SqliteStore::list_sessions(const SessionFilter& filter) {
    std::lock_guard lock(mutex_);
    Where where;
    where.equals("pool_id", filter.pool_id);
    where.equals("server_id", filter.server_id);
    where.equals("user_name", filter.user);
    where.in("state", filter.states);
    auto st = db_.prepare(kSessionSelect + where.sql());
    if (!st) return st.error();
    where.bind(*st);
    auto sessions = collect<Session>(*st, read_session);
    if (sessions) sort_by_id(*sessions);
    return sessions;
}

}  // namespace tidepool::store

namespace tidepool::store {

Result<std::vector<std::int64_t>> SqliteStore::arrival_times(const Id& pool_id,
                                                             std::int64_t since_s) {
    std::lock_guard lock(mutex_);
    auto st = db_.prepare(
        "SELECT requested_at FROM sessions WHERE pool_id = ? AND requested_at >= ? "
        "AND user_name <> '' ORDER BY requested_at");
    if (!st) return st.error();
    st->bind_all(pool_id, since_s);
    return collect<std::int64_t>(*st, [](Statement& row) { return row.int64(0); });
}

}  // namespace tidepool::store
