#include "scoring/predictive/metrics.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace lb::scoring::predictive {
namespace {

TEST(Auc, CountsCorrectlyOrderedPairs) {
    // Pairs (positive, negative): (0.35, 0.1) yes, (0.35, 0.4) no, (0.8, *) yes, yes: 3 of 4.
    const std::vector<double> scores = {0.1, 0.4, 0.35, 0.8};
    const std::vector<std::uint8_t> labels = {0, 0, 1, 1};
    EXPECT_DOUBLE_EQ(Auc(scores, labels), 0.75);
}

TEST(Auc, TiesCountHalf) {
    const std::vector<double> scores = {0.5, 0.5, 0.9};
    const std::vector<std::uint8_t> labels = {0, 1, 1};
    // Pairs: (0.5 vs 0.5) 0.5, (0.9 vs 0.5) 1 -> 1.5 / 2.
    EXPECT_DOUBLE_EQ(Auc(scores, labels), 0.75);
}

TEST(Auc, IsOneHalfWithOneClass) {
    const std::vector<double> scores = {0.2, 0.7};
    const std::vector<std::uint8_t> labels = {1, 1};
    EXPECT_DOUBLE_EQ(Auc(scores, labels), 0.5);
}

TEST(LogLoss, MatchesHandComputedValue) {
    const std::vector<double> scores = {0.9, 0.2};
    const std::vector<std::uint8_t> labels = {1, 0};
    EXPECT_NEAR(LogLoss(scores, labels), -(std::log(0.9) + std::log(0.8)) / 2, 1e-12);
}

TEST(LogLoss, ClipsCertainMistakes) {
    const std::vector<double> scores = {0.0};
    const std::vector<std::uint8_t> labels = {1};
    EXPECT_NEAR(LogLoss(scores, labels), -std::log(1e-15), 1e-9);
}

TEST(Reliability, AveragesPredictionsAndOutcomesPerBin) {
    const std::vector<double> scores = {0.05, 0.15, 0.12, 0.95, 1.0};
    const std::vector<std::uint8_t> labels = {0, 1, 0, 1, 1};
    const std::vector<ReliabilityBin> bins = Reliability(scores, labels);
    ASSERT_EQ(bins.size(), 10U);
    EXPECT_EQ(bins[0].count, 1);
    EXPECT_EQ(bins[1].count, 2);
    EXPECT_NEAR(bins[1].mean_predicted, 0.135, 1e-12);
    EXPECT_DOUBLE_EQ(bins[1].observed_rate, 0.5);
    EXPECT_EQ(bins[9].count, 2);  // 1.0 falls in the last bin
    EXPECT_EQ(bins[5].count, 0);
}

TEST(Deciles, RankByScoreAndAccumulateGains) {
    std::vector<double> scores;
    std::vector<std::uint8_t> labels;
    for (int row = 0; row < 100; ++row) {
        scores.push_back(row / 100.0);
        labels.push_back(row >= 80 ? 1 : 0);  // the top fifth converted
    }
    const std::vector<DecileRow> deciles = Deciles(scores, labels);
    ASSERT_EQ(deciles.size(), 10U);
    EXPECT_EQ(deciles[0].count, 10);
    EXPECT_EQ(deciles[0].positives, 10);
    EXPECT_DOUBLE_EQ(deciles[0].lift, 5.0);
    EXPECT_DOUBLE_EQ(deciles[1].cumulative_gain, 1.0);
    EXPECT_EQ(deciles[2].positives, 0);
    EXPECT_DOUBLE_EQ(deciles[9].cumulative_gain, 1.0);
}

}  // namespace
}  // namespace lb::scoring::predictive
