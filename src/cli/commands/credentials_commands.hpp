// `leadbase apikey create` and `leadbase user create`.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace lb::cli {

// Adds `apikey create --role ROLE [--name NAME] [--user EMAIL]`: prints the new key alone on one
// line of stdout (API.md). `--user` ties a sales key to the user whose leads it sees.
void AddApiKeyCommand(CLI::App& root, CliContext& ctx, int& exit_code);

// Adds `user create --email EMAIL --role ROLE [--name NAME] [--password-stdin]`: creates a user of
// the UI; the password is read from the first line of stdin.
void AddUserCommand(CLI::App& root, CliContext& ctx, int& exit_code);

}  // namespace lb::cli
