// Every validation error of a model document: the path it names and the reason it gives.
#include <string>

#include <gtest/gtest.h>

#include "scoring/model_parser.hpp"

namespace lb::scoring {
namespace {

struct ErrorCase {
    const char* name;
    std::string document;
    std::string field;
    std::string message;  // how the message starts; all of it but for the regex library's words
};

// A model with the rules given as JSON text.
std::string WithRules(const std::string& rules) {
    return R"({"key": "m", "rules": [)" + rules + "]}";
}

// A valid rule in front, so that the rule under test is rules[1].
std::string SecondRule(const std::string& rule) {
    return WithRules(
        R"({"id": "ok", "category": "fit", "points": 1, "when": {"field": "title", "op": "exists"}}, )" +
        rule);
}

std::string FitRule(const std::string& when, const std::string& extra = "") {
    return SecondRule(R"({"id": "r", "category": "fit", "points": 5)" + extra + R"(, "when": )" +
                      when + "}");
}

std::string EngagementRule(const std::string& when, const std::string& extra = "") {
    return SecondRule(R"({"id": "r", "category": "engagement", "points": 5)" + extra +
                      R"(, "when": )" + when + "}");
}

const std::string kPage = R"("touchpoint": {"types": ["page"]})";

// One case per check, in the order ValidateModel and the reader apply them.
const std::vector<ErrorCase> kCases = {
    {"MissingKey", R"({"rules": []})", "key", "key: is required"},
    {"KeyNotSlug",
     R"({"key": "Mein Modell", "rules": []})",
     "key",
     "key: must be a slug: lowercase letters, digits, '-' and '_', starting with a letter or "
     "digit"},
    {"NoRules", R"({"key": "m", "rules": []})", "rules", "rules: needs at least one rule"},
    {"RulesMissing", R"({"key": "m"})", "rules", "rules: is required"},
    {"UnknownTopKey", R"({"key": "m", "rule": []})", "rule", "rule: unknown key"},
    {"FitWeightAboveOne",
     R"({"key": "m", "fit_weight": 1.5, "rules": []})",
     "fit_weight",
     "fit_weight: must be between 0 and 1"},
    {"FitWeightText",
     R"({"key": "m", "fit_weight": "half", "rules": []})",
     "fit_weight",
     "fit_weight: must be a number"},
    {"FitMaxZero", R"({"key": "m", "fit_max": 0, "rules": []})", "fit_max", "fit_max: must be > 0"},
    {"EngagementMaxNegative",
     R"({"key": "m", "engagement_max": -5, "rules": []})",
     "engagement_max",
     "engagement_max: must be > 0"},
    {"EmptyBusinessArea",
     R"({"key": "m", "business_areas": ["radio", ""], "rules": []})",
     "business_areas[1]",
     "business_areas[1]: must not be empty"},
    {"DuplicateBusinessArea",
     R"({"key": "m", "business_areas": ["tv", "tv"], "rules": []})",
     "business_areas[1]",
     "business_areas[1]: duplicate business area 'tv'"},
    {"BusinessAreasNotList",
     R"({"key": "m", "business_areas": "tv", "rules": []})",
     "business_areas",
     "business_areas: must be a list"},
    {"DuplicateJsonKey",
     R"({"key": "m", "rules": [{"id": "a", "points": 1, "points": 2}]})",
     "rules[0].points",
     "rules[0].points: duplicate key"},
    {"DuplicateTopKey", R"({"key": "m", "key": "n", "rules": []})", "key", "key: duplicate key"},
    {"RulesNotList", R"({"key": "m", "rules": {}})", "rules", "rules: must be a list"},
    {"RuleNotObject", WithRules("3"), "rules[0]", "rules[0]: must be an object"},
    {"RuleIdMissing",
     SecondRule(R"({"category": "fit", "points": 1, "when": {}})"),
     "rules[1].id",
     "rules[1].id: is required"},
    {"RuleIdNumber",
     SecondRule(R"({"id": 7, "category": "fit", "points": 1, "when": {}})"),
     "rules[1].id",
     "rules[1].id: must be a string"},
    {"DuplicateRuleId",
     SecondRule(
         R"({"id": "ok", "category": "fit", "points": 1, "when": {"field": "title", "op": "exists"}})"),
     "rules[1].id",
     "rules[1].id: duplicate rule id 'ok' (also rules[0])"},
    {"UnknownCategory",
     SecondRule(R"({"id": "r", "category": "behaviour", "points": 1, "when": {}})"),
     "rules[1].category",
     "rules[1].category: must be fit or engagement"},
    {"PointsMissing",
     SecondRule(R"({"id": "r", "category": "fit", "when": {}})"),
     "rules[1].points",
     "rules[1].points: is required"},
    {"PointsText",
     SecondRule(R"({"id": "r", "category": "fit", "points": "5", "when": {}})"),
     "rules[1].points",
     "rules[1].points: must be a number"},
    {"WhenMissing",
     SecondRule(R"({"id": "r", "category": "fit", "points": 1})"),
     "rules[1].when",
     "rules[1].when: is required"},
    {"WhenNotObject", FitRule("[]"), "rules[1].when", "rules[1].when: must be an object"},
    {"UnknownRuleKey",
     FitRule(R"({"field": "title", "op": "exists"})", R"(, "weight": 2)"),
     "rules[1].weight",
     "rules[1].weight: unknown key"},
    {"UnknownWhenKey",
     FitRule(R"({"field": "title", "opp": "exists"})"),
     "rules[1].when.opp",
     "rules[1].when.opp: unknown key"},
    {"CapZero",
     FitRule(R"({"field": "title", "op": "exists"})", R"(, "cap": 0)"),
     "rules[1].cap",
     "rules[1].cap: must be > 0"},
    {"HalfLifeOnFit",
     FitRule(R"({"field": "title", "op": "exists"})", R"(, "half_life_days": 30)"),
     "rules[1].half_life_days",
     "rules[1].half_life_days: only engagement rules decay"},
    {"HalfLifeZero",
     EngagementRule("{" + kPage + "}", R"(, "half_life_days": 0)"),
     "rules[1].half_life_days",
     "rules[1].half_life_days: must be > 0"},
    {"HalfLifeOnInactivity",
     EngagementRule(R"({"aggregation": "inactivity", "within_days": 90})",
                    R"(, "half_life_days": 30)"),
     "rules[1].half_life_days",
     "rules[1].half_life_days: inactivity rules do not decay (there is no touchpoint to "
     "decay from)"},
    {"FitRuleWithTouchpoint",
     FitRule("{" + kPage + "}"),
     "rules[1].category",
     "rules[1].category: is fit, but the condition looks at touchpoints; a fit rule reads a "
     "field (when.field)"},
    {"EngagementRuleWithField",
     EngagementRule(R"({"field": "title", "op": "exists"})"),
     "rules[1].category",
     "rules[1].category: is engagement, but the condition reads a field; an engagement rule "
     "looks at touchpoints (when.touchpoint)"},
    {"FieldAndTouchpoint",
     FitRule(R"({"field": "title", )" + kPage + "}"),
     "rules[1].when",
     "rules[1].when: names both a field and a touchpoint; a rule reads one"},
    {"FieldMissing",
     FitRule(R"({"op": "exists"})"),
     "rules[1].when.field",
     "rules[1].when.field: is required"},
    {"UnknownField",
     FitRule(R"({"field": "company.size", "op": "exists"})"),
     "rules[1].when.field",
     "rules[1].when.field: unknown field 'company.size' (docs/scoring.md lists the fields)"},
    {"EmptyCustomField",
     FitRule(R"({"field": "custom.", "op": "exists"})"),
     "rules[1].when.field",
     "rules[1].when.field: unknown field 'custom.' (docs/scoring.md lists the fields)"},
    {"OpMissing",
     FitRule(R"({"field": "title"})"),
     "rules[1].when.op",
     "rules[1].when.op: is required"},
    {"UnknownOp",
     FitRule(R"({"field": "title", "op": "like", "value": "x"})"),
     "rules[1].when.op",
     "rules[1].when.op: unknown operator 'like' (one of equals, not_equals, in, not_in, "
     "contains, prefix, suffix, regex, between, exists, missing, free_mail, domain_in, "
     "keywords)"},
    {"EqualsWithoutValue",
     FitRule(R"({"field": "title", "op": "equals"})"),
     "rules[1].when.values",
     "rules[1].when.values: equals needs exactly one value"},
    {"EqualsWithTwoValues",
     FitRule(R"({"field": "title", "op": "equals", "values": ["a", "b"]})"),
     "rules[1].when.values",
     "rules[1].when.values: equals needs exactly one value"},
    {"InWithoutValues",
     FitRule(R"({"field": "company.country", "op": "in", "values": []})"),
     "rules[1].when.values",
     "rules[1].when.values: in needs at least one value"},
    {"KeywordsWithoutValues",
     FitRule(R"({"field": "title", "op": "keywords"})"),
     "rules[1].when.values",
     "rules[1].when.values: keywords needs at least one value"},
    {"ExistsWithValue",
     FitRule(R"({"field": "title", "op": "exists", "value": "x"})"),
     "rules[1].when.values",
     "rules[1].when.values: exists takes no values"},
    {"BetweenWithValues",
     FitRule(R"({"field": "company.employees", "op": "between", "values": [1, 2]})"),
     "rules[1].when.values",
     "rules[1].when.values: between takes no values (use min and max)"},
    {"EmptyValue",
     FitRule(R"({"field": "title", "op": "in", "values": ["ceo", ""]})"),
     "rules[1].when.values[1]",
     "rules[1].when.values[1]: must not be empty"},
    {"ValueBoolean",
     FitRule(R"({"field": "title", "op": "in", "values": ["ceo", true]})"),
     "rules[1].when.values[1]",
     "rules[1].when.values[1]: must be a string or a number"},
    {"ValueAndValues",
     FitRule(R"({"field": "title", "op": "in", "value": "a", "values": ["b"]})"),
     "rules[1].when.value",
     "rules[1].when.value: give either value or values, not both"},
    {"ValuesNotList",
     FitRule(R"({"field": "title", "op": "in", "values": "ceo"})"),
     "rules[1].when.values",
     "rules[1].when.values: must be a list"},
    {"BadRegex",
     FitRule(R"({"field": "title", "op": "regex", "value": "(ceo"})"),
     "rules[1].when.values[0]",
     "rules[1].when.values[0]: invalid regular expression: "},
    {"BetweenWithoutBounds",
     FitRule(R"({"field": "company.employees", "op": "between"})"),
     "rules[1].when",
     "rules[1].when: between needs min, max or both"},
    {"BetweenMinAboveMax",
     FitRule(R"({"field": "company.employees", "op": "between", "min": 50, "max": 10})"),
     "rules[1].when.max",
     "rules[1].when.max: must be >= min"},
    {"BetweenOnTextField",
     FitRule(R"({"field": "title", "op": "between", "min": 1})"),
     "rules[1].when.field",
     "rules[1].when.field: between needs a number field (probability, company.employees, "
     "company.annual_revenue or custom.<name>)"},
    {"MinOnOtherOp",
     FitRule(R"({"field": "title", "op": "exists", "min": 1})"),
     "rules[1].when.min",
     "rules[1].when.min: only between takes min and max"},
    {"MinText",
     FitRule(R"({"field": "company.employees", "op": "between", "min": "fifty"})"),
     "rules[1].when.min",
     "rules[1].when.min: must be a number"},
    {"FreeMailOnTitle",
     FitRule(R"({"field": "title", "op": "free_mail"})"),
     "rules[1].when.field",
     "rules[1].when.field: free_mail reads the e-mail domain: field must be email"},
    {"UnknownTouchpointKey",
     EngagementRule(R"({"touchpoint": {"url": ["/pricing"]}})"),
     "rules[1].when.touchpoint.url",
     "rules[1].when.touchpoint.url: unknown key"},
    {"TouchpointNotObject",
     EngagementRule(R"({"touchpoint": "page"})"),
     "rules[1].when.touchpoint",
     "rules[1].when.touchpoint: must be an object"},
    {"TouchpointListOfStrings",
     EngagementRule(R"({"touchpoint": ["page"]})"),
     "rules[1].when.touchpoint[0]",
     "rules[1].when.touchpoint[0]: must be an object"},
    {"TouchpointEmptyList",
     EngagementRule(R"({"touchpoint": []})"),
     "rules[1].when.touchpoint",
     "rules[1].when.touchpoint: must name at least one match (an object, or a list of them)"},
    {"TouchpointListItemBadType",
     EngagementRule(R"({"touchpoint": [{"names": ["demo_booked"]}, {"types": [1]}]})"),
     "rules[1].when.touchpoint[1].types[0]",
     "rules[1].when.touchpoint[1].types[0]: must be a string"},
    {"TouchpointListItemEmpty",
     EngagementRule(R"({"touchpoint": [{"names": ["demo_booked"]}, {}]})"),
     "rules[1].when.touchpoint[1]",
     "rules[1].when.touchpoint[1]: is required: name types, names, urls or filtered (only "
     "inactivity may look at every touchpoint)"},
    {"TypesNotStrings",
     EngagementRule(R"({"touchpoint": {"types": [1]}})"),
     "rules[1].when.touchpoint.types[0]",
     "rules[1].when.touchpoint.types[0]: must be a string"},
    {"EmptyName",
     EngagementRule(R"({"touchpoint": {"names": [""]}})"),
     "rules[1].when.touchpoint.names[0]",
     "rules[1].when.touchpoint.names[0]: must not be empty"},
    {"EmptyGlob",
     EngagementRule(R"({"touchpoint": {"urls": ["/pricing", ""]}})"),
     "rules[1].when.touchpoint.urls[1]",
     "rules[1].when.touchpoint.urls[1]: must not be empty"},
    {"RelativeGlob",
     EngagementRule(R"({"touchpoint": {"urls": ["pricing*"]}})"),
     "rules[1].when.touchpoint.urls[0]",
     "rules[1].when.touchpoint.urls[0]: must start with / or * (a pattern over the URL's "
     "path, e.g. /pricing*)"},
    {"UnknownFilter",
     EngagementRule(R"({"touchpoint": {"filtered": "robot"}})"),
     "rules[1].when.touchpoint.filtered",
     "rules[1].when.touchpoint.filtered: must be bot, spam or any"},
    {"EmptyTouchpoint",
     EngagementRule(R"({"touchpoint": {}})"),
     "rules[1].when.touchpoint",
     "rules[1].when.touchpoint: is required: name types, names, urls or filtered (only "
     "inactivity may look at every touchpoint)"},
    {"UnknownAggregation",
     EngagementRule("{" + kPage + R"(, "aggregation": "sum"})"),
     "rules[1].when.aggregation",
     "rules[1].when.aggregation: unknown aggregation 'sum' (one of each, count, "
     "distinct_days, recency, inactivity)"},
    {"AtLeastZero",
     EngagementRule("{" + kPage + R"(, "aggregation": "count", "at_least": 0})"),
     "rules[1].when.at_least",
     "rules[1].when.at_least: must be >= 1"},
    {"AtLeastOnEach",
     EngagementRule("{" + kPage + R"(, "at_least": 3})"),
     "rules[1].when.at_least",
     "rules[1].when.at_least: only count and distinct_days take at_least, not each"},
    {"AtLeastFraction",
     EngagementRule("{" + kPage + R"(, "aggregation": "count", "at_least": 2.5})"),
     "rules[1].when.at_least",
     "rules[1].when.at_least: must be an integer"},
    {"WithinDaysNegative",
     EngagementRule("{" + kPage + R"(, "within_days": -1})"),
     "rules[1].when.within_days",
     "rules[1].when.within_days: must be >= 0 (0: all time)"},
    {"WithinDaysHuge",
     EngagementRule("{" + kPage + R"(, "within_days": 3000000000})"),
     "rules[1].when.within_days",
     "rules[1].when.within_days: must be an integer"},
    {"RecencyWithoutWindow",
     EngagementRule("{" + kPage + R"(, "aggregation": "recency"})"),
     "rules[1].when.within_days",
     "rules[1].when.within_days: must be > 0 for recency"},
    {"InactivityWithoutWindow",
     EngagementRule(R"({"aggregation": "inactivity"})"),
     "rules[1].when.within_days",
     "rules[1].when.within_days: must be > 0 for inactivity"},
};

class ModelValidation : public testing::TestWithParam<ErrorCase> {};

TEST_P(ModelValidation, NamesThePathAndTheReason) {
    const ErrorCase& error_case = GetParam();
    const auto model = ParseModelJson(error_case.document);
    ASSERT_FALSE(model.has_value()) << error_case.document;
    EXPECT_EQ(model.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(model.error().field, error_case.field);
    EXPECT_EQ(model.error().message.substr(0, error_case.message.size()), error_case.message);
}

INSTANTIATE_TEST_SUITE_P(Errors,
                         ModelValidation,
                         testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<ErrorCase>& param_info) {
                             return std::string(param_info.param.name);
                         });

}  // namespace
}  // namespace lb::scoring
