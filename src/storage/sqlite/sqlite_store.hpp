// The embedded SQLite store: opening (with migrations), online backup and restore.
#pragma once

#include <filesystem>
#include <memory>

#include "common/result.hpp"
#include "storage/store.hpp"

namespace lb::storage {

struct SqliteOptions {
    std::filesystem::path path = "leadbase.db";  // created when missing
    int pool_size = 4;                           // connections; >= 1
};

// Opens (creating if needed) and migrates the database at options.path. The store owns its
// connections; it is thread-safe. Writes are serialised (SQLite has one writer); reads run in
// parallel on WAL snapshots. Commits are durable (synchronous=FULL), except those of
// WriteUnsynced, which become durable at the next SyncCommits (one fdatasync of the WAL for all
// of them; the first such call also starts the thread that checkpoints the WAL every 100 ms, see
// WalSyncer in the .cpp).
// Errors: kInvalidArgument (pool size, not a database), kUnavailable (cannot open), kInternal
// (the file's schema is newer than this binary).
[[nodiscard]] Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// Writes a consistent copy of the database `db` to `out` while other processes may keep writing
// (sqlite3 backup API, one read snapshot). `out` appears atomically (temp file + rename) and is
// replaced if it exists. Errors: kInvalidArgument when `db` is not a Leadbase database,
// kUnavailable for I/O failures.
[[nodiscard]] Status BackupSqlite(const std::filesystem::path& db,
                                  const std::filesystem::path& out);

// Replaces the database `db` with the backup `from`, after checking that `from` is a Leadbase
// database whose schema version this binary knows. Atomic: copies to a temp file next to `db`, then
// renames. Requires: no process has `db` open. Errors: kInvalidArgument (not a Leadbase database,
// unknown schema version), kNotFound (`from` missing), kUnavailable (I/O).
[[nodiscard]] Status RestoreSqlite(const std::filesystem::path& from,
                                   const std::filesystem::path& db);

}  // namespace lb::storage
