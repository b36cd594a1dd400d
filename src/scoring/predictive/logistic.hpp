// L2-regularised logistic regression fitted by Newton's method (IRLS) with Eigen: deterministic,
// exact to the tolerance, and fast for the few hundred features a lead table gives.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/result.hpp"
#include "scoring/predictive/features.hpp"

namespace lb::scoring::predictive {

struct LogisticOptions {
    // Penalty lambda/2 * |w|^2 on the weights of the standardised features (not the bias),
    // added to the summed log-loss; 1.0 matches scikit-learn's C = 1.
    double l2 = 1.0;
    bool standardise = true;  // scale every feature to mean 0, sd 1 on the training rows
    int max_iterations = 100;
    double tolerance = 1e-8;  // stop when the largest Newton step is below this
};

// A fitted model: p = sigmoid(bias + sum_j weights[j] * (x_j - means[j]) / scales[j]).
// Plain value; thread-safe for concurrent reads.
struct LogisticModel {
    double bias = 0;
    std::vector<double> weights;
    std::vector<double> means;
    std::vector<double> scales;

    // The log-odds of each row. Requires: features.cols() == weights.size().
    [[nodiscard]] std::vector<double> LogOdds(const FeatureMatrix& features) const;
    // Probabilities of each row. Requires: as LogOdds.
    [[nodiscard]] std::vector<double> Predict(const FeatureMatrix& features) const;
    // weights[j] / scales[j]: the change of the log-odds per unit of raw feature j.
    [[nodiscard]] double RawCoefficient(std::size_t feature) const;
    // Each feature's term weights[j] * (x_j - means[j]) / scales[j] for one row.
    [[nodiscard]] std::vector<double> Terms(const FeatureMatrix& features, Eigen::Index row) const;
};

// Fits the model. kInvalidArgument when there are no rows or the label count differs from the
// row count; kInternal when Newton's method does not converge (not seen with l2 > 0).
[[nodiscard]] Result<LogisticModel> FitLogistic(const FeatureMatrix& features,
                                                std::span<const std::uint8_t> labels,
                                                const LogisticOptions& options = {});

}  // namespace lb::scoring::predictive
