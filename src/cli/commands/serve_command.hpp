// `leadbase serve`: the tracking endpoint, the JSON API and the UI.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace lb::cli {

// Adds `serve [--db PATH | --postgres URL] [--listen HOST:PORT] [--demo] [--ui-dir DIR]
// [--threads N]`. Runs until SIGINT/SIGTERM, then stops gracefully; exit 1 when it cannot start.
void AddServeCommand(CLI::App& root, CliContext& ctx, int& exit_code);

// Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", "localhost:0"). kInvalidArgument "--listen".
struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;
};
[[nodiscard]] Result<ListenAddress> ParseListenAddress(std::string_view text);

}  // namespace lb::cli
