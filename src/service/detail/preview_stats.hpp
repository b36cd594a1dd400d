// Statistics of a model preview: how well scores rank won leads above lost ones (AUC), and the
// leads, outcomes and conversion rate per score band.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lb::service::detail {

// The probability that a random won lead scores above a random lost one (ties count half);
// nullopt unless both outcomes occur. `won` and `lost` hold scores.
[[nodiscard]] std::optional<double> RankAuc(std::span<const int> won, std::span<const int> lost);

struct BandCount {
    int low = 0, high = 0;
    long long leads = 0, won = 0, lost = 0;
    double conversion = 0;  // won / (won + lost); 0 without outcomes
};

// Ten bands 0-9, 10-19, ..., 90-100 of `totals`; `stages` (same length) gives outcomes
// ("won", "lost").
[[nodiscard]] std::vector<BandCount> ScoreBands(std::span<const int> totals,
                                                std::span<const std::string> stages);

}  // namespace lb::service::detail
