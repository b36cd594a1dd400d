// The PostgreSQL store, for installations that run several leadbase instances on one database.
#pragma once

#include <memory>
#include <string>

#include "common/result.hpp"
#include "storage/store.hpp"

namespace lb::storage {

struct PostgresOptions {
    std::string url;    // libpq URI, e.g. "postgresql://leadbase@db.internal/leadbase"
    int pool_size = 8;  // connections; >= 1
};

// Connects to options.url and migrates the database (serialised across instances by an advisory
// lock, so several instances may start at once). The store owns its connections; thread-safe.
// Reads run in REPEATABLE READ READ ONLY transactions (one snapshot); writes in READ COMMITTED,
// with rows read by Get*/Find* locked FOR UPDATE so read-modify-write loses nothing.
// Errors: kInvalidArgument (pool size), kUnavailable (cannot connect), kInternal (the database's
// schema is newer than this binary).
[[nodiscard]] Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options);

}  // namespace lb::storage
