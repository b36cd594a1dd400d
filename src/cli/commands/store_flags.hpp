// The --db / --postgres flags that every command touching the store takes.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace lb::cli {

// Adds `--db PATH` and `--postgres URL` (mutually exclusive) to `command`, writing into `options`.
inline void AddStoreFlags(CLI::App& command, StoreOptions& options) {
    auto* db =
        command.add_option("--db", options.db_path, "SQLite database file")->capture_default_str();
    auto* pg = command.add_option("--postgres",
                                  options.postgres_url,
                                  "PostgreSQL connection URL (postgresql://user@host/db)");
    db->excludes(pg);
}

}  // namespace lb::cli
