// Small helpers for tests that drive SQLite directly (the VFS and page cache tests).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <sqlite3.h>

namespace lb::storage::detail::testing {

struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
// A connection that closes itself.
using Db = std::unique_ptr<sqlite3, CloseDb>;

inline int Exec(sqlite3* db, const std::string& sql) {
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

// The first column of the first row of `sql`; -1 when it fails or has no row.
inline std::int64_t Number(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return -1;
    const std::int64_t value =
        sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return value;
}

// Every line PRAGMA integrity_check reports, joined: "ok" for an intact database.
inline std::string IntegrityOf(sqlite3* db) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) != SQLITE_OK)
        return "cannot prepare";
    std::string result;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        result += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return result;
}

}  // namespace lb::storage::detail::testing
