#include "service_fixture.hpp"

namespace lb::service::testing {

void ServiceTest::SetUp() {
    LB_SKIP_UNLESS_BACKEND(GetParam());
    auto opened = lb::testing::OpenTestStore(GetParam());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    test_store_.emplace(std::move(*opened));
    services_ = std::make_unique<Services>(*test_store_->store, clock_);
    auto workspace = services_->EnsureDefaultWorkspace();
    ASSERT_TRUE(workspace.has_value()) << workspace.error().message;
    workspace_ = *workspace;
    admin_ = Principal{workspace_.id, domain::Role::kAdmin, UserId{}, "apikey:test"};
}

Principal ServiceTest::UserPrincipal(domain::Role role, const std::string& email) {
    auto user = services_->CreateUser(workspace_.id, email, "Test User", role, "");
    EXPECT_TRUE(user.has_value()) << user.error().message;
    return Principal{workspace_.id, role, user ? user->id : UserId{}, "user:" + email};
}

domain::LeadInput ServiceTest::LeadWithEmail(const std::string& email) {
    domain::LeadInput input;
    input.email = domain::Update<std::string>::Set(email);
    return input;
}

}  // namespace lb::service::testing
