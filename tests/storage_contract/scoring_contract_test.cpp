// Scoring storage: the workspace's models in order, a lead's score with its full breakdown,
// score history, and the id-ordered scans a full rescore reads.
#include <vector>

#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using ScoringContract = StoreContract;

StoredScoringModel Stored(std::string key, std::string document) {
    return {.key = std::move(key), .document = std::move(document), .updated_at = At(1'000)};
}

TEST_P(ScoringContract, ModelsAreReplacedAndListedInTheirOrder) {
    const std::vector<StoredScoringModel> first = {Stored("web", "{\"key\":\"web\"}"),
                                                   Stored("default", "{\"key\":\"default\"}")};
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.ReplaceScoringModels(ws_, first); }));
    const std::vector<StoredScoringModel> second = {Stored("radio", "{\"key\":\"radio\"}")};
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.ReplaceScoringModels(ws_, second); }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto models, tx.ListScoringModels(ws_));
        EXPECT_EQ(models.size(), 1U);
        if (models.size() == 1) {
            EXPECT_EQ(models[0].key, "radio");
            EXPECT_EQ(models[0].document, "{\"key\":\"radio\"}");
            EXPECT_EQ(models[0].updated_at, At(1'000));
        }
        return Ok();
    }));
}

TEST_P(ScoringContract, DuplicateModelKeysAreRejectedAndNothingIsReplaced) {
    const std::vector<StoredScoringModel> first = {Stored("web", "{}")};
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.ReplaceScoringModels(ws_, first); }));
    const std::vector<StoredScoringModel> twice = {Stored("a", "{}"), Stored("a", "{}")};
    const Status replaced =
        InWrite([&](Transaction& tx) { return tx.ReplaceScoringModels(ws_, twice); });
    ASSERT_FALSE(replaced.has_value());
    EXPECT_EQ(replaced.error().code, ErrorCode::kAlreadyExists);
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto models, tx.ListScoringModels(ws_));
        EXPECT_EQ(models.size(), 1U);
        return Ok();
    }));
}

TEST_P(ScoringContract, SavedScoreKeepsEveryBreakdownFieldAndLeavesUpdatedAtAlone) {
    const domain::Lead lead = Create(FullLead(1));
    domain::LeadScore score{.total = 71, .fit = 80, .engagement = 62, .grade = "A2"};
    score.breakdown.push_back({.rule = "size",
                               .points = 15,
                               .category = "fit",
                               .exact_points = 15,
                               .detail = "50+ employees"});
    score.breakdown.push_back({.rule = "pricing",
                               .points = 4,
                               .category = "engagement",
                               .exact_points = 3.5355,
                               .detail = "page /pricing",
                               .touchpoint_id = TouchpointId(42),
                               .occurred_at = At(1'700'000'000'000),
                               .decay = 0.35355,
                               .half_life_days = 30.0});
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.SaveLeadScore(ws_, lead.id, score); }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Lead stored, tx.GetLead(ws_, lead.id));
        EXPECT_EQ(stored.score.total, 71);
        EXPECT_EQ(stored.score.grade, "A2");
        EXPECT_EQ(stored.updated_at, lead.updated_at);
        EXPECT_EQ(stored.score.breakdown.size(), 2U);
        if (stored.score.breakdown.size() == 2) {
            const domain::ScoreItem& item = stored.score.breakdown[1];
            EXPECT_EQ(item.rule, "pricing");
            EXPECT_EQ(item.points, 4);
            EXPECT_EQ(item.category, "engagement");
            EXPECT_DOUBLE_EQ(item.exact_points, 3.5355);
            EXPECT_EQ(item.touchpoint_id, TouchpointId(42));
            EXPECT_EQ(item.occurred_at, At(1'700'000'000'000));
            EXPECT_DOUBLE_EQ(item.decay, 0.35355);
            EXPECT_EQ(item.half_life_days, 30.0);
            EXPECT_EQ(stored.score.breakdown[0].touchpoint_id, TouchpointId());
            EXPECT_FALSE(stored.score.breakdown[0].occurred_at.has_value());
        }
        return Ok();
    }));
}

TEST_P(ScoringContract, SavingTheScoreOfAMissingLeadIsNotFound) {
    const Status saved =
        InWrite([&](Transaction& tx) { return tx.SaveLeadScore(ws_, LeadId(999'999), {}); });
    ASSERT_FALSE(saved.has_value());
    EXPECT_EQ(saved.error().code, ErrorCode::kNotFound);
}

TEST_P(ScoringContract, ScoreHistoryIsListedOldestFirst) {
    const domain::Lead lead = Create(FullLead(2));
    const auto entry = [&](int total, std::int64_t at) {
        return domain::ScoreHistoryEntry{.workspace_id = ws_,
                                         .lead_id = lead.id,
                                         .at = At(at),
                                         .total = total,
                                         .fit = total,
                                         .engagement = total,
                                         .grade = "B2",
                                         .model_key = "default",
                                         .cause = "event"};
    };
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_TRY(tx.AppendScoreHistory(entry(70, 2'000)));
        return tx.AppendScoreHistory(entry(40, 1'000));
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto history, tx.ListScoreHistory(ws_, lead.id));
        EXPECT_EQ(history.size(), 2U);
        if (history.size() == 2) {
            EXPECT_EQ(history[0].total, 40);
            EXPECT_EQ(history[1].total, 70);
            EXPECT_EQ(history[1].model_key, "default");
            EXPECT_EQ(history[1].cause, "event");
        }
        return Ok();
    }));
}

TEST_P(ScoringContract, ScansPageThroughLeadsAndTheirTouchpointsById) {
    std::vector<LeadId> ids;
    for (int n = 0; n < 5; ++n) ids.push_back(Create(FullLead(10 + n)).id);
    std::vector<domain::Touchpoint> touches(3);
    for (std::size_t idx = 0; idx < touches.size(); ++idx) {
        touches[idx].workspace_id = ws_;
        touches[idx].type = "page";
        touches[idx].url = "https://acme.dk/pricing";
        touches[idx].occurred_at = At(1'000 + static_cast<std::int64_t>(idx));
        touches[idx].anonymous_id = "a";
    }
    touches[0].lead_id = ids[1];
    touches[2].lead_id = ids[3];  // touches[1] stays anonymous: not scanned
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.AppendTouchpoints(touches); }));
    // Another workspace's lead and touchpoint, with ids after these, are never scanned.
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const domain::Workspace other,
                            tx.CreateWorkspace(MakeWorkspace("Other", "tk_other")));
        domain::Lead lead = FullLead(99);
        lead.workspace_id = other.id;
        LB_ASSIGN_OR_RETURN(const domain::Lead stored, tx.CreateLead(std::move(lead)));
        domain::Touchpoint touch = touches[0];
        touch.workspace_id = other.id;
        touch.lead_id = stored.id;
        return tx.AppendTouchpoints(std::vector<domain::Touchpoint>{touch});
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto first, tx.ListLeadsAfter(ws_, LeadId(0), 3));
        EXPECT_EQ(first.size(), 3U);
        LB_ASSIGN_OR_RETURN(const auto rest, tx.ListLeadsAfter(ws_, first.back().id, 3));
        EXPECT_EQ(rest.size(), 2U);
        if (!rest.empty()) {
            EXPECT_EQ(rest.back().id, ids.back());
            EXPECT_EQ(rest.back().score.total, FullLead(14).score.total);
            EXPECT_TRUE(rest.back().score.breakdown.empty());  // scans leave it out
        }
        LB_ASSIGN_OR_RETURN(const auto scanned,
                            tx.ListLeadTouchpointsAfter(ws_, TouchpointId(0), 10));
        EXPECT_EQ(scanned.size(), 2U);
        if (scanned.size() == 2) {
            EXPECT_EQ(scanned[0].lead_id, ids[1]);
            EXPECT_EQ(scanned[1].lead_id, ids[3]);
            EXPECT_EQ(scanned[1].url, "https://acme.dk/pricing");
            EXPECT_EQ(scanned[1].occurred_at, At(1'002));
        }
        return Ok();
    }));
}

TEST_P(ScoringContract, ALeadWithoutBreakdownIsTheLeadWithAnEmptyBreakdown) {
    const domain::Lead created = Create(FullLead(20));
    ASSERT_FALSE(created.score.breakdown.empty());
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(domain::Lead full, tx.GetLead(ws_, created.id));
        LB_ASSIGN_OR_RETURN(const domain::Lead light, tx.GetLeadWithoutBreakdown(ws_, created.id));
        EXPECT_FALSE(full.score.breakdown.empty());
        full.score.breakdown.clear();
        ExpectSameLead(light, full);
        EXPECT_EQ(tx.GetLeadWithoutBreakdown(ws_, LeadId(created.id.value + 1000)).error().code,
                  ErrorCode::kNotFound);
        return Ok();
    }));
}

LB_INSTANTIATE_ON_ALL_BACKENDS(ScoringContract);

}  // namespace
}  // namespace lb::storage
