#include "service/detail/preview_stats.hpp"

#include <gtest/gtest.h>

namespace lb::service::detail {
namespace {

TEST(RankAuc, PerfectSeparationIsOneAndReversedIsZero) {
    const std::vector<int> high = {80, 90, 70};
    const std::vector<int> low = {10, 20, 30};
    EXPECT_DOUBLE_EQ(*RankAuc(high, low), 1.0);
    EXPECT_DOUBLE_EQ(*RankAuc(low, high), 0.0);
}

TEST(RankAuc, TiesCountHalf) {
    const std::vector<int> won = {50, 50};
    const std::vector<int> lost = {50};
    EXPECT_DOUBLE_EQ(*RankAuc(won, lost), 0.5);
}

TEST(RankAuc, MatchesAHandCountedCase) {
    // Pairs (won, lost): (40,30) win, (40,40) tie, (40,60) loss, (70,*) 3 wins -> 4.5 / 6.
    const std::vector<int> won = {40, 70};
    const std::vector<int> lost = {30, 40, 60};
    EXPECT_DOUBLE_EQ(*RankAuc(won, lost), 4.5 / 6.0);
}

TEST(RankAuc, NeedsBothOutcomes) {
    const std::vector<int> some = {1, 2};
    EXPECT_FALSE(RankAuc(some, {}).has_value());
    EXPECT_FALSE(RankAuc({}, some).has_value());
}

TEST(ScoreBands, CountsLeadsAndOutcomesPerTenPoints) {
    const std::vector<int> totals = {0, 9, 10, 95, 100, 100};
    const std::vector<std::string> stages = {"won", "lost", "lead", "won", "won", "lost"};
    const auto bands = ScoreBands(totals, stages);
    ASSERT_EQ(bands.size(), 10U);
    EXPECT_EQ(bands[0].leads, 2);
    EXPECT_DOUBLE_EQ(bands[0].conversion, 0.5);
    EXPECT_EQ(bands[1].leads, 1);
    EXPECT_DOUBLE_EQ(bands[1].conversion, 0.0);
    EXPECT_EQ(bands[9].low, 90);
    EXPECT_EQ(bands[9].high, 100);
    EXPECT_EQ(bands[9].leads, 3);
    EXPECT_EQ(bands[9].won, 2);
    EXPECT_NEAR(bands[9].conversion, 2.0 / 3.0, 1e-12);
}

}  // namespace
}  // namespace lb::service::detail
