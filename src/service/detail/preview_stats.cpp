#include "service/detail/preview_stats.hpp"

#include <algorithm>
#include <array>

namespace lb::service::detail {

std::optional<double> RankAuc(std::span<const int> won, std::span<const int> lost) {
    if (won.empty() || lost.empty()) return std::nullopt;
    // Scores are 0-100: count lost leads per score, then each won lead beats those below it.
    std::array<long long, 102> lost_at_or_below{};
    for (const int score : lost)
        ++lost_at_or_below[static_cast<std::size_t>(std::clamp(score, 0, 100)) + 1];
    for (std::size_t score = 1; score < lost_at_or_below.size(); ++score)
        lost_at_or_below[score] += lost_at_or_below[score - 1];
    double wins = 0;
    for (const int raw : won) {
        const auto score = static_cast<std::size_t>(std::clamp(raw, 0, 100));
        const auto below = static_cast<double>(lost_at_or_below[score]);
        const auto tied = static_cast<double>(lost_at_or_below[score + 1]) - below;
        wins += below + tied / 2;
    }
    return wins / (static_cast<double>(won.size()) * static_cast<double>(lost.size()));
}

std::vector<BandCount> ScoreBands(std::span<const int> totals,
                                  std::span<const std::string> stages) {
    std::vector<BandCount> bands(10);
    for (std::size_t band = 0; band < bands.size(); ++band) {
        bands[band].low = static_cast<int>(band) * 10;
        bands[band].high = band == 9 ? 100 : bands[band].low + 9;
    }
    for (std::size_t row = 0; row < totals.size(); ++row) {
        BandCount& band = bands[static_cast<std::size_t>(std::clamp(totals[row] / 10, 0, 9))];
        ++band.leads;
        if (stages[row] == "won") ++band.won;
        if (stages[row] == "lost") ++band.lost;
    }
    for (BandCount& band : bands) {
        if (band.won + band.lost > 0)
            band.conversion =
                static_cast<double>(band.won) / static_cast<double>(band.won + band.lost);
    }
    return bands;
}

}  // namespace lb::service::detail
