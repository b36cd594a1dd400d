// Runs every tests/golden/scoring/*.case: a JSON document with models, "now", leads (fields and
// touchpoints) and each lead's expected fit, engagement, total, grade and breakdown. The format is
// described in tests/golden/scoring/README.md.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scoring/engine.hpp"
#include "scoring/model_parser.hpp"

namespace lb::scoring {
namespace {

using Json = nlohmann::json;

std::vector<std::string> CaseFiles() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(LB_GOLDEN_SCORING_DIR)) {
        if (entry.path().extension() == ".case") files.push_back(entry.path().stem().string());
    }
    std::ranges::sort(files);
    return files;
}

Json ReadCase(const std::string& name) {
    std::ifstream in(std::filesystem::path(LB_GOLDEN_SCORING_DIR) / (name + ".case"));
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}

Timestamp TimeOf(const Json& value, std::string_view what) {
    auto parsed = ParseIso8601(value.get<std::string>());
    if (!parsed) throw std::runtime_error(std::string(what) + ": " + parsed.error().message);
    return *parsed;
}

std::vector<CompiledModel> CompileModels(const Json& document) {
    std::vector<CompiledModel> models;
    for (const Json& model_json : document.at("models")) {
        auto model = ParseModelJson(model_json.dump());
        if (!model)
            throw std::runtime_error("model: " + model.error().field + ": " +
                                     model.error().message);
        auto compiled = CompiledModel::Compile(*model);
        if (!compiled) throw std::runtime_error("compile: " + compiled.error().message);
        models.push_back(std::move(*compiled));
    }
    return models;
}

// Every lead's touchpoints keep the strings they point to alive in `document`.
Population BuildPopulation(const Json& document, Timestamp now) {
    PopulationBuilder builder;
    std::int64_t touch_id = 0, lead_idx = 0;
    for (const Json& lead : document.at("leads")) {
        LeadFacts facts{LeadId(lead.value("id", ++lead_idx)),
                        lead.contains("created_at") ? TimeOf(lead["created_at"], "created_at")
                                                    : now - std::chrono::days(365),
                        {},
                        {}};
        const Json fields = lead.value("fields", Json::object());
        for (const auto& [field, value] : fields.items()) {
            if (value.is_number()) facts.numbers.emplace_back(field, value.get<double>());
            if (value.is_string()) facts.text.emplace_back(field, value.get<std::string>());
        }
        const std::uint32_t row = builder.AddLead(facts);
        for (const Json& touch : lead.value("touchpoints", Json::array())) {
            builder.AddTouch(
                row,
                {TouchpointId(touch.value("id", ++touch_id)),
                 TimeOf(touch.at("at"), "touchpoints[].at"),
                 touch.at("type").get_ref<const std::string&>(),
                 touch.contains("name") ? touch["name"].get_ref<const std::string&>() : "",
                 touch.contains("url") ? touch["url"].get_ref<const std::string&>() : "",
                 touch.contains("filtered") ? touch["filtered"].get_ref<const std::string&>()
                                            : ""});
        }
    }
    return std::move(builder).Finish();
}

std::string BreakdownText(const std::vector<domain::ScoreItem>& items) {
    std::string text;
    for (const auto& item : items) {
        text += item.rule + "=" + std::to_string(item.points) + " (" + item.detail + ")\n";
    }
    return text;
}

void CheckLead(const Json& expected,
               const std::vector<CompiledModel>& models,
               const Population& population,
               std::uint32_t row,
               Timestamp now,
               const CompactScore& compact) {
    const CompiledModel* model = ModelFor(models, population, row);
    if (model == nullptr) {
        EXPECT_EQ(expected.value("grade", ""), "") << "no model scores this lead";
        EXPECT_EQ(compact.grade[0], '\0');
        return;
    }
    const domain::LeadScore score = ExplainLead(*model, population, row, now);
    EXPECT_EQ(score.fit, expected.at("fit").get<int>());
    EXPECT_EQ(score.engagement, expected.at("engagement").get<int>());
    EXPECT_EQ(score.total, expected.at("total").get<int>());
    EXPECT_EQ(score.grade, expected.at("grade").get<std::string>());
    EXPECT_EQ(compact.total, score.total) << "ScoreAll and ExplainLead disagree";
    EXPECT_EQ(std::string(compact.grade), score.grade);
    if (expected.contains("model")) {
        EXPECT_EQ(model->Source().key, expected["model"].get<std::string>());
    }
    if (!expected.contains("breakdown")) return;
    std::vector<std::pair<std::string, int>> want, got;
    for (const Json& item : expected["breakdown"])
        want.emplace_back(item.at("rule"), item.at("points"));
    for (const auto& item : score.breakdown) got.emplace_back(item.rule, item.points);
    EXPECT_EQ(got, want) << "breakdown:\n" << BreakdownText(score.breakdown);
}

class ScoringGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ScoringGolden, ScoresMatchTheHandComputedExpectations) {
    const Json document = ReadCase(GetParam());
    const Timestamp now = TimeOf(document.at("now"), "now");
    const std::vector<CompiledModel> models = CompileModels(document);
    const Population population = BuildPopulation(document, now);
    std::vector<CompactScore> compact(population.LeadCount());
    ScoreAll(models, population, now, compact, 2);
    const Json& leads = document.at("leads");
    for (std::uint32_t row = 0; row < population.LeadCount(); ++row) {
        SCOPED_TRACE("lead " + std::to_string(row) + " " + leads[row].value("note", ""));
        CheckLead(leads[row].at("expected"), models, population, row, now, compact[row]);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ScoringGolden, ::testing::ValuesIn(CaseFiles()), [](const auto& test_info) {
        std::string name = test_info.param;
        std::ranges::replace_if(
            name, [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
        return name;
    });

TEST(ScoringGoldenFolder, HoldsCases) {
    EXPECT_GE(CaseFiles().size(), 6U);
}

}  // namespace
}  // namespace lb::scoring
