// Leads from any source resolve to one lead and one company, with history.
#include "service_fixture.hpp"
#include "tracking/lead_writer.hpp"

namespace lb::service::testing {
namespace {

using domain::Update;

TEST_P(ServiceTest, CreatingALeadWithATakenEmailIsRejectedNamingEmail) {
    ASSERT_TRUE(services_->CreateLead(admin_, LeadWithEmail("ann@acme.dk")).has_value());
    const auto again = services_->CreateLead(admin_, LeadWithEmail("  ANN@acme.dk"));
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
    EXPECT_EQ(again.error().field, "email");
}

TEST_P(ServiceTest, LeadsOfOneEmailDomainShareOneCompany) {
    const auto ann = services_->CreateLead(admin_, LeadWithEmail("ann@acme.dk"));
    const auto bo = services_->CreateLead(admin_, LeadWithEmail("bo@acme.dk"));
    ASSERT_TRUE(ann && bo);
    ASSERT_TRUE(ann->company.has_value());
    EXPECT_EQ(ann->company->domain, "acme.dk");
    EXPECT_EQ(ann->company->id, bo->company->id);
}

TEST_P(ServiceTest, FreeMailLeadsGetNoCompanyFromTheirDomain) {
    const auto lead = services_->CreateLead(admin_, LeadWithEmail("someone@gmail.com"));
    ASSERT_TRUE(lead.has_value());
    EXPECT_FALSE(lead->company.has_value());
}

TEST_P(ServiceTest, UpsertMatchesByExternalIdBeforeEmail) {
    domain::LeadInput first = LeadWithEmail("ann@acme.dk");
    first.external_id = Update<std::string>::Set("crm-1");
    ASSERT_TRUE(services_->CreateLead(admin_, first).has_value());
    domain::LeadInput update;
    update.external_id = Update<std::string>::Set("crm-1");
    update.title = Update<std::string>::Set("CMO");
    tracking::UpsertOptions options;
    options.actor = "test";
    const Status written = test_store_->store->Write([&](storage::Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto outcome,
                            tracking::UpsertLead(tx, workspace_.id, update, clock_.Now(), options));
        EXPECT_FALSE(outcome.is_created);
        EXPECT_EQ(outcome.lead.email, "ann@acme.dk");
        EXPECT_EQ(outcome.lead.title, "CMO");
        return Ok();
    });
    ASSERT_TRUE(written.has_value()) << written.error().message;
}

TEST_P(ServiceTest, StageChangeAppendsHistoryWithReasonAndActor) {
    const auto lead = services_->CreateLead(admin_, LeadWithEmail("ann@acme.dk"));
    ASSERT_TRUE(lead.has_value());
    domain::LeadInput patch;
    patch.stage = Update<std::string>::Set("sql");
    patch.stage_reason = "budget confirmed";
    clock_.Advance(std::chrono::minutes(5));
    ASSERT_TRUE(services_->UpdateLead(admin_, lead->lead.id, patch).has_value());
    const auto history = services_->GetLeadHistory(admin_, lead->lead.id);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->size(), 2U);
    EXPECT_EQ((*history)[0].kind, "created");
    EXPECT_EQ((*history)[1].kind, "stage");
    EXPECT_EQ((*history)[1].from_value, "lead");
    EXPECT_EQ((*history)[1].to_value, "sql");
    EXPECT_EQ((*history)[1].reason, "budget confirmed");
    EXPECT_EQ((*history)[1].actor, "apikey:test");
}

TEST_P(ServiceTest, UnknownChannelIsRejectedListingTheKnownOnes) {
    domain::LeadInput input = LeadWithEmail("ann@acme.dk");
    input.channel = Update<std::string>::Set("tiktok");
    const auto lead = services_->CreateLead(admin_, input);
    ASSERT_FALSE(lead.has_value());
    EXPECT_EQ(lead.error().field, "channel");
    EXPECT_NE(lead.error().message.find("cold-canvassing"), std::string::npos);
    input.channel = Update<std::string>::Set("Cold canvassing");
    const auto by_name = services_->CreateLead(admin_, input);
    ASSERT_TRUE(by_name.has_value()) << by_name.error().message;
    EXPECT_EQ(by_name->lead.channel, "cold-canvassing");
}

TEST_P(ServiceTest, ARejectedUpdateLeavesTheLeadAndCompanyUnchanged) {
    domain::LeadInput input = LeadWithEmail("ann@acme.dk");
    input.title = Update<std::string>::Set("CEO");
    const auto lead = services_->CreateLead(admin_, input);
    ASSERT_TRUE(lead.has_value());
    domain::LeadInput patch;
    patch.title = Update<std::string>::Set("CFO");
    patch.company = domain::CompanyInput{};
    patch.company->name = Update<std::string>::Set("Acme A/S");
    patch.probability = Update<std::int64_t>::Set(7);
    const auto updated = services_->UpdateLead(admin_, lead->lead.id, patch);
    ASSERT_FALSE(updated.has_value());
    EXPECT_EQ(updated.error().field, "probability");
    const auto stored = services_->GetLead(admin_, lead->lead.id);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->lead.title, "CEO");
    EXPECT_EQ(stored->company->name, "acme.dk");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ServiceTest,
                         ::testing::ValuesIn(lb::testing::AllTestBackends()),
                         lb::testing::TestBackendName);

}  // namespace
}  // namespace lb::service::testing
