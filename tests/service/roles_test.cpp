// Each role of API.md may do what it says, and nothing more.
#include "service_fixture.hpp"

namespace lb::service::testing {
namespace {

using domain::Role;
using domain::Update;

class RolesTest : public ServiceTest {};

TEST_P(RolesTest, SalesSeesAndChangesOnlyTheLeadsItOwns) {
    const Principal ann = UserPrincipal(Role::kSales, "ann@seller.dk");
    UserPrincipal(Role::kSales, "bo@seller.dk");
    domain::LeadInput mine = LeadWithEmail("one@acme.dk");
    mine.owner = Update<std::string>::Set("ann@seller.dk");
    domain::LeadInput theirs = LeadWithEmail("two@acme.dk");
    theirs.owner = Update<std::string>::Set("bo@seller.dk");
    const auto my_lead = services_->CreateLead(admin_, mine);
    const auto their_lead = services_->CreateLead(admin_, theirs);
    ASSERT_TRUE(my_lead && their_lead);

    const auto page = services_->ListLeads(ann, {});
    ASSERT_TRUE(page.has_value());
    ASSERT_EQ(page->items.size(), 1U);
    EXPECT_EQ(page->items[0].lead.email, "one@acme.dk");
    EXPECT_EQ(page->items[0].owner_email, "ann@seller.dk");
    EXPECT_EQ(services_->GetLead(ann, their_lead->lead.id).error().code, ErrorCode::kNotFound);
    domain::LeadInput patch;
    patch.stage = Update<std::string>::Set("sal");
    EXPECT_EQ(services_->UpdateLead(ann, their_lead->lead.id, patch).error().code,
              ErrorCode::kNotFound);
    EXPECT_TRUE(services_->UpdateLead(ann, my_lead->lead.id, patch).has_value());
}

TEST_P(RolesTest, SalesCannotReassignLeadsOrListOthersLeads) {
    const Principal ann = UserPrincipal(Role::kSales, "ann@seller.dk");
    UserPrincipal(Role::kSales, "bo@seller.dk");
    LeadQuery query;
    query.owner = "bo@seller.dk";
    EXPECT_EQ(services_->ListLeads(ann, query).error().code, ErrorCode::kPermissionDenied);
    const auto created = services_->CreateLead(ann, LeadWithEmail("new@acme.dk"));
    ASSERT_TRUE(created.has_value());
    EXPECT_EQ(created->owner_email, "ann@seller.dk");
    domain::LeadInput patch;
    patch.owner = Update<std::string>::Set("bo@seller.dk");
    EXPECT_EQ(services_->UpdateLead(ann, created->lead.id, patch).error().code,
              ErrorCode::kPermissionDenied);
}

TEST_P(RolesTest, TrackingKeysMayNotReadOrWriteLeadsOrSettings) {
    const Principal tracking{workspace_.id, Role::kTracking, UserId{}, "apikey:9"};
    EXPECT_EQ(services_->ListLeads(tracking, {}).error().code, ErrorCode::kPermissionDenied);
    EXPECT_EQ(services_->CreateLead(tracking, LeadWithEmail("x@acme.dk")).error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(services_->GetWorkspace(tracking).error().code, ErrorCode::kPermissionDenied);
}

TEST_P(RolesTest, MarketingChangesSettingsButNotUsersOrKeys) {
    const Principal marketing = UserPrincipal(Role::kMarketing, "mia@acme.dk");
    WorkspacePatch patch;
    patch.mql_threshold = Update<std::int64_t>::Set(70);
    const auto updated = services_->UpdateWorkspace(marketing, patch);
    ASSERT_TRUE(updated.has_value());
    EXPECT_EQ(updated->mql_threshold, 70);
    EXPECT_EQ(services_->CreateApiKey(marketing, Role::kAdmin, "x", "").error().code,
              ErrorCode::kPermissionDenied);
    EXPECT_EQ(services_->CreateUser(marketing, "z@acme.dk", "Z", Role::kAdmin, "").error().code,
              ErrorCode::kPermissionDenied);
}

TEST_P(RolesTest, ApiKeysAuthenticateUntilRevokedAndOnlyTheirHashIsStored) {
    const auto created = services_->CreateApiKey(workspace_.id, Role::kMarketing, "script", "");
    ASSERT_TRUE(created.has_value());
    EXPECT_TRUE(created->secret.starts_with("lb_"));
    EXPECT_NE(created->key.secret_hash, created->secret);
    EXPECT_TRUE(created->secret.starts_with(created->key.prefix));
    const auto principal = services_->AuthenticateApiKey(created->secret);
    ASSERT_TRUE(principal.has_value());
    EXPECT_EQ(principal->role, Role::kMarketing);
    ASSERT_TRUE(services_->RevokeApiKey(admin_, created->key.id).has_value());
    EXPECT_EQ(services_->AuthenticateApiKey(created->secret).error().code,
              ErrorCode::kUnauthenticated);
    EXPECT_EQ(services_->AuthenticateApiKey("lb_nonsense").error().code,
              ErrorCode::kUnauthenticated);
}

TEST_P(RolesTest, PasswordSignInGivesASessionThatExpires) {
    ASSERT_TRUE(
        services_->CreateUser(workspace_.id, "ann@acme.dk", "Ann", Role::kSales, "s3cret-pass")
            .has_value());
    EXPECT_EQ(services_->SignInWithPassword("ann@acme.dk", "wrong-pass").error().code,
              ErrorCode::kUnauthenticated);
    const auto sign_in = services_->SignInWithPassword("Ann@Acme.dk", "s3cret-pass");
    ASSERT_TRUE(sign_in.has_value());
    const auto principal = services_->AuthenticateSession(sign_in->token);
    ASSERT_TRUE(principal.has_value());
    EXPECT_EQ(principal->role, Role::kSales);
    clock_.Advance(std::chrono::hours(24 * 8));
    EXPECT_EQ(services_->AuthenticateSession(sign_in->token).error().code,
              ErrorCode::kUnauthenticated);
}

TEST_P(RolesTest, ShortPasswordsAreRefused) {
    const auto user =
        services_->CreateUser(workspace_.id, "ann@acme.dk", "Ann", Role::kSales, "short");
    ASSERT_FALSE(user.has_value());
    EXPECT_EQ(user.error().field, "password");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         RolesTest,
                         ::testing::ValuesIn(lb::testing::AllTestBackends()),
                         lb::testing::TestBackendName);

}  // namespace
}  // namespace lb::service::testing
