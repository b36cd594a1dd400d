// Properties of the engine on random populations: ScoreAll (any thread count) and ExplainLead
// agree on every lead, and an explanation's items add up to the score it explains.
#include <algorithm>
#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "scoring/engine.hpp"

namespace lb::scoring {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

Rule MakeRule(std::string id, Category category, double points, decltype(Rule::when) when) {
    Rule rule;
    rule.id = std::move(id);
    rule.category = category;
    rule.points = points;
    rule.when = std::move(when);
    return rule;
}

Rule Engagement(std::string id,
                double points,
                TouchMatch match,
                Aggregation aggregation,
                int within_days,
                int at_least,
                std::optional<double> cap,
                std::optional<double> half_life) {
    Rule rule =
        MakeRule(std::move(id),
                 Category::kEngagement,
                 points,
                 BehaviourCondition{{std::move(match)}, aggregation, at_least, within_days});
    rule.cap = cap;
    rule.half_life_days = half_life;
    return rule;
}

Model RandomishModel() {
    Model model;
    model.key = "random";
    model.fit_weight = 0.4;
    model.rules = {
        MakeRule("senior",
                 Category::kFit,
                 20,
                 FitCondition{"title", FitOp::kKeywords, {"ceo", "director"}, {}, {}}),
        MakeRule("size",
                 Category::kFit,
                 15,
                 FitCondition{"company.employees", FitOp::kBetween, {}, 50.0, 500.0}),
        MakeRule("free", Category::kFit, -10, FitCondition{"email", FitOp::kFreeMail, {}, {}, {}}),
        MakeRule(
            "dk", Category::kFit, 5, FitCondition{"company.country", FitOp::kIn, {"dk"}, {}, {}}),
        Engagement(
            "pricing", 7, {{"page"}, {}, {"/pricing*"}, ""}, Aggregation::kEach, 0, 1, 25.0, 20.0),
        Engagement("pages", 1.5, {{"page"}, {}, {}, ""}, Aggregation::kEach, 60, 1, 9.0, 7.0),
        Engagement(
            "jobs", -3, {{"page"}, {}, {"/jobs"}, ""}, Aggregation::kEach, 0, 1, 7.0, std::nullopt),
        Engagement("demo",
                   30,
                   {{"track"}, {"demo_booked"}, {}, ""},
                   Aggregation::kRecency,
                   30,
                   1,
                   std::nullopt,
                   15.0),
        Engagement("downloads",
                   12,
                   {{"track"}, {"download"}, {}, ""},
                   Aggregation::kCount,
                   90,
                   2,
                   10.0,
                   30.0),
        Engagement("days",
                   10,
                   {{"page"}, {}, {}, ""},
                   Aggregation::kDistinctDays,
                   14,
                   3,
                   std::nullopt,
                   10.0),
        Engagement("quiet", -15, {}, Aggregation::kInactivity, 45, 1, std::nullopt, std::nullopt),
        Engagement("bot",
                   -8,
                   {{}, {}, {}, "bot"},
                   Aggregation::kRecency,
                   365,
                   1,
                   std::nullopt,
                   std::nullopt),
    };
    return model;
}

Population RandomPopulation(std::uint64_t seed, int leads) {
    std::mt19937_64 rng(seed);
    const auto pick = [&rng](const auto& options) { return options[rng() % options.size()]; };
    const std::vector<std::string> titles = {
        "CEO", "Sales Director", "Assistant", "", "Head of IT"};
    const std::vector<std::string> emails = {"a@gmail.com", "b@acme.dk", "", "c@hotmail.com"};
    const std::vector<std::string> countries = {"DK", "SE", ""};
    const std::vector<std::string> paths = {"/pricing", "/pricing/x", "/jobs", "/", "/cases/a"};
    const std::vector<std::string> names = {"demo_booked", "download", "other"};
    PopulationBuilder builder;
    std::int64_t touch_id = 0;
    for (int lead = 0; lead < leads; ++lead) {
        LeadFacts facts{
            LeadId(lead + 1),
            FromEpochMillis((kNow - static_cast<std::int64_t>(rng() % 200) * 86'400) * 1000),
            {},
            {}};
        facts.text = {
            {"title", pick(titles)}, {"email", pick(emails)}, {"company.country", pick(countries)}};
        if (rng() % 4 != 0)
            facts.numbers.emplace_back("company.employees", static_cast<double>(rng() % 1000));
        const auto row = builder.AddLead(facts);
        for (std::uint64_t touch = 0, count = rng() % 25; touch < count; ++touch) {
            const bool is_page = rng() % 3 != 0;
            const std::string url = is_page ? pick(paths) : "";
            const std::string name = is_page ? "page" : pick(names);
            const std::int64_t at =
                kNow - static_cast<std::int64_t>(rng() % (120 * 86'400)) + 3'600;
            builder.AddTouch(row,
                             {TouchpointId(++touch_id),
                              FromEpochMillis(at * 1000),
                              is_page ? "page" : "track",
                              name,
                              url,
                              rng() % 10 == 0 ? "bot" : ""});
        }
    }
    return std::move(builder).Finish();
}

int Percent(double raw, double max) {
    return static_cast<int>(std::clamp<long>(std::lround(100.0 * raw / max), 0L, 100L));
}

TEST(EngineAgreement, ScoreAllOnAnyThreadCountEqualsExplainLeadOnRandomPopulations) {
    const auto model = CompiledModel::Compile(RandomishModel());
    ASSERT_TRUE(model.has_value()) << model.error().field << ": " << model.error().message;
    for (const std::uint64_t seed : {1U, 2U, 3U}) {
        const Population population = RandomPopulation(seed, 400);
        std::vector<CompactScore> one(population.LeadCount()), three(population.LeadCount());
        ScoreAll(*model, population, FromEpochMillis(kNow * 1000), one, 1);
        ScoreAll(*model, population, FromEpochMillis(kNow * 1000), three, 3);
        for (std::uint32_t row = 0; row < population.LeadCount(); ++row) {
            const auto explained =
                ExplainLead(*model, population, row, FromEpochMillis(kNow * 1000));
            ASSERT_EQ(one[row].total, explained.total) << "seed " << seed << " row " << row;
            ASSERT_EQ(three[row].total, explained.total);
            ASSERT_EQ(one[row].fit, explained.fit);
            ASSERT_EQ(one[row].engagement, explained.engagement);
            ASSERT_EQ(std::string(one[row].grade), explained.grade);
        }
    }
}

TEST(EngineAgreement, ExplanationItemsAddUpToTheScore) {
    const auto model = CompiledModel::Compile(RandomishModel());
    ASSERT_TRUE(model.has_value());
    const Population population = RandomPopulation(9, 400);
    int leads_with_items = 0;
    for (std::uint32_t row = 0; row < population.LeadCount(); ++row) {
        const auto explained = ExplainLead(*model, population, row, FromEpochMillis(kNow * 1000));
        double fit = 0, engagement = 0;
        for (const auto& item : explained.breakdown) {
            EXPECT_NE(item.exact_points, 0) << item.rule;
            (item.category == "fit" ? fit : engagement) += item.exact_points;
        }
        EXPECT_EQ(Percent(fit, model->FitMax()), explained.fit) << "row " << row;
        EXPECT_EQ(Percent(engagement, model->EngagementMax()), explained.engagement)
            << "row " << row;
        leads_with_items += explained.breakdown.empty() ? 0 : 1;
    }
    EXPECT_GT(leads_with_items, 300);
}

}  // namespace
}  // namespace lb::scoring
