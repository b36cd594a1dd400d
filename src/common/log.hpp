// Logging through spdlog: one logger, configured once by app/ at start.
#pragma once

#include <spdlog/spdlog.h>

namespace lb::log {

// Sets the level from "debug", "info", "warn" or "error"; unknown names leave it at info.
void Configure(std::string_view level);

using spdlog::debug;
using spdlog::error;
using spdlog::info;
using spdlog::warn;

}  // namespace lb::log
