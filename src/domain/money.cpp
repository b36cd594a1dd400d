#include "domain/money.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "common/text.hpp"

namespace lb::domain {

namespace {
constexpr double kMaxMajor = 1e15;
}

Result<Money> MoneyFromMajor(double major, std::string_view field) {
    if (!std::isfinite(major) || major < 0 || major > kMaxMajor)
        return Fail(InvalidArgument("must be an amount between 0 and 10^15", std::string(field)));
    return Money{static_cast<std::int64_t>(std::llround(major * 100.0))};
}

Result<Money> ParseMoney(std::string_view text, std::string_view field) {
    const std::string_view trimmed = Trim(text);
    double major = 0;
    const auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), major);
    if (ec != std::errc() || ptr != trimmed.data() + trimmed.size() || trimmed.empty())
        return Fail(InvalidArgument("'" + std::string(text) + "' is not an amount (e.g. 12500.50)",
                                    std::string(field)));
    return MoneyFromMajor(major, field);
}

std::string FormatMoney(Money money) {
    return fmt::format("{}.{:02}", money.minor / 100, money.minor % 100);
}

double ToMajor(Money money) {
    return static_cast<double>(money.minor) / 100.0;
}

}  // namespace lb::domain
