// Quality measures of predicted probabilities against 0/1 outcomes: AUC, log-loss, a reliability
// (calibration) table and lift/gains per decile.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace lb::scoring::predictive {

// Area under the ROC curve: the probability that a random positive scores above a random
// negative, ties counting one half. 0.5 when either class is absent.
// Requires: scores.size() == labels.size().
[[nodiscard]] double Auc(std::span<const double> scores, std::span<const std::uint8_t> labels);

// Mean negative log-likelihood; probabilities are clipped to [1e-15, 1 - 1e-15]. 0 for no rows.
// Requires: scores.size() == labels.size().
[[nodiscard]] double LogLoss(std::span<const double> scores, std::span<const std::uint8_t> labels);

// One probability bin [low, high) ([0.9, 1.0] for the last).
struct ReliabilityBin {
    double low = 0;
    double high = 0;
    std::int64_t count = 0;
    double mean_predicted = 0;  // 0 when count == 0
    double observed_rate = 0;   // share of positives; 0 when count == 0
};

// `bin_count` equal-width bins over [0, 1]. Requires: bin_count >= 1, equal sizes.
[[nodiscard]] std::vector<ReliabilityBin> Reliability(std::span<const double> scores,
                                                      std::span<const std::uint8_t> labels,
                                                      int bin_count = 10);

// One decile of rows ranked by descending score (decile 1 = the best-scored tenth).
struct DecileRow {
    int decile = 0;
    std::int64_t count = 0;
    std::int64_t positives = 0;
    double min_score = 0;
    double rate = 0;             // positives / count
    double lift = 0;             // rate / overall rate
    double cumulative_gain = 0;  // share of all positives in deciles 1..this
};

// Ten groups of (nearly) equal size by descending score; ties broken by row order.
// Requires: equal sizes.
[[nodiscard]] std::vector<DecileRow> Deciles(std::span<const double> scores,
                                             std::span<const std::uint8_t> labels);

}  // namespace lb::scoring::predictive
