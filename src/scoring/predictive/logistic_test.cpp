#include "scoring/predictive/logistic.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace lb::scoring::predictive {
namespace {

// x = 0: 3 of 4 converted; x = 1: 1 of 4. The unpenalised fit is the empirical log-odds:
// bias = ln 3, weight = -2 ln 3.
TEST(FitLogistic, UnpenalisedFitIsTheEmpiricalLogOdds) {
    FeatureMatrix x(8, 1);
    x << 0, 0, 0, 0, 1, 1, 1, 1;
    const std::vector<std::uint8_t> y = {1, 1, 1, 0, 1, 0, 0, 0};
    const auto model = FitLogistic(x, y, {.l2 = 0, .standardise = false});
    ASSERT_TRUE(model) << model.error().message;
    EXPECT_NEAR(model->bias, std::log(3.0), 1e-6);
    EXPECT_NEAR(model->weights[0], -2 * std::log(3.0), 1e-6);
    const std::vector<double> p = model->Predict(x);
    EXPECT_NEAR(p[0], 0.75, 1e-6);
    EXPECT_NEAR(p[7], 0.25, 1e-6);
}

// With a penalty the gradient of the penalised loss vanishes: X^T (p - y) + l2 * w = 0 for the
// weights and sum(p - y) = 0 for the bias.
TEST(FitLogistic, PenalisedFitSatisfiesTheOptimalityConditions) {
    FeatureMatrix x(6, 2);
    x << 1, 0.5F, 2, 1.5F, 3, 0.2F, 4, 2.5F, 5, 1.0F, 6, 0.1F;
    const std::vector<std::uint8_t> y = {0, 1, 0, 1, 1, 0};
    const double l2 = 0.7;
    const auto model = FitLogistic(x, y, {.l2 = l2, .standardise = true});
    ASSERT_TRUE(model) << model.error().message;
    const std::vector<double> p = model->Predict(x);
    double bias_gradient = 0;
    for (std::size_t row = 0; row < y.size(); ++row) bias_gradient += p[row] - y[row];
    EXPECT_NEAR(bias_gradient, 0, 1e-6);
    for (std::size_t j = 0; j < 2; ++j) {
        double gradient = l2 * model->weights[j];
        for (std::size_t row = 0; row < y.size(); ++row) {
            const double standardised =
                (x(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(j)) -
                 model->means[j]) /
                model->scales[j];
            gradient += (p[row] - y[row]) * standardised;
        }
        EXPECT_NEAR(gradient, 0, 1e-6) << "feature " << j;
    }
}

TEST(FitLogistic, ConvergesOnSeparableDataThanksToThePenalty) {
    FeatureMatrix x(4, 1);
    x << 0, 0, 1, 1;
    const std::vector<std::uint8_t> y = {0, 0, 1, 1};
    const auto model = FitLogistic(x, y, {.l2 = 1.0});
    ASSERT_TRUE(model) << model.error().message;
    const std::vector<double> p = model->Predict(x);
    EXPECT_LT(p[0], 0.5);
    EXPECT_GT(p[3], 0.5);
}

TEST(FitLogistic, RejectsMismatchedLabels) {
    FeatureMatrix x(2, 1);
    x << 0, 1;
    const std::vector<std::uint8_t> y = {1};
    EXPECT_FALSE(FitLogistic(x, y));
}

}  // namespace
}  // namespace lb::scoring::predictive
