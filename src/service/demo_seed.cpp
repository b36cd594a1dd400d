#include "service/demo_seed.hpp"

#include <string>

#include "demo/demo_workspace.hpp"
#include "service/detail/run.hpp"

namespace lb::service {

namespace {

// The demo's users: they must be able to sign in, so they are made here, where passwords are
// hashed, rather than by the generator.
Result<std::vector<UserId>> CreateDemoUsers(Services& services, WorkspaceId workspace) {
    LB_TRY(services.CreateUser(
        workspace, kDemoAdminEmail, "Demo Admin", domain::Role::kAdmin, kDemoPassword));
    LB_TRY(services.CreateUser(workspace,
                               "marketing@demo.leadbase.dk",
                               "Mette Marketing",
                               domain::Role::kMarketing,
                               kDemoPassword));
    std::vector<UserId> owners;
    for (int index = 1; index <= kDemoSalesUsers; ++index) {
        const std::string number = std::to_string(index);
        LB_ASSIGN_OR_RETURN(const domain::User user,
                            services.CreateUser(workspace,
                                                "sales" + number + "@demo.leadbase.dk",
                                                "Sales Rep " + number,
                                                domain::Role::kSales,
                                                kDemoPassword));
        owners.push_back(user.id);
    }
    return owners;
}

}  // namespace

Result<DemoSeedSummary> SeedDemoWorkspace(Services& services, const DemoSeedOptions& options) {
    LB_ASSIGN_OR_RETURN(const domain::Workspace workspace, services.EnsureDefaultWorkspace());
    LB_ASSIGN_OR_RETURN(
        const std::int64_t existing_leads,
        detail::ReadValue<std::int64_t>(services.Store(), [&](storage::Transaction& tx) {
            return tx.CountLeads(workspace.id);
        }));
    DemoSeedSummary summary;
    if (existing_leads > 0) return summary;
    demo::DemoOptions demo_options;
    demo_options.seed = options.seed;
    demo_options.leads = options.leads;
    demo_options.events = options.touchpoints;
    LB_ASSIGN_OR_RETURN(demo_options.owners, CreateDemoUsers(services, workspace.id));
    LB_ASSIGN_OR_RETURN(const demo::DemoSummary generated,
                        demo::GenerateDemoWorkspace(
                            services.Store(), workspace.id, demo_options, services.Time().Now()));
    summary.is_created = true;
    summary.leads = generated.leads;
    summary.touchpoints = generated.touchpoints;
    return summary;
}

}  // namespace lb::service
