#include "scoring/predictive/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lb::scoring::predictive {
namespace {

std::vector<std::size_t> OrderByScore(std::span<const double> scores, bool is_descending) {
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) {
        return is_descending ? scores[a] > scores[b] : scores[a] < scores[b];
    });
    return order;
}

}  // namespace

double Auc(std::span<const double> scores, std::span<const std::uint8_t> labels) {
    const std::vector<std::size_t> order = OrderByScore(scores, false);
    // Mann-Whitney U: sum of the (tie-averaged, 1-based) ranks of the positives.
    double positive_rank_sum = 0;
    double positives = 0;
    std::size_t start = 0;
    while (start < order.size()) {
        std::size_t end = start;
        while (end < order.size() && scores[order[end]] == scores[order[start]]) ++end;
        const double mean_rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2;
        for (std::size_t idx = start; idx < end; ++idx) {
            if (labels[order[idx]] != 0) {
                positive_rank_sum += mean_rank;
                positives += 1;
            }
        }
        start = end;
    }
    const double negatives = static_cast<double>(order.size()) - positives;
    if (positives == 0 || negatives == 0) return 0.5;
    return (positive_rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

double LogLoss(std::span<const double> scores, std::span<const std::uint8_t> labels) {
    if (scores.empty()) return 0;
    double total = 0;
    for (std::size_t row = 0; row < scores.size(); ++row) {
        const double p = std::clamp(scores[row], 1e-15, 1 - 1e-15);
        total -= labels[row] != 0 ? std::log(p) : std::log(1 - p);
    }
    return total / static_cast<double>(scores.size());
}

std::vector<ReliabilityBin> Reliability(std::span<const double> scores,
                                        std::span<const std::uint8_t> labels,
                                        int bin_count) {
    std::vector<ReliabilityBin> bins(static_cast<std::size_t>(bin_count));
    std::vector<double> predicted_sum(bins.size(), 0);
    std::vector<double> positive_sum(bins.size(), 0);
    for (std::size_t row = 0; row < scores.size(); ++row) {
        const auto raw_bin = static_cast<int>(std::floor(scores[row] * bin_count));
        const auto bin = static_cast<std::size_t>(std::clamp(raw_bin, 0, bin_count - 1));
        bins[bin].count += 1;
        predicted_sum[bin] += scores[row];
        positive_sum[bin] += labels[row] != 0 ? 1 : 0;
    }
    for (std::size_t bin = 0; bin < bins.size(); ++bin) {
        bins[bin].low = static_cast<double>(bin) / bin_count;
        bins[bin].high = static_cast<double>(bin + 1) / bin_count;
        if (bins[bin].count == 0) continue;
        const auto count = static_cast<double>(bins[bin].count);
        bins[bin].mean_predicted = predicted_sum[bin] / count;
        bins[bin].observed_rate = positive_sum[bin] / count;
    }
    return bins;
}

std::vector<DecileRow> Deciles(std::span<const double> scores,
                               std::span<const std::uint8_t> labels) {
    const std::vector<std::size_t> order = OrderByScore(scores, true);
    const auto total_positives =
        static_cast<double>(std::ranges::count_if(labels, [](std::uint8_t y) { return y != 0; }));
    const double overall_rate =
        order.empty() ? 0 : total_positives / static_cast<double>(order.size());
    std::vector<DecileRow> deciles;
    double cumulative = 0;
    for (int decile = 1; decile <= 10; ++decile) {
        const std::size_t begin = order.size() * static_cast<std::size_t>(decile - 1) / 10;
        const std::size_t end = order.size() * static_cast<std::size_t>(decile) / 10;
        DecileRow row{.decile = decile};
        row.count = static_cast<std::int64_t>(end - begin);
        for (std::size_t idx = begin; idx < end; ++idx) row.positives += labels[order[idx]];
        if (row.count > 0) {
            row.min_score = scores[order[end - 1]];
            row.rate = static_cast<double>(row.positives) / static_cast<double>(row.count);
        }
        row.lift = overall_rate > 0 ? row.rate / overall_rate : 0;
        cumulative += static_cast<double>(row.positives);
        row.cumulative_gain = total_positives > 0 ? cumulative / total_positives : 0;
        deciles.push_back(row);
    }
    return deciles;
}

}  // namespace lb::scoring::predictive
