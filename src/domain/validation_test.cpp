#include "domain/validation.hpp"

#include <gtest/gtest.h>

namespace lb::domain {
namespace {

TEST(NormaliseEmail, LowercasesAndTrims) {
    EXPECT_EQ(*NormaliseEmail("  Ann@Example.COM "), "ann@example.com");
}

TEST(NormaliseEmail, RejectsMalformedAddressesNamingTheField) {
    for (const char* text :
         {"ann", "@x.dk", "ann@", "ann@dk", "a@b@c.dk", "ann smith@x.dk", "ann@.dk"}) {
        const auto email = NormaliseEmail(text, "line 3: email");
        ASSERT_FALSE(email.has_value()) << text;
        EXPECT_EQ(email.error().field, "line 3: email");
    }
}

TEST(NormaliseDomain, StripsSchemePathAndWww) {
    EXPECT_EQ(*NormaliseDomain("https://www.Acme.dk/about?x=1"), "acme.dk");
    EXPECT_FALSE(NormaliseDomain("localhost").has_value());
}

TEST(CanonicalTouchpointType, EmailOpenedAndClickedAreTheCollectorsNamesAndOthersStay) {
    EXPECT_EQ(CanonicalTouchpointType("email_opened"), "email_open");
    EXPECT_EQ(CanonicalTouchpointType("email_clicked"), "email_click");
    EXPECT_EQ(CanonicalTouchpointType("email_click"), "email_click");
    EXPECT_EQ(CanonicalTouchpointType("email_sent"), "email_sent");
    EXPECT_EQ(CanonicalTouchpointType("demo_booked"), "demo_booked");
}

TEST(FreeMail, RecognisesPublicMailboxProviders) {
    EXPECT_TRUE(IsFreeMailDomain("gmail.com"));
    EXPECT_FALSE(IsFreeMailDomain("acme.dk"));
}

TEST(ValidateLead, NeedsSomethingToRecogniseTheLeadBy) {
    const Lead lead;
    EXPECT_EQ(ValidateLead(lead).error().field, "email");
}

TEST(ValidateLead, RejectsOutOfRangeValuesNamingTheField) {
    Lead lead;
    lead.external_id = "x1";
    lead.probability = 4;
    EXPECT_EQ(ValidateLead(lead).error().field, "probability");
    lead.probability = 2;
    lead.stage = "closed";
    EXPECT_EQ(ValidateLead(lead).error().field, "stage");
    lead.stage = "mql";
    lead.expected_month = "2027-13";
    EXPECT_EQ(ValidateLead(lead).error().field, "expected_month");
    lead.expected_month = "2027-03";
    EXPECT_TRUE(ValidateLead(lead).has_value());
}

TEST(ValidateCompany, RejectsCountryNamesInsteadOfCodes) {
    Company company;
    company.name = "Acme";
    company.country = "Denmark";
    EXPECT_EQ(ValidateCompany(company, "company.").error().field, "company.country");
}

}  // namespace
}  // namespace lb::domain
