// `leadbase demo`: fills an empty store with the demo workspace, or writes its leads as CSV.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace lb::cli {

// Adds `demo [--leads N] [--events N] [--seed S] [--csv-out FILE] [--db PATH | --postgres URL]`.
// Without --csv-out it fills the default workspace with the demo users and data (as `serve --demo`
// does, service::SeedDemoWorkspace) and refuses, with exit code 1, a store that already has leads:
// demo data only goes into an empty store. With --csv-out it writes only the leads, as an import
// file, and opens no store.
void AddDemoCommand(CLI::App& root, CliContext& ctx, int& exit_code);

}  // namespace lb::cli
