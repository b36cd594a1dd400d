// YAML model files: reading, writing (exact round trip), errors with lines, and the default model
// file the docs show.
#include "scoring/detail/model_yaml.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "scoring/detail/model_test_models.hpp"
#include "scoring/model_parser.hpp"

namespace lb::scoring {
namespace {

constexpr std::string_view kExampleYaml = R"(# A model as marketing writes it.
key: default
name: Default B2B model
fit_max: 60
engagement_max: 80
rules:
  - id: size-50-plus
    name: 50+ employees
    category: fit
    points: 15
    when: {field: company.employees, op: between, min: 50}
  - id: senior-title
    category: fit
    points: 10
    when:
      field: title
      op: keywords
      values: [ceo, director, head]
  - id: pricing-visits
    category: engagement
    points: 10
    cap: 30
    half_life_days: 30
    when:
      touchpoint:
        types: [page]
        urls: ["/pricing*"]
      aggregation: count
      at_least: 3
      within_days: 30
  - id: bot
    category: engagement
    points: -20
    when:
      touchpoint: {filtered: bot}
      aggregation: recency
      within_days: 365
)";

TEST(ModelYaml, ReadsTheSameModelAsJson) {
    const auto from_yaml = ParseModelYaml(kExampleYaml);
    ASSERT_TRUE(from_yaml.has_value()) << from_yaml.error().message;
    const auto from_json = ParseModelJson(WriteModelJson(*from_yaml));
    ASSERT_TRUE(from_json.has_value());
    EXPECT_EQ(*from_json, *from_yaml);
    EXPECT_EQ(from_yaml->rules[0].name, "50+ employees");
    EXPECT_EQ(std::get<FitCondition>(from_yaml->rules[0].when).min, 50);
    EXPECT_EQ(std::get<BehaviourCondition>(from_yaml->rules[2].when).at_least, 3);
    EXPECT_EQ(from_yaml->rules[3].points, -20);
}

TEST(ModelYaml, RoundTripIsExact) {
    const Model model = testing_models::EveryFeature();
    const std::string yaml = WriteModelYaml(model);
    const auto again = ParseModelYaml(yaml);
    ASSERT_TRUE(again.has_value()) << again.error().message << "\n" << yaml;
    EXPECT_EQ(*again, model) << yaml;
}

TEST(ModelYaml, QuotesTextThatWouldReadAsSomethingElse) {
    Model model = testing_models::EveryFeature();
    const std::vector<std::string> tricky{
        "true", "123",   "-20",          "1e5",        "null",        "~",     "yes",
        "Off",  "*",     "a: b",         "#tag",       "x #y",        " lead", "[x]",
        "{x}",  "it's",  "zwei\nZeilen", "\"quoted\"", "back\\slash", "Größe", "-",
        "? x",  "@home", "%x",           "!x",         "&x",          "|",     ">"};
    std::get<FitCondition>(model.rules[2].when).values = tricky;
    model.rules[0].name = "- dash: colon, comma [bracket]";
    model.name = "key: value";
    const std::string yaml = WriteModelYaml(model);
    const auto again = ParseModelYaml(yaml);
    ASSERT_TRUE(again.has_value()) << again.error().message << "\n" << yaml;
    EXPECT_EQ(*again, model) << yaml;
}

TEST(ModelYaml, WritesPlainReadableText) {
    const auto model = ParseModelYaml(kExampleYaml);
    ASSERT_TRUE(model.has_value());
    const std::string yaml = WriteModelYaml(*model);
    EXPECT_NE(yaml.find("\nrules:\n  - id: size-50-plus\n    name: 50+ employees\n"),
              std::string::npos)
        << yaml;
    EXPECT_NE(yaml.find("      values: [ceo, director, head]\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("        urls: [/pricing*]\n"), std::string::npos) << yaml;
    EXPECT_NE(yaml.find("business_areas: []\n"), std::string::npos) << yaml;
}

struct YamlErrorCase {
    const char* name;
    std::string yaml;
    std::string field;
    std::string message;
};

class ModelYamlErrors : public testing::TestWithParam<YamlErrorCase> {};

TEST_P(ModelYamlErrors, NameTheLineAndThePath) {
    const auto model = ParseModelYaml(GetParam().yaml);
    ASSERT_FALSE(model.has_value());
    EXPECT_EQ(model.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(model.error().field, GetParam().field);
    EXPECT_EQ(model.error().message, GetParam().message);
}

const std::string kRuleHead = "key: m\nrules:\n  - id: r\n    category: fit\n";

INSTANTIATE_TEST_SUITE_P(
    Cases,
    ModelYamlErrors,
    testing::Values(
        YamlErrorCase{"UnknownKey",
                      kRuleHead + "    points: 5\n    when:\n      field: title\n      opp: x\n",
                      "rules[0].when.opp",
                      "line 8: rules[0].when.opp: unknown key"},
        YamlErrorCase{"QuotedNumber",
                      kRuleHead + "    points: \"5\"\n    when: {}\n",
                      "rules[0].points",
                      "line 5: rules[0].points: must be a number"},
        YamlErrorCase{"MissingKeyPointsToParent",
                      kRuleHead + "    when: {field: title}\n",
                      "rules[0].points",
                      "line 3: rules[0].points: is required"},
        YamlErrorCase{"NumberOutOfRange",
                      kRuleHead + "    points: 1e400\n    when: {field: title, op: exists}\n",
                      "rules[0].points",
                      "line 5: rules[0].points: must be a number"},
        YamlErrorCase{"DuplicateKey",
                      kRuleHead + "    points: 5\n    points: 6\n",
                      "rules[0].points",
                      "line 6: rules[0].points: duplicate key"},
        YamlErrorCase{"Malformed",
                      "key: m\nrules: [1, 2\nname: x\n",
                      "",
                      "malformed YAML at line 3, column 5: end of sequence flow not found"},
        YamlErrorCase{"NotAMapping", "- a\n- b\n", "", "line 1: a model must be an object"}),
    [](const testing::TestParamInfo<YamlErrorCase>& param_info) {
        return std::string(param_info.param.name);
    });

TEST(ModelYaml, RegexErrorsNameTheLineOfTheValue) {
    const auto model = ParseModelYaml(
        "key: m\nrules:\n  - id: r\n    category: fit\n    points: 5\n    when:\n"
        "      field: title\n      op: regex\n      values:\n        - \"(\"\n");
    ASSERT_FALSE(model.has_value());
    EXPECT_EQ(model.error().message.rfind(
                  "line 10: rules[0].when.values[0]: invalid regular expression: ", 0),
              0U)
        << model.error().message;
}

TEST(ModelYaml, AliasesThatExplodeAreRefused) {
    std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level < 8; ++level) {
        const std::string prev = "*a" + std::to_string(level - 1);
        yaml += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [" + prev + ", " +
                prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " + prev + ", " +
                prev + ", " + prev + ", " + prev + "]\n";
    }
    const auto model = ParseModelYaml(yaml);
    ASSERT_FALSE(model.has_value());
    EXPECT_NE(model.error().message.find("expands to more than"), std::string::npos)
        << model.error().message;
}

TEST(ModelYaml, DefaultModelFileInDocsIsCurrent) {
    const std::string path =
        std::string(LB_PROJECT_SOURCE_DIR) + "/docs/scoring/default-model.yaml";
    std::ifstream file(path, std::ios::binary);
    ASSERT_TRUE(file.good()) << "missing " << path
                             << "; write it from WriteModelYaml(DefaultModel())";
    std::stringstream content;
    content << file.rdbuf();
    EXPECT_EQ(content.str(), WriteModelYaml(DefaultModel()))
        << path << " differs from WriteModelYaml(DefaultModel()); regenerate it";
}

}  // namespace
}  // namespace lb::scoring
