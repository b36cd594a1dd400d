// Scoring over HTTP: models as JSON and YAML, rule errors naming their path, previews, rescoring,
// scores with their explanation on leads, score history and roles.
#include "api_fixture.hpp"

namespace lb::testing {
namespace {

using nlohmann::json;

constexpr const char* kModel = R"({
  "key": "titles", "fit_weight": 1, "fit_max": 40,
  "rules": [
    {"id": "director", "category": "fit", "points": 40,
     "when": {"field": "title", "op": "keywords", "values": ["director"]}}
  ]})";

class ScoringApi : public ApiTest {
protected:
    HttpReply PutModel(const std::string& body, const std::string& content_type) {
        Headers headers = Bearer(admin_key_);
        headers["Content-Type"] = content_type;
        return Fetch(Port(), "PUT", "/api/v1/scoring/models/titles", body, headers);
    }
};

TEST_P(ScoringApi, ANewWorkspaceHasTheDefaultModel) {
    const HttpReply models = Call("GET", "/api/v1/scoring/models");
    ASSERT_EQ(models.status, 200u) << models.body;
    ASSERT_EQ(models.Json()["items"].size(), 1u);
    EXPECT_EQ(models.Json()["items"][0]["key"], "default");
    EXPECT_GE(models.Json()["items"][0]["rules"].size(), 20u);
}

TEST_P(ScoringApi, ReplacingModelsRescoresLeadsAndExplainsTheirScores) {
    const json lead = CreateLead({{"email", "ann@acme.dk"}, {"title", "Sales Director"}});
    const HttpReply replaced =
        Call("PUT", "/api/v1/scoring/models", std::string(R"({"items": [)") + kModel + "]}");
    ASSERT_EQ(replaced.status, 200u) << replaced.body;
    EXPECT_EQ(replaced.Json()["rescore"]["leads"], 1);
    EXPECT_EQ(replaced.Json()["rescore"]["changed"], 1);
    EXPECT_EQ(replaced.Json()["rescore"]["crossed_threshold"], 1);

    const json scored =
        Call("GET", "/api/v1/leads/" + std::to_string(lead["id"].get<int>())).Json();
    EXPECT_EQ(scored["score"]["total"], 100);
    EXPECT_EQ(scored["score"]["grade"], "A4");
    EXPECT_EQ(scored["stage"], "mql");
    ASSERT_EQ(scored["score"]["breakdown"].size(), 1u);
    const json item = scored["score"]["breakdown"][0];
    EXPECT_EQ(item["rule"], "director");
    EXPECT_EQ(item["points"], 40);
    EXPECT_EQ(item["category"], "fit");
    EXPECT_TRUE(item["touchpoint_id"].is_null());

    const HttpReply history =
        Call("GET", "/api/v1/leads/" + std::to_string(lead["id"].get<int>()) + "/score-history");
    ASSERT_EQ(history.status, 200u) << history.body;
    ASSERT_FALSE(history.Json()["items"].empty());
    EXPECT_EQ(history.Json()["items"].back()["total"], 100);
    EXPECT_EQ(history.Json()["items"].back()["model"], "titles");
    EXPECT_EQ(history.Json()["items"].back()["cause"], "model");
}

TEST_P(ScoringApi, OneModelRoundTripsAsYaml) {
    ASSERT_EQ(PutModel(kModel, "application/json").status, 200u);
    const HttpReply yaml = Call("GET", "/api/v1/scoring/models/titles?format=yaml");
    ASSERT_EQ(yaml.status, 200u) << yaml.body;
    EXPECT_NE(yaml.Header("content-type").find("yaml"), std::string::npos);
    EXPECT_NE(yaml.body.find("director"), std::string::npos);
    const HttpReply again = PutModel(yaml.body, "application/yaml");
    ASSERT_EQ(again.status, 200u) << again.body;
    EXPECT_EQ(again.Json()["model"], Call("GET", "/api/v1/scoring/models/titles").Json());
}

TEST_P(ScoringApi, RuleErrorsNameTheirPathAndChangeNothing) {
    std::string bad = kModel;
    bad.replace(bad.find("keywords"), 8, "kewords");
    ExpectError(PutModel(bad, "application/json"), 400, "invalid_argument", "rules[0].when.op");
    ExpectError(PutModel("key: titles\nrules:\n  - id: x\n    category: fit\n    points: [\n",
                         "application/yaml"),
                400,
                "invalid_argument",
                "");
    ExpectError(Call("PUT", "/api/v1/scoring/models", R"({"items": [{"key": "a", "rules": [
        {"id": "r", "category": "engagement", "points": 5,
         "when": {"touchpoint": {"types": ["page"]}, "aggregation": "recency", "within_days": 0}}]}]})"),
                400,
                "invalid_argument",
                "items[0].rules[0].when.within_days");
    const HttpReply models = Call("GET", "/api/v1/scoring/models");
    ASSERT_EQ(models.Json()["items"].size(), 1u);
    EXPECT_EQ(models.Json()["items"][0]["key"], "default");
}

TEST_P(ScoringApi, TheLastModelCannotBeDeleted) {
    ExpectError(Call("DELETE", "/api/v1/scoring/models/default"), 409, "conflict", "");
    ExpectError(Call("DELETE", "/api/v1/scoring/models/nope"), 404, "not_found", "");
}

TEST_P(ScoringApi, PreviewReportsTheDraftWithoutSavingIt) {
    CreateLead({{"email", "won@acme.dk"}, {"title", "IT Director"}, {"stage", "won"}});
    CreateLead({{"email", "lost@acme.dk"}, {"title", "Student"}, {"stage", "lost"}});
    const HttpReply preview = Call("POST", "/api/v1/scoring/preview", kModel);
    ASSERT_EQ(preview.status, 200u) << preview.body;
    const json report = preview.Json();
    EXPECT_EQ(report["leads"], 2);
    EXPECT_EQ(report["won"], 1);
    EXPECT_EQ(report["lost"], 1);
    EXPECT_DOUBLE_EQ(report["auc"].get<double>(), 1.0);
    EXPECT_EQ(report["above_threshold"], 1);
    EXPECT_EQ(report["bands"].size(), 10u);
    EXPECT_EQ(Call("GET", "/api/v1/scoring/models").Json()["items"][0]["key"], "default");
}

TEST_P(ScoringApi, SalesReadModelsButMayNotChangeOrPreviewThem) {
    EXPECT_EQ(Call("GET", "/api/v1/scoring/models", {}, sales_key_).status, 200u);
    ExpectError(Call("PUT", "/api/v1/scoring/models/titles", kModel, sales_key_),
                403,
                "permission_denied",
                "");
    ExpectError(
        Call("POST", "/api/v1/scoring/preview", kModel, sales_key_), 403, "permission_denied", "");
    ExpectError(
        Call("POST", "/api/v1/scoring/rescore", {}, sales_key_), 403, "permission_denied", "");
    const HttpReply rescore = Call("POST", "/api/v1/scoring/rescore", {}, marketing_key_);
    EXPECT_EQ(rescore.status, 200u) << rescore.body;
}

TEST_P(ScoringApi, CollectedEventsRescoreTheLeadTheyBelongTo) {
    constexpr const char* kPricingModel = R"({"items": [{
      "key": "pages", "fit_weight": 0, "engagement_max": 20,
      "rules": [{"id": "pricing", "category": "engagement", "points": 10,
                 "when": {"touchpoint": {"types": ["page"], "urls": ["/pricing*"]}}}]}]})";
    ASSERT_EQ(Call("PUT", "/api/v1/scoring/models", kPricingModel).status, 200u);
    scoring_->Start();
    const std::string now = FormatIso8601(clock_.Now());
    const json page = {{"type", "page"},
                       {"anonymousId", "v9"},
                       {"timestamp", now},
                       {"context", {{"page", {{"url", "https://acme.dk/pricing?plan=pro"}}}}}};
    const json identify = {
        {"type", "identify"}, {"anonymousId", "v9"}, {"userId", "bo@acme.dk"}, {"timestamp", now}};
    const json body = {{"writeKey", workspace_.tracking_key}, {"batch", {page, identify}}};
    ASSERT_EQ(Fetch(Port(), "POST", "/collect", body.dump()).status, 200u);
    scoring_->WaitIdle();

    const HttpReply leads = Call("GET", "/api/v1/leads?q=bo@acme.dk");
    ASSERT_EQ(leads.Json()["items"].size(), 1u) << leads.body;
    const json lead = leads.Json()["items"][0];
    EXPECT_EQ(lead["score"]["engagement"], 50);  // 10 of 20 points: the anonymous page view
    EXPECT_EQ(lead["score"]["total"], 50);
    ASSERT_EQ(lead["score"]["breakdown"].size(), 1u);
    EXPECT_FALSE(lead["score"]["breakdown"][0]["touchpoint_id"].is_null());
    scoring_->Stop();
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ScoringApi,
                         ::testing::ValuesIn(AllTestBackends()),
                         TestBackendName);

}  // namespace
}  // namespace lb::testing
