// The default model ranks won deals above lost ones on the seeded demo workspace.
#include <gtest/gtest.h>

#include "demo/demo_population.hpp"
#include "scoring/model_parser.hpp"

namespace lb::scoring {
namespace {

TEST(DefaultModel, RanksWonAboveLostOnTheSeededDemoWorkspace) {
    if (DefaultModel().rules.empty()) GTEST_SKIP() << "DefaultModel() has no rules yet";
    auto model = CompiledModel::Compile(DefaultModel());
    ASSERT_TRUE(model.has_value()) << model.error().field << ": " << model.error().message;
    const auto now = ParseIso8601("2026-11-01T00:00:00Z");
    ASSERT_TRUE(now.has_value());
    const double auc = demo::WonLostAuc(*model, demo::DemoOptions{}, *now);
    EXPECT_GT(auc, 0.6);
}

TEST(RankAuc, CountsPairsRankedRightAndTiesAsHalf) {
    const std::vector<double> won = {3, 2}, lost = {1, 2};
    EXPECT_DOUBLE_EQ(demo::RankAuc(won, lost), (2 + 1.5) / 4);
    EXPECT_DOUBLE_EQ(demo::RankAuc(won, {}), 0.5);
}

}  // namespace
}  // namespace lb::scoring
