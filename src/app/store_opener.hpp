// Opens the configured store: the one place that names the concrete backends.
#pragma once

#include "cli/context.hpp"

namespace lb::app {

// SQLite at options.db_path, or PostgreSQL at options.postgres_url when set (kInvalidArgument
// "--postgres" when this build has no PostgreSQL support).
[[nodiscard]] Result<std::unique_ptr<storage::Store>> OpenStore(const cli::StoreOptions& options);

}  // namespace lb::app
