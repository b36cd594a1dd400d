// The word lists and rates behind the demo workspace: Danish-flavoured names, industries, titles,
// the channels and business areas with how well their leads convert.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "domain/enums.hpp"

namespace lb::demo::detail {

// A channel of ARCHITECTURE.md with its share of new leads and its conversion multiplier.
struct ChannelProfile {
    std::string_view key;
    std::string_view name;
    domain::ChannelKind kind;
    double lead_share;  // shares sum to 1
    double conversion;  // multiplies every funnel step's chance (1 = average)
};

struct AreaProfile {
    std::string_view key;
    std::string_view name;
    std::int64_t average_deal_dkk;
    double lead_share;
    double conversion;
    double cycle_factor;  // sales cycles are longer for TV, shorter for Web
};

struct IndustryProfile {
    std::string_view name;
    double conversion;
};

struct TitleProfile {
    std::string_view title;
    int seniority;  // 1 (assistant) to 4 (C-level)
};

struct CountryProfile {
    std::string_view code;
    std::string_view tld;
    std::string_view phone_prefix;
    std::string_view company_suffix;
    double share;
};

[[nodiscard]] std::span<const ChannelProfile> Channels();
[[nodiscard]] std::span<const AreaProfile> Areas();
[[nodiscard]] std::span<const IndustryProfile> Industries();
[[nodiscard]] std::span<const TitleProfile> Titles();
[[nodiscard]] std::span<const CountryProfile> Countries();
[[nodiscard]] std::span<const std::string_view> FirstNames();
[[nodiscard]] std::span<const std::string_view> LastNames();
[[nodiscard]] std::span<const std::string_view> CompanyWords();     // "Nordisk", "Jysk", ...
[[nodiscard]] std::span<const std::string_view> CompanyNouns();     // "Medie", "Byg", ...
[[nodiscard]] std::span<const std::string_view> FreeMailDomains();  // gmail.com, ...

// "Søren Ærø" -> "soeren-aeroe"-style ASCII: æ->ae, ø->oe, å->aa, ö->oe, ä->ae, ü->ue, lowercase;
// other characters than letters and digits are dropped, except that `keep` is kept.
[[nodiscard]] std::string AsciiFold(std::string_view text, char keep = '\0');

}  // namespace lb::demo::detail
