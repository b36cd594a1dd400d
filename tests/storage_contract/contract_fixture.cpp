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

}  // namespace lb::storage
