// The SQLite driver: one sqlite3 handle behind the SqlConnection seam. Private to storage/sqlite.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "storage/detail/sql_connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace lb::storage::detail {

// Opening flags beyond the path.
enum class SqliteMode { kReadWriteCreate, kReadOnly };

// One SQLite connection with its prepared-statement cache. Not thread-safe; owns the handle.
class SqliteConnection final : public SqlConnection {
public:
    // Opens `path` in WAL mode with foreign keys on, synchronous=FULL and a busy wait
    // (SqliteBusyNap), through the gathering VFS (gathering_vfs.hpp).
    // Errors: kUnavailable when the file cannot be opened; kInvalidArgument when it is not a
    // database; kInternal when the VFS cannot be registered.
    [[nodiscard]] static Result<std::unique_ptr<SqliteConnection>> Open(
        const std::filesystem::path& path, SqliteMode mode = SqliteMode::kReadWriteCreate);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    using SqlConnection::Query;
    [[nodiscard]] Status ExecScript(std::string_view sql) override;
    [[nodiscard]] Result<SqlResult> Query(std::string_view sql,
                                          std::span<const SqlValue> params) override;
    [[nodiscard]] bool IsHealthy() override { return db_ != nullptr; }

    // The raw handle, for the backup API. Owned by this connection.
    [[nodiscard]] sqlite3* Handle() { return db_; }

    explicit SqliteConnection(sqlite3* db) : db_(db) {}

private:
    [[nodiscard]] Result<sqlite3_stmt*> Prepare(std::string_view sql);
    [[nodiscard]] Error LastError(int rc, std::string_view context) const;

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// How a connection waits for a lock that another connection holds: the nap before retry number
// `tries` (counted from 0), or nullopt when it has waited about 10 s in all and the statement
// fails with SQLITE_BUSY. The naps are 50 µs for the first 10 ms, then 1 ms. SQLite's own
// handler (sqlite3_busy_timeout) naps 1, 2, 5, 10, 15, 20, 25... ms, so a lock held for 3.5 ms
// cost the waiter 8 ms and one held for 20 ms cost 33 ms: the event writer waits like this
// whenever a checkpoint holds the write lock, and every answer of its group waits with it.
[[nodiscard]] std::optional<std::chrono::microseconds> SqliteBusyNap(int tries);

// The Error for a SQLite result code: constraint kinds, busy/IO (kUnavailable), not-a-database.
[[nodiscard]] Error SqliteError(sqlite3* db, int rc, std::string_view context);

}  // namespace lb::storage::detail
