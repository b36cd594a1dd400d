// What every CLI command needs from the program that wires it: how to open a store, the clock.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/store.hpp"

namespace lb::cli {

// Where the data lives: `--db PATH` (SQLite, default ./leadbase.db) or `--postgres URL`.
struct StoreOptions {
    std::string db_path = "leadbase.db";
    std::string postgres_url;  // non-empty: use PostgreSQL
};

// Opens (and migrates) the store of `options`. Supplied by app/, the only module that names
// concrete backends.
using StoreOpener = std::function<Result<std::unique_ptr<storage::Store>>(const StoreOptions&)>;

// Shared by all commands of one run. Not thread-safe.
struct CliContext {
    StoreOpener open_store;
    const Clock* clock = nullptr;  // required
    std::ostream* out = nullptr;   // required: stdout
    std::ostream* err = nullptr;   // required: stderr
};

}  // namespace lb::cli
