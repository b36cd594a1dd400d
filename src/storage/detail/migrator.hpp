// Applying the numbered, embedded migrations of a backend, tracked in `schema_migrations`.
#pragma once

#include <span>

#include "common/result.hpp"
#include "storage/detail/embedded_file.hpp"
#include "storage/detail/sql_connection.hpp"

namespace lb::storage::detail {

// The number a migration file starts with ("0002_touchpoints.sql" -> 2); 0 when it has none.
[[nodiscard]] int MigrationVersion(std::string_view file_name);
// The highest version among `migrations`.
[[nodiscard]] int LatestVersion(std::span<const EmbeddedFile> migrations);

// Applies, in one write transaction, every migration newer than the database's version and
// records each in schema_migrations. Serialised across processes (dialect.migration_lock), so
// concurrent opens do not race. Idempotent. Returns the schema version afterwards.
// Errors: kUnavailable (database), kInternal when the database is newer than `migrations`.
[[nodiscard]] Result<int> ApplyMigrations(SqlConnection& conn,
                                          const SqlDialect& dialect,
                                          std::span<const EmbeddedFile> migrations);

// The highest applied version; 0 for a database without schema_migrations rows.
[[nodiscard]] Result<int> ReadSchemaVersion(SqlConnection& conn);

}  // namespace lb::storage::detail
