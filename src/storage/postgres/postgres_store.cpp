#include "storage/postgres/postgres_store.hpp"

#include "storage/detail/embedded_file.hpp"
#include "storage/detail/sql_store.hpp"
#include "storage/postgres/pg_connection.hpp"

namespace lb::storage {

namespace {

constexpr detail::SqlDialect kPostgresDialect{
    .backend = "postgres",
    .begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED",
    // Any constant shared by all instances; held until the migration transaction ends.
    .migration_lock = "SELECT pg_advisory_xact_lock(7283617263)",
    .row_lock = " FOR UPDATE",
    .serialize_writes = false,
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options) {
    std::string url = options.url;
    auto factory = [url]() -> Result<std::unique_ptr<detail::SqlConnection>> {
        LB_ASSIGN_OR_RETURN(auto conn, detail::PgConnection::Open(url));
        return std::unique_ptr<detail::SqlConnection>(std::move(conn));
    };
    const auto migrations = detail::PostgresMigrations();
    return detail::SqlStore::Open(
        kPostgresDialect, std::move(factory), options.pool_size, migrations);
}

}  // namespace lb::storage
