#include "api_fixture.hpp"

namespace lb::testing {

void ApiTest::SetUp() {
    LB_SKIP_UNLESS_BACKEND(GetParam());
    auto opened = OpenTestStore(GetParam());
    ASSERT_TRUE(opened) << opened.error().message;
    test_store_ = std::move(*opened);
    services_ = std::make_unique<service::Services>(*test_store_->store, clock_);
    auto workspace = services_->EnsureDefaultWorkspace();
    ASSERT_TRUE(workspace) << workspace.error().message;
    workspace_ = *workspace;
    event_writer_ =
        std::make_unique<storage::EventWriter>(*test_store_->store, storage::EventWriterOptions{});
    tracking_ = std::make_unique<service::TrackingService>(*services_, *event_writer_);
    scoring_ = std::make_unique<service::ScoringService>(*services_);
    services_->SetScoreHook(scoring_.get());

    using domain::Role;
    ASSERT_TRUE(
        services_->CreateUser(workspace_.id, kAdminEmail, "Ann", Role::kAdmin, kAdminPassword));
    ASSERT_TRUE(services_->CreateUser(workspace_.id, kSalesEmail, "Sam", Role::kSales, ""));
    ASSERT_TRUE(services_->CreateUser(workspace_.id, kOtherSalesEmail, "Sia", Role::kSales, ""));
    const auto key = [&](Role role, const char* user, std::string& out) {
        auto created = services_->CreateApiKey(workspace_.id, role, "test", user);
        ASSERT_TRUE(created) << created.error().message;
        out = created->secret;
    };
    key(Role::kAdmin, "", admin_key_);
    key(Role::kMarketing, "", marketing_key_);
    key(Role::kSales, kSalesEmail, sales_key_);
    key(Role::kSales, kOtherSalesEmail, other_sales_key_);
    key(Role::kTracking, "", tracking_key_);

    http::HttpOptions options;
    options.port = 0;
    options.threads = 2;
    Configure(options);
    auto server = http::HttpServer::Start(options, *services_, *tracking_, *scoring_);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
}

void ApiTest::TearDown() {
    server_.reset();
    scoring_.reset();
    tracking_.reset();
    event_writer_.reset();
    services_.reset();
    test_store_.reset();
}

const std::string& ApiTest::KeyFor(domain::Role role) const {
    switch (role) {
        case domain::Role::kAdmin:
            return admin_key_;
        case domain::Role::kMarketing:
            return marketing_key_;
        case domain::Role::kSales:
            return sales_key_;
        case domain::Role::kTracking:
            return tracking_key_;
    }
    return admin_key_;
}

Headers ApiTest::Bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}};
}

HttpReply ApiTest::Call(std::string_view method,
                        std::string_view target,
                        std::string body,
                        const std::string& key) {
    return Fetch(Port(), method, target, std::move(body), Bearer(key.empty() ? admin_key_ : key));
}

nlohmann::json ApiTest::CreateLead(const nlohmann::json& body, const std::string& key) {
    const HttpReply reply = Call("POST", "/api/v1/leads", body.dump(), key);
    EXPECT_EQ(reply.status, 201u) << reply.body;
    return reply.Json();
}

void ExpectError(const HttpReply& reply,
                 unsigned status,
                 const std::string& code,
                 const std::string& field) {
    EXPECT_EQ(reply.status, status) << reply.body;
    const nlohmann::json body = reply.Json();
    ASSERT_TRUE(body.is_object() && body.contains("error")) << reply.body;
    EXPECT_EQ(body["error"]["code"], code) << reply.body;
    EXPECT_EQ(body["error"]["field"], field) << reply.body;
    EXPECT_TRUE(body["error"]["message"].is_string()) << reply.body;
}

Result<domain::Lead> ApiTest::SeedDecidedLead(storage::Transaction& tx,
                                              int idx,
                                              Timestamp created_at,
                                              bool* is_typical) {
    const bool is_won = idx % 2 == 0;
    const bool typical = idx % 6 != 1 && idx % 6 != 4;
    if (is_typical != nullptr) *is_typical = typical;
    domain::Company company;
    company.workspace_id = workspace_.id;
    company.name = "Seed " + std::to_string(idx);
    company.industry = (is_won == typical) ? "Media" : "Retail";
    company.created_at = clock_.Now();
    company.updated_at = clock_.Now();
    LB_ASSIGN_OR_RETURN(company, tx.CreateCompany(company));
    domain::Lead lead;
    lead.workspace_id = workspace_.id;
    lead.email = "seed" + std::to_string(idx) + "@example.com";
    lead.company_id = company.id;
    lead.stage = is_won ? "won" : "lost";
    lead.created_at = created_at;
    lead.updated_at = clock_.Now();
    return tx.CreateLead(lead);
}

}  // namespace lb::testing
