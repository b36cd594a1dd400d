#include "storage/detail/migrator.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <string>

namespace lb::storage::detail {

namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)";

Status ApplyPending(SqlConnection& conn,
                    const SqlDialect& dialect,
                    std::span<const EmbeddedFile> migrations,
                    int& version) {
    if (!dialect.migration_lock.empty()) LB_TRY(conn.Query(dialect.migration_lock, {}));
    LB_TRY(conn.ExecScript(kCreateMigrationsTable));
    LB_ASSIGN_OR_RETURN(version, ReadSchemaVersion(conn));
    const int latest = LatestVersion(migrations);
    if (version > latest) {
        return Fail(Internal("the database has schema version " + std::to_string(version) +
                             " but this leadbase knows only up to " + std::to_string(latest) +
                             "; upgrade leadbase"));
    }
    // applied_at is bookkeeping for operators, not domain time, so the system clock is fine here.
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    for (const EmbeddedFile& file : migrations) {
        const int file_version = MigrationVersion(file.name);
        if (file_version <= version) continue;
        if (auto applied = conn.ExecScript(file.content); !applied)
            return Fail(applied.error().WithContext("migration " + std::string(file.name)));
        LB_TRY(conn.Query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                          {SqlInt(file_version), SqlInt(now.time_since_epoch().count())}));
        version = file_version;
    }
    return Ok();
}

}  // namespace

int MigrationVersion(std::string_view file_name) {
    int version = 0;
    std::from_chars(file_name.data(), file_name.data() + file_name.size(), version);
    return version;
}

int LatestVersion(std::span<const EmbeddedFile> migrations) {
    int latest = 0;
    for (const EmbeddedFile& file : migrations)
        latest = std::max(latest, MigrationVersion(file.name));
    return latest;
}

Result<int> ApplyMigrations(SqlConnection& conn,
                            const SqlDialect& dialect,
                            std::span<const EmbeddedFile> migrations) {
    LB_TRY(conn.ExecScript(dialect.begin_write));
    int version = 0;
    if (auto applied = ApplyPending(conn, dialect, migrations, version); !applied) {
        (void)conn.ExecScript("ROLLBACK");
        return Fail(applied.error());
    }
    LB_TRY(conn.ExecScript("COMMIT"));
    return version;
}

Result<int> ReadSchemaVersion(SqlConnection& conn) {
    LB_ASSIGN_OR_RETURN(const SqlResult result,
                        conn.Query("SELECT max(version) FROM schema_migrations", {}));
    if (result.Empty()) return 0;
    return result.Row(0).Int32(0);
}

}  // namespace lb::storage::detail
