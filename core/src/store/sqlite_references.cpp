// SqliteStore: how references between rows are explained when a put or a remove trips on them.
#include "store/sqlite_rows.h"
#include "store/sqlite_store.h"

namespace tidepool::store {
namespace {

constexpr std::size_t kNamesShown = 5;

}  // namespace

Error SqliteStore::missing_reference(const char* what, const Id& id,
                                     std::initializer_list<Reference> references) {
    for (const Reference& ref : references) {
        if (ref.id->empty()) continue;
        // Table names are constants from the callers, never input.
        auto st = db_.prepare(std::string("SELECT 1 FROM ") + ref.table + " WHERE id = ?");
        if (!st) return st.error();
        auto row = st->bind_all(*ref.id).step();
        if (!row) return row.error();
        if (*row) continue;
        return Error{ErrorCode::invalid,
                     std::string(what) + " \"" + id + "\": \"" + ref.member + "\": \"" +
                         *ref.id + "\" names no " + ref.what + "; create the " + ref.what +
                         " first",
                     std::string("/") + ref.member};
    }
    return Error{ErrorCode::invalid,
                 std::string(what) + " \"" + id + "\" refers to an object that does not exist",
                 ""};
}

Result<std::string> SqliteStore::referencing(const char* what_plural, const char* sql,
                                             const Id& id) {
    auto st = db_.prepare(sql);
    if (!st) return st.error();
    st->bind(1, id);
    std::vector<std::string> shown;
    std::size_t total = 0;
    for (;;) {
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) break;
        if (++total <= kNamesShown) shown.push_back(st->text(0));
    }
    if (total == 0) return std::string();
    return std::string(what_plural) + " " + quote_ids(shown, total);
}

Result<void> SqliteStore::require_row(const char* table, const char* what, const Id& id) {
    auto st = db_.prepare(std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
    if (!st) return st.error();
    auto row = st->bind_all(id).step();
    if (!row) return row.error();
    if (!*row) {
        return Error{ErrorCode::not_found, std::string("no ") + what + " \"" + id + "\"", ""};
    }
    return {};
}

Result<void> SqliteStore::refuse_if_used(const char* what, const Id& id,
                                         std::initializer_list<std::string> users) {
    std::string list;
    for (const std::string& user : users) {
        if (user.empty()) continue;
        list += (list.empty() ? "" : "; ") + user;
    }
    if (list.empty()) return {};
    return Error{ErrorCode::conflict,
                 std::string(what) + " \"" + id + "\" is still used by " + list +
                     "; remove or reassign them first",
                 ""};
}

}  // namespace tidepool::store
