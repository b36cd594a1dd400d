#include "common/log.hpp"

#include <string>

namespace lb::log {

void Configure(std::string_view level) {
    const auto parsed = spdlog::level::from_str(std::string(level));
    spdlog::set_level(parsed == spdlog::level::off ? spdlog::level::info : parsed);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
}

}  // namespace lb::log
