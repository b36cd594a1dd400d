#include "domain/lead_input.hpp"

#include <gtest/gtest.h>

namespace lb::domain {
namespace {

TEST(ApplyLeadInput, SetsClearsAndLeavesFieldsAsAsked) {
    Lead lead;
    lead.first_name = "Ann";
    lead.title = "CEO";
    LeadInput input;
    input.email = Update<std::string>::Set(" Ann@Acme.DK ");
    input.title = Update<std::string>::Clear();
    input.rating = Update<std::string>::Set("Hot");
    input.probability = Update<std::int64_t>::Set(1);
    ASSERT_TRUE(ApplyLeadInput(lead, input).has_value());
    EXPECT_EQ(lead.email, "ann@acme.dk");
    EXPECT_EQ(lead.first_name, "Ann");
    EXPECT_EQ(lead.title, "");
    EXPECT_EQ(lead.rating, Rating::kHot);
    EXPECT_EQ(lead.probability, 1);
}

TEST(ApplyLeadInput, NamesTheBadFieldWithThePrefix) {
    Lead lead;
    lead.external_id = "x";
    LeadInput input;
    input.horizon = Update<std::string>::Set("soon");
    const auto applied = ApplyLeadInput(lead, input, "line 4: ");
    ASSERT_FALSE(applied.has_value());
    EXPECT_EQ(applied.error().field, "line 4: horizon");
    EXPECT_NE(applied.error().message.find("now, later"), std::string::npos);
}

TEST(ApplyLeadInput, RemovesCustomFieldsGivenAsNull) {
    Lead lead;
    lead.external_id = "x";
    lead.custom_fields = {{"a", "1"}, {"b", "2"}};
    LeadInput input;
    input.custom_fields = {{"a", std::nullopt}, {"c", "3"}};
    ASSERT_TRUE(ApplyLeadInput(lead, input).has_value());
    EXPECT_EQ(lead.custom_fields, (std::map<std::string, std::string>{{"b", "2"}, {"c", "3"}}));
}

TEST(ApplyLeadInput, RefusesToClearTheStage) {
    Lead lead;
    lead.external_id = "x";
    LeadInput input;
    input.stage = Update<std::string>::Clear();
    EXPECT_EQ(ApplyLeadInput(lead, input).error().field, "stage");
}

TEST(ApplyCompanyInput, NormalisesDomainAndCountryCodeAndRejectsCountryNames) {
    Company company;
    CompanyInput input;
    input.name = Update<std::string>::Set("Acme");
    input.domain = Update<std::string>::Set("https://www.ACME.dk/");
    ASSERT_TRUE(ApplyCompanyInput(company, input).has_value());
    EXPECT_EQ(company.domain, "acme.dk");
    input.country = Update<std::string>::Set("dk");
    ASSERT_TRUE(ApplyCompanyInput(company, input).has_value());
    EXPECT_EQ(company.country, "DK");
    input.country = Update<std::string>::Set("Denmark");
    EXPECT_EQ(ApplyCompanyInput(company, input).error().field, "company.country");
}

}  // namespace
}  // namespace lb::domain
