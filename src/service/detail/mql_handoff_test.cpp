#include "service/detail/mql_handoff.hpp"

#include <gtest/gtest.h>

namespace lb::service::detail {
namespace {

domain::Lead LeadAt(std::string stage) {
    domain::Lead lead;
    lead.id = LeadId(7);
    lead.workspace_id = WorkspaceId(1);
    lead.stage = std::move(stage);
    return lead;
}

const Timestamp kAt = FromEpochMillis(1'700'000'000'000);

TEST(MqlHandoff, CrossingTheThresholdMovesALeadBelowMqlToMql) {
    const Handoff handoff = MqlHandoff(LeadAt("lead"), 60, 65, 65, kAt, "system:scoring");
    EXPECT_TRUE(handoff.crossed);
    EXPECT_FALSE(handoff.dropped);
    ASSERT_EQ(handoff.history.size(), 2U);
    EXPECT_EQ(handoff.history[0].kind, "score.threshold_crossed");
    EXPECT_EQ(handoff.history[0].from_value, "60");
    EXPECT_EQ(handoff.history[0].to_value, "65");
    EXPECT_EQ(handoff.history[0].actor, "system:scoring");
    EXPECT_EQ(handoff.history[1].kind, "stage");
    EXPECT_EQ(handoff.history[1].from_value, "lead");
    EXPECT_EQ(handoff.history[1].to_value, "mql");
    EXPECT_EQ(handoff.new_stage, "mql");
}

TEST(MqlHandoff, CrossingLeavesALeadAlreadyPastMqlWhereItIs) {
    for (const char* stage : {"mql", "sal", "sql", "opportunity", "won", "lost", "disqualified"}) {
        const Handoff handoff = MqlHandoff(LeadAt(stage), 10, 90, 65, kAt, "x");
        EXPECT_TRUE(handoff.crossed) << stage;
        ASSERT_EQ(handoff.history.size(), 1U) << stage;
        EXPECT_EQ(handoff.history[0].kind, "score.threshold_crossed");
        EXPECT_FALSE(handoff.new_stage.has_value()) << stage;
    }
}

TEST(MqlHandoff, NurturedAndRecycledLeadsComeBackAsMql) {
    EXPECT_EQ(MqlHandoff(LeadAt("nurture"), 0, 70, 65, kAt, "x").new_stage, "mql");
    EXPECT_EQ(MqlHandoff(LeadAt("recycled"), 0, 70, 65, kAt, "x").new_stage, "mql");
    EXPECT_EQ(MqlHandoff(LeadAt("prospect"), 0, 70, 65, kAt, "x").new_stage, "mql");
}

TEST(MqlHandoff, FallingBelowAppendsTheReverseEntryAndKeepsTheStage) {
    const Handoff handoff = MqlHandoff(LeadAt("mql"), 70, 64, 65, kAt, "x");
    EXPECT_TRUE(handoff.dropped);
    ASSERT_EQ(handoff.history.size(), 1U);
    EXPECT_EQ(handoff.history[0].kind, "score.threshold_dropped");
    EXPECT_EQ(handoff.history[0].from_value, "70");
    EXPECT_EQ(handoff.history[0].to_value, "64");
    EXPECT_FALSE(handoff.new_stage.has_value());
}

TEST(MqlHandoff, MovesOnTheSameSideOfTheThresholdDoNothing) {
    EXPECT_TRUE(MqlHandoff(LeadAt("lead"), 10, 64, 65, kAt, "x").history.empty());
    EXPECT_TRUE(MqlHandoff(LeadAt("mql"), 65, 100, 65, kAt, "x").history.empty());
    EXPECT_TRUE(MqlHandoff(LeadAt("mql"), 80, 65, 65, kAt, "x").history.empty());
}

}  // namespace
}  // namespace lb::service::detail
