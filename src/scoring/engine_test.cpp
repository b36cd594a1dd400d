#include "scoring/engine.hpp"

#include <cmath>
#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

namespace lb::scoring {
namespace {

constexpr std::int64_t kDay = 86'400;
constexpr std::int64_t kNow = 1'800'000'000;  // epoch seconds

Timestamp At(std::int64_t seconds) {
    return FromEpochMillis(seconds * 1000);
}

Rule Fit(
    std::string id, std::string field, FitOp op, std::vector<std::string> values, double points) {
    Rule rule;
    rule.id = std::move(id);
    rule.category = Category::kFit;
    rule.points = points;
    rule.when = FitCondition{std::move(field), op, std::move(values), std::nullopt, std::nullopt};
    return rule;
}

Rule Behaviour(std::string id,
               TouchMatch match,
               Aggregation aggregation,
               double points,
               int within_days = 0,
               int at_least = 1) {
    Rule rule;
    rule.id = std::move(id);
    rule.category = Category::kEngagement;
    rule.points = points;
    rule.when = BehaviourCondition{{std::move(match)}, aggregation, at_least, within_days};
    return rule;
}

CompiledModel Compile(Model model) {
    if (model.key.empty()) model.key = "test";
    auto compiled = CompiledModel::Compile(model);
    if (!compiled) {
        ADD_FAILURE() << compiled.error().field << ": " << compiled.error().message;
        std::abort();
    }
    return std::move(*compiled);
}

struct Touch {
    std::string type, name, url;
    std::int64_t days_ago = 0;
    std::string filtered = "";
};

Population OneLead(std::vector<std::pair<std::string, std::string>> text,
                   std::vector<std::pair<std::string, double>> numbers = {},
                   std::vector<Touch> touches = {},
                   std::int64_t created_days_ago = 400) {
    PopulationBuilder builder;
    const auto row = builder.AddLead(
        {LeadId(1), At(kNow - created_days_ago * kDay), std::move(text), std::move(numbers)});
    std::int64_t id = 0;
    for (const Touch& touch : touches) {
        builder.AddTouch(row,
                         {TouchpointId(++id),
                          At(kNow - touch.days_ago * kDay),
                          touch.type,
                          touch.name,
                          touch.url,
                          touch.filtered});
    }
    return std::move(builder).Finish();
}

struct FitCase {
    std::string name;
    Rule rule;
    Population population;
    bool holds;
};

TEST(Engine, FitOperatorsDecideAsModelHppSays) {
    const auto between = [](std::optional<double> min, std::optional<double> max) {
        Rule rule = Fit("r", "company.employees", FitOp::kBetween, {}, 10);
        std::get<FitCondition>(rule.when).min = min;
        std::get<FitCondition>(rule.when).max = max;
        return rule;
    };
    std::vector<FitCase> cases;
    cases.push_back({"equals ignores case",
                     Fit("r", "title", FitOp::kEquals, {"ceo"}, 10),
                     OneLead({{"title", "CEO"}}),
                     true});
    cases.push_back(
        {"equals unset", Fit("r", "title", FitOp::kEquals, {"ceo"}, 10), OneLead({}), false});
    cases.push_back({"not_equals unset is false",
                     Fit("r", "title", FitOp::kNotEquals, {"ceo"}, 10),
                     OneLead({}),
                     false});
    cases.push_back({"not_equals other",
                     Fit("r", "title", FitOp::kNotEquals, {"ceo"}, 10),
                     OneLead({{"title", "CMO"}}),
                     true});
    cases.push_back({"in",
                     Fit("r", "company.country", FitOp::kIn, {"dk", "se"}, 10),
                     OneLead({{"company.country", "SE"}}),
                     true});
    cases.push_back({"not_in",
                     Fit("r", "company.country", FitOp::kNotIn, {"dk", "se"}, 10),
                     OneLead({{"company.country", "DE"}}),
                     true});
    cases.push_back({"contains",
                     Fit("r", "title", FitOp::kContains, {"market"}, 10),
                     OneLead({{"title", "Head of Marketing"}}),
                     true});
    cases.push_back({"prefix",
                     Fit("r", "company.industry", FitOp::kPrefix, {"58"}, 10),
                     OneLead({{"company.industry", "58.1"}}),
                     true});
    cases.push_back({"suffix",
                     Fit("r", "email", FitOp::kSuffix, {".dk"}, 10),
                     OneLead({{"email", "a@b.DK"}}),
                     true});
    cases.push_back({"regex",
                     Fit("r", "title", FitOp::kRegex, {"^head of"}, 10),
                     OneLead({{"title", "Head of Digital"}}),
                     true});
    cases.push_back({"regex miss",
                     Fit("r", "title", FitOp::kRegex, {"^head of"}, 10),
                     OneLead({{"title", "The Head of"}}),
                     false});
    cases.push_back(
        {"between inside", between(50, 500), OneLead({}, {{"company.employees", 500}}), true});
    cases.push_back(
        {"between outside", between(50, 500), OneLead({}, {{"company.employees", 501}}), false});
    cases.push_back({"between open max",
                     between(50, std::nullopt),
                     OneLead({}, {{"company.employees", 1e6}}),
                     true});
    cases.push_back({"between unset", between(50, 500), OneLead({}), false});
    cases.push_back(
        {"between on numeric text", between(1, 2), OneLead({{"company.employees", "2"}}), true});
    cases.push_back({"exists number",
                     Fit("r", "company.employees", FitOp::kExists, {}, 10),
                     OneLead({}, {{"company.employees", 3}}),
                     true});
    cases.push_back(
        {"exists unset", Fit("r", "phone", FitOp::kExists, {}, 10), OneLead({}), false});
    cases.push_back(
        {"missing unset", Fit("r", "phone", FitOp::kMissing, {}, 10), OneLead({}), true});
    cases.push_back({"missing set",
                     Fit("r", "phone", FitOp::kMissing, {}, 10),
                     OneLead({{"phone", "+45"}}),
                     false});
    cases.push_back({"equals on number",
                     Fit("r", "probability", FitOp::kEquals, {"1"}, 10),
                     OneLead({}, {{"probability", 1}}),
                     true});
    cases.push_back({"free_mail",
                     Fit("r", "email", FitOp::kFreeMail, {}, 10),
                     OneLead({{"email", "x@Gmail.com"}}),
                     true});
    cases.push_back({"free_mail company",
                     Fit("r", "email", FitOp::kFreeMail, {}, 10),
                     OneLead({{"email", "x@acme.com"}}),
                     false});
    cases.push_back({"domain_in parent",
                     Fit("r", "email", FitOp::kDomainIn, {"acme.com"}, 10),
                     OneLead({{"email", "x@eu.acme.com"}}),
                     true});
    cases.push_back({"domain_in lookalike",
                     Fit("r", "email", FitOp::kDomainIn, {"acme.com"}, 10),
                     OneLead({{"email", "x@notacme.com"}}),
                     false});
    cases.push_back({"keywords whole word",
                     Fit("r", "title", FitOp::kKeywords, {"director", "ceo"}, 10),
                     OneLead({{"title", "Sales Director"}}),
                     true});
    cases.push_back({"keywords part of word",
                     Fit("r", "title", FitOp::kKeywords, {"director"}, 10),
                     OneLead({{"title", "Directorate"}}),
                     false});
    for (FitCase& test : cases) {
        Model model;
        model.rules = {test.rule};
        model.fit_max = 10;
        const CompiledModel compiled = Compile(model);
        const auto score = ExplainLead(compiled, test.population, 0, At(kNow));
        EXPECT_EQ(score.fit, test.holds ? 100 : 0) << test.name;
        EXPECT_EQ(score.breakdown.size(), test.holds ? 1U : 0U) << test.name;
    }
}

TEST(Engine, EachDecaysByHalfLifeAndStopsAtTheCap) {
    Model model;
    Rule visits = Behaviour("pricing", {{"page"}, {}, {"/pricing*"}, ""}, Aggregation::kEach, 10);
    visits.half_life_days = 10;
    visits.cap = 12;
    model.rules = {visits};
    model.engagement_max = 20;
    const Population population = OneLead({},
                                          {},
                                          {{"page", "P", "https://x.dk/pricing", 0},
                                           {"page", "P", "/pricing/a", 10},
                                           {"page", "P", "/pricing", 20}});
    const auto score = ExplainLead(Compile(model), population, 0, At(kNow));
    EXPECT_EQ(score.engagement, 60);  // 10 + 5 + 2.5 = 17.5 capped at 12 -> 12/20
    ASSERT_EQ(score.breakdown.size(), 2U);
    EXPECT_EQ(score.breakdown[0].touchpoint_id, TouchpointId(1));  // newest first
    EXPECT_DOUBLE_EQ(score.breakdown[0].exact_points, 10);
    EXPECT_DOUBLE_EQ(score.breakdown[1].exact_points, 2);
    EXPECT_DOUBLE_EQ(score.breakdown[1].decay, 0.5);
    EXPECT_NE(score.breakdown[1].detail.find("cap"), std::string::npos);
    EXPECT_EQ(score.breakdown[0].points + score.breakdown[1].points, 12);
}

TEST(Engine, WindowsCountOnlyRecentMatches) {
    const TouchMatch demo{{"track"}, {"demo_booked"}, {}, ""};
    const std::vector<Touch> touches = {{"track", "demo_booked", "", 1},
                                        {"track", "demo_booked", "", 5},
                                        {"track", "demo_booked", "", 40},
                                        {"page", "demo_booked", "", 2}};
    const auto engagement = [&](Rule rule) {
        Model model;
        model.rules = {std::move(rule)};
        model.engagement_max = 10;
        return ExplainLead(Compile(model), OneLead({}, {}, touches), 0, At(kNow)).engagement;
    };
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kEach, 5, 30)), 100);
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kEach, 1, 30)), 20);
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kCount, 10, 30, 2)), 100);
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kCount, 10, 30, 3)), 0);
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kCount, 10, 0, 3)), 100);
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kDistinctDays, 10, 30, 2)), 100);
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kDistinctDays, 10, 3, 2)), 0);
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kRecency, 10, 2)), 100);
    EXPECT_EQ(engagement(Behaviour("r", demo, Aggregation::kRecency, 10, 1)), 100);
    EXPECT_EQ(engagement(Behaviour("r", {{"call"}, {}, {}, ""}, Aggregation::kRecency, 10, 30)), 0);
}

TEST(Engine, ARuleWithSeveralMatchesCountsATouchpointAnyOfThemSelectsOnce) {
    // A demo booked through the site (event name) or logged by sales (type).
    Rule demo = Behaviour("demo", {{}, {"demo_booked"}, {}, ""}, Aggregation::kEach, 5);
    std::get<BehaviourCondition>(demo.when).matches.push_back({{"demo_booked"}, {}, {}, ""});
    Model model;
    model.rules = {demo};
    model.engagement_max = 100;
    const CompiledModel compiled = Compile(model);
    const auto engagement = [&](std::vector<Touch> touches) {
        return ExplainLead(compiled, OneLead({}, {}, std::move(touches)), 0, At(kNow)).engagement;
    };
    EXPECT_EQ(engagement({{"track", "demo_booked", "", 1}}), 5);
    EXPECT_EQ(engagement({{"demo_booked", "Demo with the CFO", "", 1}}), 5);
    EXPECT_EQ(engagement({{"demo_booked", "demo_booked", "", 1}}), 5);  // both select it: once
    EXPECT_EQ(engagement({{"track", "demo_booked", "", 1}, {"demo_booked", "", "", 2}}), 10);
    EXPECT_EQ(engagement({{"track", "trial_started", "", 1}, {"call", "", "", 2}}), 0);
    const auto score =
        ExplainLead(compiled, OneLead({}, {}, {{"demo_booked", "", "", 1}}), 0, At(kNow));
    ASSERT_EQ(score.breakdown.size(), 1U);
    EXPECT_EQ(score.breakdown[0].rule, "demo");
}

TEST(Engine, InactivityNeedsNoMatchInTheWindowAndAnOldEnoughLead) {
    Model model;
    model.rules = {Behaviour("quiet", {{"page"}, {}, {}, ""}, Aggregation::kInactivity, -10, 30),
                   Behaviour("any", {{"page", "track"}, {}, {}, ""}, Aggregation::kEach, 10)};
    const CompiledModel compiled = Compile(model);
    const auto raw = [&](Population population) {
        const auto score = ExplainLead(compiled, population, 0, At(kNow));
        double sum = 0;
        for (const auto& item : score.breakdown) sum += item.exact_points;
        return sum;
    };
    EXPECT_EQ(raw(OneLead({}, {}, {{"track", "x", "", 40}}, 400)), 0);   // -10 + 10
    EXPECT_EQ(raw(OneLead({}, {}, {{"page", "x", "/", 10}}, 400)), 10);  // a recent page: not quiet
    EXPECT_EQ(raw(OneLead({}, {}, {{"track", "x", "", 5}}, 20)), 10);    // too new to be quiet
}

TEST(Engine, FilteredTouchpointsScoreOnlyForRulesThatAskForThem) {
    const std::vector<Touch> touches = {
        {"page", "a", "/", 1, "bot"}, {"page", "a", "/", 1, "spam"}, {"page", "a", "/", 1, ""}};
    const auto engagement = [&](std::string filtered) {
        Model model;
        model.rules = {
            Behaviour("r", {{"page"}, {}, {}, std::move(filtered)}, Aggregation::kEach, 1)};
        model.engagement_max = 10;
        return ExplainLead(Compile(model), OneLead({}, {}, touches), 0, At(kNow)).engagement;
    };
    EXPECT_EQ(engagement(""), 10);
    EXPECT_EQ(engagement("bot"), 10);
    EXPECT_EQ(engagement("any"), 20);
}

TEST(Engine, DefaultMaximaGradesAndWeightedTotal) {
    Model model;
    Rule seniority = Fit("senior", "title", FitOp::kKeywords, {"ceo"}, 30);
    Rule free = Fit("free", "email", FitOp::kFreeMail, {}, -20);
    Rule size = Fit("size", "company.employees", FitOp::kExists, {}, 10);
    Rule visits = Behaviour("visits", {{"page"}, {}, {}, ""}, Aggregation::kEach, 5);
    visits.cap = 20;
    Rule demo = Behaviour("demo", {{"track"}, {}, {}, ""}, Aggregation::kRecency, 40, 30);
    model.rules = {seniority, free, size, visits, demo};
    model.fit_weight = 0.25;
    const CompiledModel compiled = Compile(model);
    EXPECT_EQ(compiled.FitMax(), 40);
    EXPECT_EQ(compiled.EngagementMax(), 60);
    const auto score = ExplainLead(compiled,
                                   OneLead({{"title", "CEO"}, {"email", "a@gmail.com"}},
                                           {},
                                           {{"page", "x", "/", 0}, {"page", "x", "/", 1}}),
                                   0,
                                   At(kNow));
    EXPECT_EQ(score.fit, 25);         // (30 - 20) / 40
    EXPECT_EQ(score.engagement, 17);  // 10 / 60 = 16.7
    EXPECT_EQ(score.total, 19);       // 0.25 * 25 + 0.75 * 17 = 19
    EXPECT_EQ(score.grade, "C4");
}

TEST(Engine, NegativeTotalsClampToZeroAndNoMaximumMeansZero) {
    Model model;
    model.rules = {Fit("free", "email", FitOp::kFreeMail, {}, -20)};
    const auto score =
        ExplainLead(Compile(model), OneLead({{"email", "a@gmail.com"}}), 0, At(kNow));
    EXPECT_EQ(score.fit, 0);
    EXPECT_EQ(score.engagement, 0);
    EXPECT_EQ(score.grade, "D4");
    ASSERT_EQ(score.breakdown.size(), 1U);
    EXPECT_EQ(score.breakdown[0].points, -20);
}

TEST(Engine, ModelsAreChosenByBusinessAreaThenTheCatchAll) {
    Model tv, general;
    tv.key = "tv";
    tv.business_areas = {"tv"};
    tv.rules = {Fit("t", "title", FitOp::kExists, {}, 10)};
    general.key = "general";
    general.rules = {Fit("g", "title", FitOp::kMissing, {}, 10)};
    std::vector<CompiledModel> models;
    models.push_back(Compile(general));
    models.push_back(Compile(tv));
    PopulationBuilder builder;
    builder.AddLead({LeadId(1), At(0), {{"business_area", "TV"}, {"title", "CEO"}}, {}});
    builder.AddLead({LeadId(2), At(0), {{"business_area", "web"}, {"title", "CEO"}}, {}});
    builder.AddLead({LeadId(3), At(0), {}, {}});
    const Population population = std::move(builder).Finish();
    std::vector<CompactScore> out(3);
    ScoreAll(models, population, At(kNow), out, 2);
    EXPECT_EQ(out[0].fit, 100);  // tv model
    EXPECT_EQ(out[1].fit, 0);    // general model, title set
    EXPECT_EQ(out[2].fit, 100);  // general model
    EXPECT_EQ(ModelFor(models, population, 0), &models[1]);
    EXPECT_EQ(ModelFor(models, population, 1), &models[0]);
    std::vector<CompiledModel> only_tv;
    only_tv.push_back(Compile(tv));
    ScoreAll(only_tv, population, At(kNow), out, 1);
    EXPECT_EQ(out[1].grade[0], '\0');
    EXPECT_EQ(ModelFor(only_tv, population, 2), nullptr);
}

TEST(Engine, CompileRejectsAnInvalidModel) {
    Model model;
    model.key = "bad";
    model.rules = {Fit("r", "title", FitOp::kEquals, {"x"}, 1),
                   Fit("r", "title", FitOp::kEquals, {"y"}, 1)};
    EXPECT_FALSE(CompiledModel::Compile(model).has_value());
}

}  // namespace
}  // namespace lb::scoring
