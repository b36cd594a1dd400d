#include "http/json/lead_json.hpp"

#include <set>

#include <gtest/gtest.h>

#include "http/json/company_json.hpp"

namespace lb::http::json {
namespace {

struct BadBody {
    std::string body;
    std::string field;
    std::string message_part;
};

TEST(LeadJsonInput, RejectsBadBodiesNamingTheField) {
    const BadBody cases[] = {
        {R"({"email": 5})", "email", "email must be a string or null"},
        {R"({"probability": "high"})", "probability", "probability must be an integer"},
        {R"({"probability": 1.5})", "probability", "must be an integer"},
        {R"({"probability": 18446744073709551615})", "probability", "must be an integer"},
        {R"({"do_not_call": "yes"})", "do_not_call", "true, false or null"},
        {R"({"deal_value": "12"})", "deal_value", "a number"},
        {R"({"company": {"employees": "many"}})",
         "company.employees",
         "company.employees must be an integer"},
        {R"({"company": {"name": "A", "ceo": "x"}})", "company.ceo", "unknown field 'company.ceo'"},
        {R"({"company": "Acme"})", "company", "company must be an object"},
        {R"({"company": null})", "company", "cannot be null"},
        {R"({"custom_fields": {"size": 3}})", "custom_fields.size", "must be a string or null"},
        {R"({"custom_fields": []})", "custom_fields", "must be an object"},
        {R"({"score": {"total": 99}})", "score", "unknown field 'score'"},
        {R"({"reason": 1})", "reason", "reason must be a string"},
    };
    for (const BadBody& bad : cases) {
        auto input = ParseLeadInput(bad.body);
        ASSERT_FALSE(input) << bad.body;
        EXPECT_EQ(input.error().code, ErrorCode::kInvalidArgument) << bad.body;
        EXPECT_EQ(input.error().field, bad.field) << bad.body;
        EXPECT_NE(input.error().message.find(bad.message_part), std::string::npos)
            << bad.body << " -> " << input.error().message;
    }
}

TEST(LeadJsonInput, MalformedJsonSaysWhereAndWhy) {
    auto input = ParseLeadInput(R"({"email": "a@b.dk",})");
    ASSERT_FALSE(input);
    EXPECT_EQ(input.error().field, "");
    EXPECT_EQ(input.error().message.rfind("malformed JSON at byte 20: ", 0), 0u)
        << input.error().message;
    EXPECT_EQ(input.error().message.find("json.exception"), std::string::npos);
}

TEST(LeadJsonInput, BodyMustBeAnObject) {
    for (const char* body : {"[]", "\"x\"", "3", "null"}) {
        auto input = ParseLeadInput(body);
        ASSERT_FALSE(input) << body;
        EXPECT_EQ(input.error().code, ErrorCode::kInvalidArgument);
    }
}

TEST(LeadJsonInput, TellsAbsentNullAndValueApart) {
    auto input = ParseLeadInput(
        R"({"email": "Ann@X.dk", "phone": null, "probability": 2, "do_not_email": true,
            "deal_value": 1250.5, "stage": "sql", "reason": "budget approved",
            "custom_fields": {"size": "L", "old": null}, "company": {"name": "X", "domain": null}})");
    ASSERT_TRUE(input) << input.error().message;
    EXPECT_EQ(input->email.Value(), "Ann@X.dk");
    EXPECT_TRUE(input->phone.IsClear());
    EXPECT_FALSE(input->title.IsPresent());
    EXPECT_EQ(input->probability.Value(), 2);
    EXPECT_TRUE(input->do_not_email.Value());
    EXPECT_DOUBLE_EQ(input->deal_value.Value(), 1250.5);
    EXPECT_EQ(input->stage.Value(), "sql");
    EXPECT_EQ(input->stage_reason, "budget approved");
    EXPECT_EQ(input->custom_fields.at("size"), "L");
    EXPECT_FALSE(input->custom_fields.at("old").has_value());
    ASSERT_TRUE(input->company.has_value());
    EXPECT_EQ(input->company->name.Value(), "X");
    EXPECT_TRUE(input->company->domain.IsClear());
}

service::LeadView SampleLead() {
    service::LeadView view;
    view.lead.id = LeadId(7);
    view.lead.email = "ann@x.dk";
    view.lead.rating = domain::Rating::kHot;
    view.lead.potential = domain::Potential::kA;
    view.lead.probability = 1;
    view.lead.stage = "mql";
    view.lead.deal_value = domain::Money{1250050};
    view.lead.score = {72, 80, 60, "B2", {{"title is manager", 15}}};
    view.lead.custom_fields = {{"size", "L"}};
    view.lead.created_at = FromEpochMillis(0);
    view.lead.updated_at = FromEpochMillis(1000);
    domain::Company company;
    company.id = CompanyId(3);
    company.name = "X A/S";
    company.employees = 40;
    view.company = company;
    view.owner_email = "bo@x.dk";
    return view;
}

TEST(LeadJsonOutput, HasExactlyTheFieldsOfTheApi) {
    const Json lead = LeadToJson(SampleLead());
    std::set<std::string> names;
    for (const auto& [name, value] : lead.items()) names.insert(name);
    const std::set<std::string> expected = {
        "id",         "external_id",    "email",         "first_name",
        "last_name",  "title",          "phone",         "company",
        "channel",    "campaign",       "business_area", "rating",
        "horizon",    "expected_month", "potential",     "probability",
        "stage",      "owner",          "do_not_email",  "do_not_call",
        "deal_value", "score",          "custom_fields", "created_at",
        "updated_at", "first_touch",    "latest_touch",  "predicted_conversion"};
    EXPECT_EQ(names, expected);
    EXPECT_TRUE(lead["predicted_conversion"].is_null());
    std::set<std::string> company_names;
    for (const auto& [name, value] : lead["company"].items()) company_names.insert(name);
    EXPECT_EQ(company_names,
              (std::set<std::string>{"id",
                                     "name",
                                     "domain",
                                     "industry",
                                     "employees",
                                     "annual_revenue",
                                     "country",
                                     "customer_status"}));
}

TEST(LeadJsonOutput, PredictedConversionHasProbabilityModelVersionAndTopFeatures) {
    service::LeadView view = SampleLead();
    view.lead.predicted =
        domain::LeadPrediction{.probability = 0.73,
                               .model_version = 2,
                               .top = {{.feature = "company.industry=Media", .log_odds = 0.41}}};
    const Json predicted = LeadToJson(view)["predicted_conversion"];
    EXPECT_DOUBLE_EQ(predicted["probability"].get<double>(), 0.73);
    EXPECT_EQ(predicted["model_version"], 2);
    ASSERT_EQ(predicted["top"].size(), 1U);
    EXPECT_EQ(predicted["top"][0]["feature"], "company.industry=Media");
    EXPECT_DOUBLE_EQ(predicted["top"][0]["log_odds"].get<double>(), 0.41);
}

TEST(LeadJsonOutput, MapsValuesEmptyStringsToNullAndMoneyToMajorUnits) {
    const Json lead = LeadToJson(SampleLead());
    EXPECT_EQ(lead["id"], 7);
    EXPECT_TRUE(lead["first_name"].is_null());
    EXPECT_TRUE(lead["horizon"].is_null());
    EXPECT_EQ(lead["rating"], "hot");
    EXPECT_EQ(lead["potential"], "A");
    EXPECT_EQ(lead["probability"], 1);
    EXPECT_EQ(lead["owner"], "bo@x.dk");
    EXPECT_DOUBLE_EQ(lead["deal_value"].get<double>(), 12500.5);
    EXPECT_EQ(lead["score"]["grade"], "B2");
    EXPECT_EQ(lead["score"]["breakdown"][0]["rule"], "title is manager");
    EXPECT_EQ(lead["score"]["breakdown"][0]["points"], 15);
    EXPECT_EQ(lead["custom_fields"]["size"], "L");
    EXPECT_EQ(lead["created_at"], "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(lead["company"]["customer_status"], "prospect");
    EXPECT_TRUE(lead["company"]["annual_revenue"].is_null());
}

TEST(LeadJsonOutput, NoCompanyAndNoOwnerAreNull) {
    service::LeadView view = SampleLead();
    view.company.reset();
    view.owner_email.clear();
    const Json lead = LeadToJson(view);
    EXPECT_TRUE(lead["company"].is_null());
    EXPECT_TRUE(lead["owner"].is_null());
}

TEST(CompanyJsonInput, RejectsUnknownTopLevelFieldsOfACompanyBody) {
    auto input = ParseCompanyInput(R"({"name": "Acme", "revenue": 5})");
    ASSERT_FALSE(input);
    EXPECT_EQ(input.error().field, "revenue");
}

}  // namespace
}  // namespace lb::http::json
