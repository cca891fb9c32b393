// The store's schema as numbered, named migrations. PRAGMA user_version holds the number of the
// last one applied (a cheap check at open); schema_migrations records each step with its name
// and when it ran, for operators and for the PostgreSQL store, which has no user_version.
#pragma once

#include <span>

#include "store/sqlite_db.h"
#include "tidepool/result.h"

namespace tidepool::store {

struct Migration {
    int version;       // 1, 2, 3, ... with no gaps
    const char* name;  // what it does, e.g. "0002_machines_and_sessions"
    const char* sql;   // constant DDL only
};

std::span<const Migration> migrations();
int latest_schema_version();

// Marks a database as Tidepool's (PRAGMA application_id), so a foreign SQLite file is refused.
inline constexpr int kApplicationId = 0x54504f4c;  // "TPOL"

// Checks the file is a Tidepool database this build can use, then applies the missing
// migrations, each in its own transaction (a crash mid-way leaves a consistent older version).
// A read-only store is never migrated: an out-of-date file is refused instead.
Result<void> migrate(SqliteDb& db, bool read_only);

}  // namespace tidepool::store
