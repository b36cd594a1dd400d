// The breakdown of one lead's score: a ScoreItem per rule that gave points (per touchpoint for
// kEach rules), built from the same tallies the score came from.
#pragma once

#include <span>
#include <vector>

#include "domain/entities.hpp"
#include "scoring/detail/compiled_model.hpp"

namespace lb::scoring::detail {

// Requires: `tallies` and `hits` are what ScoreRow left for `row` (hits collected).
[[nodiscard]] std::vector<domain::ScoreItem> ExplainRow(const BoundModel& bound,
                                                        const Population& population,
                                                        std::uint32_t row,
                                                        double now_seconds,
                                                        std::span<const RuleTally> tallies,
                                                        std::span<const EachHit> hits);

// "visits matching /pricing*", "track touchpoints named demo_booked", ...
[[nodiscard]] std::string DescribeMatch(const TouchMatch& match);
// The same for a rule's alternatives, joined by " or ".
[[nodiscard]] std::string DescribeMatches(std::span<const TouchMatch> matches);

}  // namespace lb::scoring::detail
