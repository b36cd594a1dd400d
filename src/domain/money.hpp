// Money as integer minor units (cents/øre); never a double.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include "common/result.hpp"

namespace lb::domain {

// An amount in the workspace's currency, in minor units (1 DKK = 100 øre).
struct Money {
    std::int64_t minor = 0;
    friend constexpr auto operator<=>(Money, Money) = default;
};

// Converts a JSON/CSV number in major units ("12500.50", 12500.5) to Money, rounding to the nearest
// minor unit. Returns kInvalidArgument for non-numbers, negatives or amounts over 10^15 major
// units.
[[nodiscard]] Result<Money> ParseMoney(std::string_view text, std::string_view field);
[[nodiscard]] Result<Money> MoneyFromMajor(double major, std::string_view field);
// 1250050 -> "12500.50".
[[nodiscard]] std::string FormatMoney(Money money);
[[nodiscard]] double ToMajor(Money money);

}  // namespace lb::domain
