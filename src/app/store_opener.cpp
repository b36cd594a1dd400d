#include "app/store_opener.hpp"

#include "storage/sqlite/sqlite_store.hpp"
#ifdef LB_WITH_POSTGRES
#include "storage/postgres/postgres_store.hpp"
#endif

namespace lb::app {

Result<std::unique_ptr<storage::Store>> OpenStore(const cli::StoreOptions& options) {
    if (!options.postgres_url.empty()) {
#ifdef LB_WITH_POSTGRES
        storage::PostgresOptions pg;
        pg.url = options.postgres_url;
        return storage::OpenPostgresStore(pg);
#else
        return Fail(InvalidArgument(
            "this build has no PostgreSQL support; configure with -DLB_WITH_POSTGRES=ON",
            "--postgres"));
#endif
    }
    storage::SqliteOptions sqlite;
    sqlite.path = options.db_path;
    return storage::OpenSqliteStore(sqlite);
}

}  // namespace lb::app
