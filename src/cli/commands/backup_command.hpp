// `leadbase backup` and `leadbase restore`: online copy of the SQLite store and its restore.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace lb::cli {

// Adds `backup [--db PATH] --out FILE`: a consistent copy while the server keeps running.
void AddBackupCommand(CLI::App& root, CliContext& ctx, int& exit_code);

// Adds `restore --from FILE [--db PATH]`: replaces the database with the backup. Stop the server
// first.
void AddRestoreCommand(CLI::App& root, CliContext& ctx, int& exit_code);

}  // namespace lb::cli
