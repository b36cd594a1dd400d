#include "storage/sqlite/sqlite_store.hpp"

#include <system_error>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include "storage/detail/embedded_file.hpp"
#include "storage/detail/migrator.hpp"
#include "storage/detail/sql_store.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace lb::storage {

namespace {

using detail::SqliteConnection;
using detail::SqliteMode;

constexpr detail::SqlDialect kSqliteDialect{
    .backend = "sqlite",
    .begin_read = "BEGIN",  // deferred: the snapshot starts at the first read
    .begin_write = "BEGIN IMMEDIATE",
    .migration_lock = {},  // BEGIN IMMEDIATE already excludes other writers
    .row_lock = {},        // writers are serialised, so rows need no lock
    .serialize_writes = true,
};

// Checks that `path` is a Leadbase database this binary can read; returns its schema version.
Result<int> CheckLeadbaseFile(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path))
        return Fail(NotFound("'" + path.string() + "' does not exist"));
    // Opening already reads the header (the connection's pragmas load the schema), so a file
    // that is not SQLite fails here.
    auto opened = SqliteConnection::Open(path, SqliteMode::kReadOnly);
    if (!opened) {
        return Fail(InvalidArgument("'" + path.string() +
                                    "' is not a Leadbase database: " + opened.error().message));
    }
    auto conn = std::move(*opened);
    auto tables = conn->Query(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
        "name IN ('schema_migrations', 'workspaces', 'leads')",
        {});
    if (!tables) {
        return Fail(InvalidArgument("'" + path.string() +
                                    "' is not a Leadbase database: " + tables.error().message));
    }
    if (tables->Row(0).Int(0) != 3) {
        return Fail(InvalidArgument("'" + path.string() +
                                    "' is an SQLite file but not a Leadbase database"));
    }
    LB_ASSIGN_OR_RETURN(const int version, detail::ReadSchemaVersion(*conn));
    const int latest = detail::LatestVersion(detail::SqliteMigrations());
    if (version < 1 || version > latest) {
        return Fail(InvalidArgument("'" + path.string() + "' has schema version " +
                                    std::to_string(version) + "; this leadbase knows 1 to " +
                                    std::to_string(latest)));
    }
    return version;
}

// Copies every page of `from` into `to` in one step, i.e. from one read snapshot.
Status CopyDatabase(SqliteConnection& from, SqliteConnection& to) {
    sqlite3_backup* backup = sqlite3_backup_init(to.Handle(), "main", from.Handle(), "main");
    if (backup == nullptr)
        return Fail(detail::SqliteError(to.Handle(), sqlite3_errcode(to.Handle()), "backup"));
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return Fail(detail::SqliteError(to.Handle(), rc, "backup"));
    // A standalone file: no WAL beside it, so it can be moved and copied as one file.
    return to.ExecScript("PRAGMA journal_mode = DELETE");
}

// Copies `from` to `to` through "<to>.tmp" and a rename, so `to` is either old or complete.
Status CopyAtomically(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::path temp = to;
    temp += ".tmp";
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    {
        LB_ASSIGN_OR_RETURN(auto source, SqliteConnection::Open(from, SqliteMode::kReadOnly));
        LB_ASSIGN_OR_RETURN(auto target, SqliteConnection::Open(temp));
        if (auto copied = CopyDatabase(*source, *target); !copied) {
            std::filesystem::remove(temp, ignored);
            return copied;
        }
    }
    std::error_code error;
    std::filesystem::rename(temp, to, error);
    if (error) {
        std::filesystem::remove(temp, ignored);
        return Fail(
            Unavailable("cannot move the copy to '" + to.string() + "': " + error.message()));
    }
    // The rename itself must reach the disk before we report success.
    const std::filesystem::path dir = to.has_parent_path() ? to.parent_path() : ".";
    if (const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
    const std::filesystem::path path = options.path;
    auto factory = [path]() -> Result<std::unique_ptr<detail::SqlConnection>> {
        LB_ASSIGN_OR_RETURN(auto conn, SqliteConnection::Open(path));
        return std::unique_ptr<detail::SqlConnection>(std::move(conn));
    };
    const auto migrations = detail::SqliteMigrations();
    return detail::SqlStore::Open(
        kSqliteDialect, std::move(factory), options.pool_size, migrations);
}

Status BackupSqlite(const std::filesystem::path& db, const std::filesystem::path& out) {
    LB_TRY(CheckLeadbaseFile(db));
    return CopyAtomically(db, out);
}

Status RestoreSqlite(const std::filesystem::path& from, const std::filesystem::path& db) {
    LB_TRY(CheckLeadbaseFile(from));
    if (std::filesystem::exists(db)) {
        // Closing the last connection checkpoints the WAL into the file and deletes it, so no
        // stale WAL of the old database can be replayed onto the restored one.
        LB_ASSIGN_OR_RETURN(auto old, SqliteConnection::Open(db));
        LB_TRY(old->ExecScript("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    std::error_code ignored;
    for (const char* suffix : {"-wal", "-shm"}) {
        std::filesystem::path side = db;
        side += suffix;
        std::filesystem::remove(side, ignored);
    }
    return CopyAtomically(from, db);
}

}  // namespace lb::storage
