// The `leadbase` command line: parses argv with CLI11 and runs one subcommand.
#pragma once

#include "cli/context.hpp"

namespace lb::cli {

// Runs the command line; returns the process exit code (0 ok, 1 failed or rejected input,
// 2 usage error). Requires: ctx's fields set.
[[nodiscard]] int RunCli(int argc, const char* const* argv, CliContext& ctx);

}  // namespace lb::cli
