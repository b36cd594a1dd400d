#include "domain/enums.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace lb::domain {

namespace {

template <typename E, std::size_t N>
Result<E> ParseFrom(const std::array<std::pair<std::string_view, E>, N>& table,
                    std::string_view text,
                    std::string_view field) {
    const std::string lowered = ToLower(Trim(text));
    std::string allowed;
    for (const auto& [name, value] : table) {
        if (ToLower(name) == lowered) return value;
        allowed += allowed.empty() ? "" : ", ";
        allowed += name;
    }
    return Fail(InvalidArgument("'" + std::string(text) + "' is not one of: " + allowed,
                                std::string(field)));
}

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<std::string_view, E>, N>& table, E value) {
    for (const auto& [name, v] : table)
        if (v == value) return name;
    return "";
}

constexpr std::array<std::pair<std::string_view, Rating>, 3> kRatings = {
    {{"hot", Rating::kHot}, {"warm", Rating::kWarm}, {"cold", Rating::kCold}}};
constexpr std::array<std::pair<std::string_view, Horizon>, 2> kHorizons = {
    {{"now", Horizon::kNow}, {"later", Horizon::kLater}}};
constexpr std::array<std::pair<std::string_view, Potential>, 3> kPotentials = {
    {{"A", Potential::kA}, {"B", Potential::kB}, {"C", Potential::kC}}};
constexpr std::array<std::pair<std::string_view, CustomerStatus>, 3> kCustomerStatuses = {
    {{"prospect", CustomerStatus::kProspect},
     {"customer", CustomerStatus::kCustomer},
     {"former_customer", CustomerStatus::kFormerCustomer}}};
constexpr std::array<std::pair<std::string_view, ChannelKind>, 2> kChannelKinds = {
    {{"online", ChannelKind::kOnline}, {"offline", ChannelKind::kOffline}}};
constexpr std::array<std::pair<std::string_view, Role>, 4> kRoles = {
    {{"admin", Role::kAdmin},
     {"marketing", Role::kMarketing},
     {"sales", Role::kSales},
     {"tracking", Role::kTracking}}};

}  // namespace

std::string_view ToString(Rating value) {
    return NameOf(kRatings, value);
}
std::string_view ToString(Horizon value) {
    return NameOf(kHorizons, value);
}
std::string_view ToString(Potential value) {
    return NameOf(kPotentials, value);
}
std::string_view ToString(CustomerStatus value) {
    return NameOf(kCustomerStatuses, value);
}
std::string_view ToString(ChannelKind value) {
    return NameOf(kChannelKinds, value);
}
std::string_view ToString(Role value) {
    return NameOf(kRoles, value);
}

Result<Rating> ParseRating(std::string_view text, std::string_view field) {
    return ParseFrom(kRatings, text, field);
}
Result<Horizon> ParseHorizon(std::string_view text, std::string_view field) {
    return ParseFrom(kHorizons, text, field);
}
Result<Potential> ParsePotential(std::string_view text, std::string_view field) {
    return ParseFrom(kPotentials, text, field);
}
Result<CustomerStatus> ParseCustomerStatus(std::string_view text, std::string_view field) {
    return ParseFrom(kCustomerStatuses, text, field);
}
Result<ChannelKind> ParseChannelKind(std::string_view text, std::string_view field) {
    return ParseFrom(kChannelKinds, text, field);
}
Result<Role> ParseRole(std::string_view text, std::string_view field) {
    return ParseFrom(kRoles, text, field);
}

Status ValidateStage(std::string_view stage, std::string_view field) {
    if (std::ranges::find(kDefaultStages, stage) != kDefaultStages.end()) return Ok();
    std::string allowed;
    for (const auto name : kDefaultStages) {
        allowed += allowed.empty() ? "" : ", ";
        allowed += name;
    }
    return Fail(InvalidArgument(
        "'" + std::string(stage) + "' is not a stage; stages are: " + allowed, std::string(field)));
}

}  // namespace lb::domain
