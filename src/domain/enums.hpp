// The small closed vocabularies of a lead: rating, horizon, potential, customer status, role,
// stage.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lb::domain {

enum class Rating { kHot, kWarm, kCold };
enum class Horizon { kNow, kLater };  // now: expected to convert within 1-3 months
enum class Potential { kA, kB, kC };
enum class CustomerStatus { kProspect, kCustomer, kFormerCustomer };
enum class ChannelKind { kOnline, kOffline };
// API roles of API.md: what a credential may do.
enum class Role { kAdmin, kMarketing, kSales, kTracking };

// Text forms as the API spells them: "hot", "now", "A", "former_customer", "offline", "sales".
[[nodiscard]] std::string_view ToString(Rating value);
[[nodiscard]] std::string_view ToString(Horizon value);
[[nodiscard]] std::string_view ToString(Potential value);
[[nodiscard]] std::string_view ToString(CustomerStatus value);
[[nodiscard]] std::string_view ToString(ChannelKind value);
[[nodiscard]] std::string_view ToString(Role value);

// Parsers: exact API spelling (case-insensitive). kInvalidArgument names `field` and the allowed
// values.
[[nodiscard]] Result<Rating> ParseRating(std::string_view text, std::string_view field = "rating");
[[nodiscard]] Result<Horizon> ParseHorizon(std::string_view text,
                                           std::string_view field = "horizon");
[[nodiscard]] Result<Potential> ParsePotential(std::string_view text,
                                               std::string_view field = "potential");
[[nodiscard]] Result<CustomerStatus> ParseCustomerStatus(
    std::string_view text, std::string_view field = "customer_status");
[[nodiscard]] Result<ChannelKind> ParseChannelKind(std::string_view text,
                                                   std::string_view field = "kind");
[[nodiscard]] Result<Role> ParseRole(std::string_view text, std::string_view field = "role");

// The default stage ids of API.md, in funnel order.
inline constexpr std::array<std::string_view, 11> kDefaultStages = {"prospect",
                                                                    "lead",
                                                                    "mql",
                                                                    "sal",
                                                                    "sql",
                                                                    "opportunity",
                                                                    "won",
                                                                    "lost",
                                                                    "nurture",
                                                                    "recycled",
                                                                    "disqualified"};

// kInvalidArgument unless `stage` is one of kDefaultStages.
[[nodiscard]] Status ValidateStage(std::string_view stage, std::string_view field = "stage");

}  // namespace lb::domain
