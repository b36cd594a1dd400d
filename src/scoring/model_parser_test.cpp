// Tests of scoring/model_parser.hpp: JSON round trips, the list format, shorthands and defaults.
#include "scoring/model_parser.hpp"

#include <string>

#include <gtest/gtest.h>

#include "scoring/detail/model_test_models.hpp"

namespace lb::scoring {
namespace {

using testing_models::EveryFeature;

// The example of the issue: fit on size and title, engagement on pricing visits and bots.
constexpr std::string_view kExample = R"({
  "key": "default", "name": "Default B2B model", "business_areas": [], "fit_weight": 0.5,
  "fit_max": 60, "engagement_max": 80,
  "rules": [
    {"id": "size-50-plus", "name": "50+ employees", "category": "fit", "points": 15,
     "when": {"field": "company.employees", "op": "between", "min": 50}},
    {"id": "senior-title", "category": "fit", "points": 10,
     "when": {"field": "title", "op": "keywords", "values": ["ceo", "director", "head"]}},
    {"id": "pricing-visits", "category": "engagement", "points": 10, "cap": 30, "half_life_days": 30,
     "when": {"touchpoint": {"types": ["page"], "urls": ["/pricing*"]},
              "aggregation": "count", "at_least": 3, "within_days": 30}},
    {"id": "bot", "category": "engagement", "points": -20,
     "when": {"touchpoint": {"filtered": "bot"}, "aggregation": "recency", "within_days": 365}}
  ]
})";

TEST(ModelParser, ReadsTheExampleDocument) {
    const auto model = ParseModelJson(kExample);
    ASSERT_TRUE(model.has_value()) << model.error().message;
    EXPECT_EQ(model->key, "default");
    EXPECT_EQ(model->fit_max, 60);
    ASSERT_EQ(model->rules.size(), 4U);
    EXPECT_EQ(model->rules[1].name, "senior-title");  // the name defaults to the id
    const auto& size = std::get<FitCondition>(model->rules[0].when);
    EXPECT_EQ(size.op, FitOp::kBetween);
    EXPECT_EQ(size.min, 50);
    EXPECT_FALSE(size.max.has_value());
    const auto& pricing = std::get<BehaviourCondition>(model->rules[2].when);
    EXPECT_EQ(pricing.matches.front().url_patterns, std::vector<std::string>{"/pricing*"});
    EXPECT_EQ(pricing.aggregation, Aggregation::kCount);
    EXPECT_EQ(pricing.at_least, 3);
    EXPECT_EQ(model->rules[2].half_life_days, 30);
    EXPECT_EQ(std::get<BehaviourCondition>(model->rules[3].when).matches.front().filtered, "bot");
}

TEST(ModelParser, JsonRoundTripIsExact) {
    const Model model = EveryFeature();
    ASSERT_TRUE(ValidateModel(model).has_value()) << ValidateModel(model).error().message;
    const auto again = ParseModelJson(WriteModelJson(model));
    ASSERT_TRUE(again.has_value()) << again.error().message;
    EXPECT_EQ(*again, model);
}

TEST(ModelParser, WritingLeavesAbsentOptionalFieldsOut) {
    const auto model = ParseModelJson(kExample);
    ASSERT_TRUE(model.has_value());
    const std::string json = WriteModelJson(*model);
    EXPECT_EQ(json.find("\"cap\""), json.find("\"cap\": 30"));
    EXPECT_EQ(json.find("\"max\""), std::string::npos);
    EXPECT_EQ(json.find("\"name\": \"senior-title\""), std::string::npos);
    EXPECT_NE(json.find("\"points\": 15,"), std::string::npos);  // whole numbers stay whole
    const auto again = ParseModelJson(json);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(*again, *model);
}

TEST(ModelParser, ValueShorthandAndNumbersBecomeTextValues) {
    const auto model = ParseModelJson(R"({"key": "m", "rules": [
        {"id": "de", "category": "fit", "points": 5,
         "when": {"field": "company.country", "op": "equals", "value": "DE"}},
        {"id": "p", "category": "fit", "points": 5,
         "when": {"field": "probability", "op": "in", "values": [1, "2", 2.5]}}]})");
    ASSERT_TRUE(model.has_value()) << model.error().message;
    EXPECT_EQ(std::get<FitCondition>(model->rules[0].when).values, std::vector<std::string>{"DE"});
    EXPECT_EQ(std::get<FitCondition>(model->rules[1].when).values,
              (std::vector<std::string>{"1", "2", "2.5"}));
    EXPECT_NE(WriteModelJson(*model).find(R"("values": [)"), std::string::npos);
    EXPECT_EQ(WriteModelJson(*model).find(R"("value":)"), std::string::npos);
}

// The API's activity names for e-mail opens and clicks are stored as the /collect types, so a
// rule that names them matches those touchpoints (domain::CanonicalTouchpointType).
TEST(ModelParser, EmailOpenedAndClickedInARuleMatchTheStoredTypes) {
    const auto model = ParseModelJson(R"({"key": "m", "rules": [
        {"id": "e", "category": "engagement", "points": 5,
         "when": {"touchpoint": {"types": ["email_opened", "email_clicked", "call"]}}}]})");
    ASSERT_TRUE(model.has_value()) << model.error().message;
    EXPECT_EQ(std::get<BehaviourCondition>(model->rules[0].when).matches.front().types,
              (std::vector<std::string>{"email_open", "email_click", "call"}));
}

// A demo booked on the site (event name) or logged by sales (type): a list of matches, any of
// which selects a touchpoint; it is written back as a list, a single match as an object.
TEST(ModelParser, ATouchpointListIsReadAndWrittenAsAlternatives) {
    const auto model = ParseModelJson(R"({"key": "m", "rules": [
        {"id": "demo", "category": "engagement", "points": 30,
         "when": {"touchpoint": [{"names": ["demo_booked"]}, {"types": ["demo_booked"]}],
                  "aggregation": "recency", "within_days": 365}},
        {"id": "one", "category": "engagement", "points": 1,
         "when": {"touchpoint": [{"types": ["call"]}]}}]})");
    ASSERT_TRUE(model.has_value()) << model.error().message;
    const auto& demo = std::get<BehaviourCondition>(model->rules[0].when);
    ASSERT_EQ(demo.matches.size(), 2U);
    EXPECT_EQ(demo.matches[0].names, std::vector<std::string>{"demo_booked"});
    EXPECT_EQ(demo.matches[1].types, std::vector<std::string>{"demo_booked"});
    const std::string json = WriteModelJson(*model);
    const auto again = ParseModelJson(json);
    ASSERT_TRUE(again.has_value()) << again.error().message;
    EXPECT_EQ(*again, *model);
    EXPECT_NE(json.find(R"("touchpoint": [)"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("touchpoint": {
          "types": [
            "call")"),
              std::string::npos)
        << json;
}

TEST(ModelParser, DefaultsFillWhatTheDocumentLeavesOut) {
    const auto model = ParseModelJson(R"({"key": "m", "rules": [
        {"id": "any", "category": "engagement", "points": 1,
         "when": {"touchpoint": {"types": ["page"]}}},
        {"id": "idle", "category": "engagement", "points": -5,
         "when": {"aggregation": "inactivity", "within_days": 90}}]})");
    ASSERT_TRUE(model.has_value()) << model.error().message;
    EXPECT_EQ(model->name, "m");
    EXPECT_EQ(model->fit_weight, 0.5);
    EXPECT_FALSE(model->fit_max.has_value());
    const auto& any = std::get<BehaviourCondition>(model->rules[0].when);
    EXPECT_EQ(any.aggregation, Aggregation::kEach);
    EXPECT_EQ(any.at_least, 1);
    EXPECT_EQ(any.within_days, 0);
    EXPECT_EQ(any.matches.front().filtered, "");
    EXPECT_EQ(std::get<BehaviourCondition>(model->rules[1].when).matches,
              std::vector<TouchMatch>{TouchMatch{}});
}

TEST(ModelParser, MalformedJsonNamesTheByteOffset) {
    const auto model = ParseModelJson(R"({"key": "m",, "rules": []})");
    ASSERT_FALSE(model.has_value());
    EXPECT_EQ(model.error().message.rfind("malformed JSON at byte 13: ", 0), 0U)
        << model.error().message;
}

TEST(ModelParser, TopLevelMustBeAnObject) {
    const auto model = ParseModelJson("[1]");
    ASSERT_FALSE(model.has_value());
    EXPECT_EQ(model.error().message, "a model must be an object");
}

TEST(ModelList, RoundTripIsExact) {
    Model second = EveryFeature();
    second.key = "second";
    const std::vector<Model> models{EveryFeature(), second};
    const auto again = ParseModelListJson(WriteModelListJson(models));
    ASSERT_TRUE(again.has_value()) << again.error().message;
    EXPECT_EQ(*again, models);
    EXPECT_EQ(WriteModelListJson({}), "[]");
}

TEST(ModelList, RejectsDuplicateKeysNamingTheLaterOne) {
    const std::string model = R"({"key": "KEY", "rules": [{"id": "r", "category": "fit",
        "points": 1, "when": {"field": "title", "op": "exists"}}]})";
    auto with_key = [&](const std::string& key) {
        std::string text = model;
        text.replace(text.find("KEY"), 3, key);
        return text;
    };
    const auto list =
        ParseModelListJson("[" + with_key("a") + "," + with_key("b") + "," + with_key("a") + "]");
    ASSERT_FALSE(list.has_value());
    EXPECT_EQ(list.error().field, "[2].key");
    EXPECT_EQ(list.error().message, "[2].key: duplicate model key 'a' (also [0])");
}

TEST(ModelList, ErrorsInsideAModelNameItsIndex) {
    const auto list = ParseModelListJson(R"([{"key": "a", "rules": [{"id": "r", "category": "fit",
        "points": 1, "when": {"field": "title", "op": "exists", "min": 1}}]}, {"key": 1}])");
    ASSERT_FALSE(list.has_value());
    EXPECT_EQ(list.error().field, "[0].rules[0].when.min");
    EXPECT_EQ(list.error().message, "[0].rules[0].when.min: only between takes min and max");
    const auto repeated =
        ParseModelListJson(R"([{"key": "a", "rules": []}, {"key": "b", "key": "c"}])");
    ASSERT_FALSE(repeated.has_value());
    EXPECT_EQ(repeated.error().message, "[1].key: duplicate key");
    const auto not_object = ParseModelListJson(R"([3])");
    ASSERT_FALSE(not_object.has_value());
    EXPECT_EQ(not_object.error().message, "[0]: must be an object");
    const auto not_list = ParseModelListJson(R"({})");
    ASSERT_FALSE(not_list.has_value());
    EXPECT_EQ(not_list.error().message, "a model list must be a JSON array");
}

TEST(DefaultModel, IsValidAndUsesDecayCapsAndNegativeRules) {
    const Model model = DefaultModel();
    ASSERT_TRUE(ValidateModel(model).has_value()) << ValidateModel(model).error().message;
    EXPECT_GE(model.rules.size(), 25U);
    EXPECT_LE(model.rules.size(), 35U);
    EXPECT_TRUE(model.fit_max.has_value());
    EXPECT_TRUE(model.engagement_max.has_value());
    std::size_t decaying = 0, capped = 0, negative = 0;
    for (const Rule& rule : model.rules) {
        decaying += rule.half_life_days.has_value() ? 1U : 0U;
        capped += rule.cap.has_value() ? 1U : 0U;
        negative += rule.points < 0 ? 1U : 0U;
    }
    EXPECT_GE(decaying, 5U);
    EXPECT_GE(capped, 5U);
    EXPECT_GE(negative, 5U);
}

TEST(DefaultModel, SurvivesJsonAndYaml) {
    const auto from_json = ParseModelJson(WriteModelJson(DefaultModel()));
    ASSERT_TRUE(from_json.has_value()) << from_json.error().message;
    EXPECT_EQ(*from_json, DefaultModel());
    const auto from_yaml = ParseModelYaml(WriteModelYaml(DefaultModel()));
    ASSERT_TRUE(from_yaml.has_value()) << from_yaml.error().message;
    EXPECT_EQ(*from_yaml, DefaultModel());
}

// Every cut of a valid document is either still a valid model or an error; none crashes (the
// tests run under ASan and UBSan).
TEST(ModelParser, TruncatedDocumentsFailCleanly) {
    const std::string json = WriteModelJson(DefaultModel());
    const std::string yaml = WriteModelYaml(DefaultModel());
    // About 40 cuts each: a parse takes tens of milliseconds in the sanitizer build.
    for (std::size_t length = 0; length < json.size(); length += json.size() / 40) {
        const auto model = ParseModelJson(std::string_view(json).substr(0, length));
        if (!model) {
            EXPECT_EQ(model.error().code, ErrorCode::kInvalidArgument);
        }
    }
    for (std::size_t length = 0; length < yaml.size(); length += yaml.size() / 40) {
        const auto model = ParseModelYaml(std::string_view(yaml).substr(0, length));
        if (!model) {
            EXPECT_FALSE(model.error().message.empty());
        }
    }
}

}  // namespace
}  // namespace lb::scoring
