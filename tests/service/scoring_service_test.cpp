// Scores kept current by the ScoringService on both stores: hand-computed scores with decay at
// injected times, the MQL threshold crossed in both directions, scoring on lead changes and on
// queued touchpoint changes, model validation, and previews of draft models.
#include "service/scoring_service.hpp"

#include <chrono>
#include <optional>

#include "scoring/model_parser.hpp"
#include "service_fixture.hpp"

namespace lb::service::testing {
namespace {

using domain::Update;
using std::chrono::hours;

// fit: "director" in the title gives 40 of 40 points; engagement: every /pricing page view gives
// 30 points halving every 10 days, capped at 60 of 60. total = fit / 2 + engagement / 2.
constexpr std::string_view kModel = R"({
  "key": "test", "fit_weight": 0.5, "fit_max": 40, "engagement_max": 60,
  "rules": [
    {"id": "director", "category": "fit", "points": 40,
     "when": {"field": "title", "op": "keywords", "values": ["director"]}},
    {"id": "pricing", "category": "engagement", "points": 30, "cap": 60, "half_life_days": 10,
     "when": {"touchpoint": {"types": ["page"], "urls": ["/pricing*"]}}}
  ]})";

class ScoringServiceTest : public ServiceTest {
protected:
    void SetUp() override {
        ServiceTest::SetUp();
        if (IsSkipped()) return;
        scoring_ = std::make_unique<ScoringService>(*services_);
        services_->SetScoreHook(scoring_.get());
        auto model = scoring::ParseModelJson(kModel);
        ASSERT_TRUE(model.has_value()) << model.error().field << ": " << model.error().message;
        ASSERT_TRUE(scoring_->ReplaceModels(admin_, {*model}).has_value());
    }
    void TearDown() override { scoring_.reset(); }

    LeadView Director(const std::string& email, const std::string& stage = "lead") {
        domain::LeadInput input = LeadWithEmail(email);
        input.title = Update<std::string>::Set("Marketing Director");
        input.stage = Update<std::string>::Set(stage);
        auto lead = services_->CreateLead(admin_, input);
        EXPECT_TRUE(lead.has_value()) << lead.error().message;
        return *lead;
    }

    // Stores a page view of `url` for `lead` now; rescores the lead in the same transaction
    // unless `rescore` is false (the worker's path).
    void ViewPricing(LeadId lead,
                     const std::string& url = "https://acme.dk/pricing",
                     bool rescore = true) {
        domain::Touchpoint page;
        page.workspace_id = workspace_.id;
        page.lead_id = lead;
        page.anonymous_id = "visitor";
        page.type = "page";
        page.url = url;
        page.occurred_at = clock_.Now();
        const std::vector<domain::Touchpoint> pages = {page};
        ASSERT_TRUE(services_->Store()
                        .Write([&](storage::Transaction& tx) -> Status {
                            LB_TRY(tx.AppendTouchpoints(pages));
                            if (!rescore) return Ok();
                            return scoring_->LeadChanged(tx, workspace_.id, lead, "test");
                        })
                        .has_value());
    }

    domain::Lead Stored(LeadId id) {
        auto view = services_->GetLead(admin_, id);
        EXPECT_TRUE(view.has_value());
        return view->lead;
    }

    std::vector<std::string> HistoryKinds(LeadId id) {
        std::vector<std::string> kinds;
        const auto history = services_->GetLeadHistory(admin_, id);
        EXPECT_TRUE(history.has_value());
        if (!history) return kinds;
        for (const auto& entry : *history) kinds.push_back(entry.kind);
        return kinds;
    }

    std::unique_ptr<ScoringService> scoring_;
};

TEST_P(ScoringServiceTest, ACreatedLeadIsScoredInTheSameRequest) {
    const LeadView lead = Director("ann@acme.dk");
    EXPECT_EQ(lead.lead.score.fit, 100);
    EXPECT_EQ(lead.lead.score.engagement, 0);
    EXPECT_EQ(lead.lead.score.total, 50);
    EXPECT_EQ(lead.lead.score.grade, "A4");
    ASSERT_EQ(lead.lead.score.breakdown.size(), 1U);
    EXPECT_EQ(lead.lead.score.breakdown[0].rule, "director");
    EXPECT_EQ(lead.lead.score.breakdown[0].points, 40);
}

TEST_P(ScoringServiceTest, EngagementCrossesTheThresholdAndDecayDropsBelowItAgain) {
    const LeadId id = Director("ann@acme.dk").lead.id;
    ViewPricing(id);  // engagement 30/60 -> 50; total 75 >= 65
    domain::Lead lead = Stored(id);
    EXPECT_EQ(lead.score.engagement, 50);
    EXPECT_EQ(lead.score.total, 75);
    EXPECT_EQ(lead.stage, "mql");
    EXPECT_EQ(HistoryKinds(id),
              (std::vector<std::string>{"created", "score.threshold_crossed", "stage"}));

    clock_.Advance(hours(24 * 20));  // two half-lives: 30 -> 7.5 points -> engagement 13
    const auto summary = scoring_->RescoreWorkspace(workspace_.id, "decay");
    ASSERT_TRUE(summary.has_value());
    EXPECT_EQ(summary->dropped, 1);
    lead = Stored(id);
    EXPECT_EQ(lead.score.engagement, 13);
    EXPECT_EQ(lead.score.total, 57);  // round(50 + 6.5)
    EXPECT_EQ(lead.stage, "mql");     // falling back does not move the stage
    EXPECT_EQ(HistoryKinds(id).back(), "score.threshold_dropped");
    const auto pricing = std::find_if(lead.score.breakdown.begin(),
                                      lead.score.breakdown.end(),
                                      [](const auto& item) { return item.rule == "pricing"; });
    ASSERT_NE(pricing, lead.score.breakdown.end());
    EXPECT_DOUBLE_EQ(pricing->decay, 0.25);
    EXPECT_NEAR(pricing->exact_points, 7.5, 1e-9);
    EXPECT_TRUE(pricing->touchpoint_id.IsSet());

    const auto history = scoring_->GetScoreHistory(admin_, id);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->size(), 3U);
    EXPECT_EQ((*history)[0].total, 50);
    EXPECT_EQ((*history)[1].total, 75);
    EXPECT_EQ((*history)[2].total, 57);
    EXPECT_EQ((*history)[2].cause, "decay");
    EXPECT_EQ((*history)[2].model_key, "test");
}

TEST_P(ScoringServiceTest, CapsLimitRepeatedEngagement) {
    const LeadId id = Director("ann@acme.dk").lead.id;
    for (int view = 0; view < 4; ++view) ViewPricing(id);  // 4 x 30 capped at 60
    EXPECT_EQ(Stored(id).score.engagement, 100);
    EXPECT_EQ(Stored(id).score.total, 100);
}

TEST_P(ScoringServiceTest, QueuedLeadsAreRescoredByTheWorker) {
    const LeadId id = Director("ann@acme.dk").lead.id;
    scoring_->Start();
    ViewPricing(id, "https://acme.dk/pricing/enterprise", /*rescore=*/false);
    EXPECT_EQ(Stored(id).score.total, 50);  // not yet: only the worker rescores it
    const std::vector<LeadId> changed = {id};
    scoring_->Enqueue(workspace_.id, changed);
    scoring_->WaitIdle();
    EXPECT_EQ(Stored(id).score.total, 75);
    scoring_->Stop();
}

// A full rescore reads a snapshot, then writes. A lead edited in between was scored by its own
// edit from newer data; the rescore must not put the snapshot's older score back.
TEST_P(ScoringServiceTest, AnEditDuringAFullRescoreKeepsTheScoreOfTheEditedLead) {
    const LeadId id = Director("ann@acme.dk").lead.id;  // 50 under kModel
    std::optional<LeadView> edited;
    scoring_->SetAfterSnapshotForTesting([&] {
        if (edited) return;  // once
        clock_.Advance(hours(1));
        auto view = services_->UpdateLead(admin_, id, [] {
            domain::LeadInput patch;
            patch.title = Update<std::string>::Set("Marketing Intern");
            return patch;
        }());
        ASSERT_TRUE(view.has_value()) << view.error().message;
        edited = *view;
    });
    // Interns fit, directors no longer do: the snapshot scores the director 0.
    auto interns = scoring::ParseModelJson(R"({
      "key": "test", "fit_weight": 0.5, "fit_max": 40, "engagement_max": 60,
      "rules": [{"id": "intern", "category": "fit", "points": 40,
                 "when": {"field": "title", "op": "keywords", "values": ["intern"]}}]})");
    ASSERT_TRUE(interns.has_value()) << interns.error().message;
    ASSERT_TRUE(scoring_->ReplaceModels(admin_, {*interns}).has_value());
    ASSERT_TRUE(edited.has_value());
    EXPECT_EQ(edited->lead.score.total, 50);  // the edit scored the intern with the new model
    const domain::Lead stored = Stored(id);
    EXPECT_EQ(stored.title, "Marketing Intern");
    EXPECT_EQ(stored.score.total, 50);
    ASSERT_EQ(stored.score.breakdown.size(), 1U);
    EXPECT_EQ(stored.score.breakdown[0].rule, "intern");
}

TEST_P(ScoringServiceTest, InvalidModelsAreRejectedNamingTheModelAndRule) {
    auto model = scoring::ParseModelJson(kModel);
    ASSERT_TRUE(model.has_value());
    const auto twice = scoring_->ReplaceModels(admin_, {*model, *model});
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(twice.error().field, "[1].key");
    model->rules[1].half_life_days = -1;
    const auto bad = scoring_->PutModel(admin_, *model);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().field, "[0].rules[1].half_life_days");
    EXPECT_EQ(scoring_->ListModels(admin_)->front().rules[1].half_life_days, 10.0);
}

TEST_P(ScoringServiceTest, SalesMayReadButNotChangeModels) {
    const Principal sales = UserPrincipal(domain::Role::kSales, "sally@demo.dk");
    EXPECT_TRUE(scoring_->ListModels(sales).has_value());
    const auto put = scoring_->PutModel(sales, scoring_->ListModels(sales)->front());
    ASSERT_FALSE(put.has_value());
    EXPECT_EQ(put.error().code, ErrorCode::kPermissionDenied);
}

TEST_P(ScoringServiceTest, PreviewScoresCurrentLeadsWithTheDraftWithoutSavingIt) {
    Director("won@acme.dk", "won");
    const LeadId lost = services_->CreateLead(admin_, LeadWithEmail("lost@acme.dk"))->lead.id;
    ASSERT_TRUE(services_->UpdateLead(admin_, lost, [] {
        domain::LeadInput patch;
        patch.stage = Update<std::string>::Set("lost");
        return patch;
    }()));
    Director("open@acme.dk");
    auto draft = scoring::ParseModelJson(kModel);
    ASSERT_TRUE(draft.has_value());
    draft->fit_weight = 1.0;  // fit only: directors 100, others 0
    const auto report = scoring_->Preview(admin_, *draft);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(report->leads, 3);
    EXPECT_EQ(report->threshold, 65);
    EXPECT_EQ(report->above_threshold, 2);
    EXPECT_EQ(report->above_threshold_now, 0);
    EXPECT_EQ(report->would_cross, 2);
    EXPECT_EQ(report->won, 1);
    EXPECT_EQ(report->lost, 1);
    ASSERT_TRUE(report->auc.has_value());
    EXPECT_DOUBLE_EQ(*report->auc, 1.0);
    ASSERT_EQ(report->bands.size(), 10U);
    EXPECT_EQ(report->bands[9].leads, 2);
    EXPECT_EQ(report->bands[0].leads, 1);
    EXPECT_EQ(scoring_->ListModels(admin_)->front().fit_weight, 0.5);  // nothing saved
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ScoringServiceTest,
                         ::testing::ValuesIn(lb::testing::AllTestBackends()),
                         lb::testing::TestBackendName);

}  // namespace
}  // namespace lb::service::testing
