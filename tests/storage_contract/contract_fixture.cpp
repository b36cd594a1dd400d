#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {

void StoreContract::SetUp() {
    LB_SKIP_UNLESS_BACKEND(GetParam());
    auto opened = testing::OpenTestStore(GetParam());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    test_store_ = std::move(*opened);
    domain::Workspace workspace = MakeWorkspace("Acme Media", "tk_main");
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto created, tx.CreateWorkspace(workspace));
        ws_ = created.id;
        return Ok();
    }));
}

domain::Lead StoreContract::FullLead(int n) const {
    domain::Lead lead;
    lead.workspace_id = ws_;
    lead.external_id = "crm-" + std::to_string(n);
    lead.email = "lead" + std::to_string(n) + "@example.dk";
    lead.first_name = "Søren";
    lead.last_name = "Kierkegård 🚀";
    lead.title = "CMO";
    lead.phone = "+45 12 34 56 78";
    lead.channel = "website";
    lead.campaign = "spring-2026";
    lead.business_area = "radio";
    lead.rating = domain::Rating::kHot;
    lead.horizon = domain::Horizon::kNow;
    lead.expected_month = "2026-05";
    lead.potential = domain::Potential::kA;
    lead.probability = 2;
    lead.stage = "mql";
    lead.do_not_email = true;
    lead.do_not_call = false;
    lead.deal_value = domain::Money{12'500'050};
    lead.score = {.total = 72,
                  .fit = 60,
                  .engagement = 80,
                  .grade = "B2",
                  .breakdown = {{.rule = "visited pricing \"page\"", .points = 15},
                                {.rule = "free-mail", .points = -10}}};
    lead.custom_fields = {{"budget", "100k"}, {"notes", "Ærø ✓"}};
    lead.created_at = At(1'700'000'000'000 + n);
    lead.updated_at = At(1'700'000'100'000 + n);
    return lead;
}

domain::Workspace MakeWorkspace(std::string name, std::string tracking_key) {
    domain::Workspace workspace;
    workspace.name = std::move(name);
    workspace.tracking_key = std::move(tracking_key);
    workspace.created_at = At(1'700'000'000'000);
    return workspace;
}

domain::User StoreContract::MakeUser(std::string email) const {
    domain::User user;
    user.workspace_id = ws_;
    user.email = std::move(email);
    user.name = "Ann Ødegaard";
    user.role = domain::Role::kMarketing;
    user.password_hash = "$argon2id$v=19$stub";
    user.created_at = At(1'700'000'000'123);
    return user;
}

domain::Company StoreContract::MakeCompany(std::string name, std::string domain) const {
    domain::Company company;
    company.workspace_id = ws_;
    company.name = std::move(name);
    company.domain = std::move(domain);
    company.created_at = At(1'700'000'000'000);
    company.updated_at = At(1'700'000'000'001);
    return company;
}

domain::Lead StoreContract::BareLead() const {
    domain::Lead lead;
    lead.workspace_id = ws_;
    lead.created_at = At(1'700'000'000'000);
    lead.updated_at = lead.created_at;
    return lead;
}

domain::Lead StoreContract::Create(domain::Lead lead) {
    domain::Lead created;
    const Status status = InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(created, tx.CreateLead(std::move(lead)));
        return Ok();
    });
    EXPECT_TRUE(status.has_value()) << status.error().message;
    return created;
}

void ExpectSameLead(const domain::Lead& got, const domain::Lead& want) {
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.workspace_id, want.workspace_id);
    EXPECT_EQ(got.external_id, want.external_id);
    EXPECT_EQ(got.email, want.email);
    EXPECT_EQ(got.first_name, want.first_name);
    EXPECT_EQ(got.last_name, want.last_name);
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.phone, want.phone);
    EXPECT_EQ(got.company_id, want.company_id);
    EXPECT_EQ(got.channel, want.channel);
    EXPECT_EQ(got.campaign, want.campaign);
    EXPECT_EQ(got.business_area, want.business_area);
    EXPECT_EQ(got.rating, want.rating);
    EXPECT_EQ(got.horizon, want.horizon);
    EXPECT_EQ(got.expected_month, want.expected_month);
    EXPECT_EQ(got.potential, want.potential);
    EXPECT_EQ(got.probability, want.probability);
    EXPECT_EQ(got.stage, want.stage);
    EXPECT_EQ(got.owner_id, want.owner_id);
    EXPECT_EQ(got.do_not_email, want.do_not_email);
    EXPECT_EQ(got.do_not_call, want.do_not_call);
    EXPECT_EQ(got.deal_value, want.deal_value);
    EXPECT_EQ(got.score.total, want.score.total);
    EXPECT_EQ(got.score.fit, want.score.fit);
    EXPECT_EQ(got.score.engagement, want.score.engagement);
    EXPECT_EQ(got.score.grade, want.score.grade);
    ASSERT_EQ(got.score.breakdown.size(), want.score.breakdown.size());
    for (std::size_t item_idx = 0; item_idx < want.score.breakdown.size(); ++item_idx) {
        EXPECT_EQ(got.score.breakdown[item_idx].rule, want.score.breakdown[item_idx].rule);
        EXPECT_EQ(got.score.breakdown[item_idx].points, want.score.breakdown[item_idx].points);
    }
    EXPECT_EQ(got.custom_fields, want.custom_fields);
    EXPECT_EQ(got.created_at, want.created_at);
    EXPECT_EQ(got.updated_at, want.updated_at);
}

}  // namespace lb::storage
