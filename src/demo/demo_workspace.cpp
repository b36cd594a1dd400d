#include "demo/demo_workspace.hpp"

#include <array>
#include <ostream>
#include <string>
#include <utility>

#include "demo/detail/vocabulary.hpp"
#include "domain/money.hpp"

namespace lb::demo {
namespace {

constexpr std::int64_t kMaxCount = 100'000'000;
constexpr std::int64_t kCompaniesPerTransaction = 5'000;
constexpr std::int64_t kAnonymousPerTransaction = 50'000;

constexpr std::array<std::string_view, 6> kSalesUsers = {
    "Mette Holm", "Jens Bach", "Camilla Dahl", "Søren Lund", "Louise Skov", "Mads Eriksen"};

Status ValidateOptions(const DemoOptions& options) {
    if (options.leads < 0 || options.leads > kMaxCount) {
        return Fail(InvalidArgument("must be between 0 and 100000000", "leads"));
    }
    if (options.events < 0 || options.events > kMaxCount) {
        return Fail(InvalidArgument("must be between 0 and 100000000", "events"));
    }
    if (options.batch_leads < 1) return Fail(InvalidArgument("must be at least 1", "batch_leads"));
    if (options.months < 1 || options.months > 60) {
        return Fail(InvalidArgument("must be between 1 and 60", "months"));
    }
    if (options.owners.empty() && (options.owner_count < 1 || options.owner_count > 1000)) {
        return Fail(InvalidArgument("must be between 1 and 1000", "owner_count"));
    }
    return Ok();
}

Status EnsureChannelsAndAreas(storage::Transaction& tx, WorkspaceId ws, DemoSummary& summary) {
    for (const auto& profile : detail::Channels()) {
        LB_ASSIGN_OR_RETURN(const auto found, tx.FindChannel(ws, profile.key));
        if (found) continue;
        domain::Channel channel;
        channel.workspace_id = ws;
        channel.key = std::string(profile.key);
        channel.name = std::string(profile.name);
        channel.kind = profile.kind;
        LB_TRY(tx.CreateChannel(std::move(channel)));
        ++summary.channels_created;
    }
    for (const auto& profile : detail::Areas()) {
        LB_ASSIGN_OR_RETURN(const auto found, tx.FindBusinessArea(ws, profile.key));
        if (found) continue;
        domain::BusinessArea area;
        area.workspace_id = ws;
        area.key = std::string(profile.key);
        area.name = std::string(profile.name);
        area.average_deal_value = domain::Money{profile.average_deal_dkk * 100};
        LB_TRY(tx.CreateBusinessArea(std::move(area)));
        ++summary.business_areas_created;
    }
    return Ok();
}

// The owners of options, checked, or the demo's sales users (created when missing).
Result<std::vector<UserId>> ResolveOwners(storage::Transaction& tx,
                                          WorkspaceId ws,
                                          const DemoOptions& options,
                                          Timestamp now,
                                          DemoSummary& summary) {
    for (const UserId owner : options.owners) {
        auto user = tx.GetUser(ws, owner);
        if (!user)
            return Fail(InvalidArgument(
                "user " + std::to_string(owner.value) + " is not in the workspace", "owners"));
    }
    if (!options.owners.empty()) return options.owners;
    std::vector<UserId> owners;
    for (int owner_idx = 0; owner_idx < options.owner_count; ++owner_idx) {
        const std::string_view name =
            kSalesUsers[static_cast<std::size_t>(owner_idx) % kSalesUsers.size()];
        const auto space = name.find(' ');
        std::string email = detail::AsciiFold(name.substr(0, space)) + "." +
                            detail::AsciiFold(name.substr(space + 1));
        if (owner_idx >= static_cast<int>(kSalesUsers.size()))
            email += std::to_string(owner_idx + 1);
        email += "@nordlys-media.dk";
        LB_ASSIGN_OR_RETURN(const auto existing, tx.FindUserByEmail(ws, email));
        if (existing) {
            owners.push_back(existing->id);
            continue;
        }
        domain::User user;
        user.workspace_id = ws;
        user.email = email;
        user.name = std::string(name);
        user.role = domain::Role::kSales;
        user.created_at = now;
        LB_ASSIGN_OR_RETURN(const domain::User created, tx.CreateUser(std::move(user)));
        owners.push_back(created.id);
        ++summary.users_created;
    }
    return owners;
}

Status WriteLeadBatch(storage::Transaction& tx,
                      WorkspaceId ws,
                      std::vector<DemoLead>& batch,
                      const std::vector<CompanyId>& company_ids,
                      const std::vector<UserId>& owners,
                      DemoSummary& summary) {
    std::vector<domain::Touchpoint> touchpoints;
    for (DemoLead& demo : batch) {
        demo.lead.workspace_id = ws;
        demo.lead.company_id = company_ids[demo.company_index];
        demo.lead.owner_id = owners[demo.owner_index % owners.size()];
        LB_ASSIGN_OR_RETURN(const domain::Lead created, tx.CreateLead(std::move(demo.lead)));
        for (domain::LeadHistoryEntry& entry : demo.history) {
            entry.workspace_id = ws;
            entry.lead_id = created.id;
            LB_TRY(tx.AppendLeadHistory(entry));
        }
        summary.history_entries += static_cast<std::int64_t>(demo.history.size());
        for (domain::Touchpoint& touchpoint : demo.touchpoints) {
            touchpoint.workspace_id = ws;
            touchpoint.lead_id = created.id;
            touchpoints.push_back(std::move(touchpoint));
        }
    }
    LB_TRY(tx.AppendTouchpoints(touchpoints));
    summary.leads += static_cast<std::int64_t>(batch.size());
    summary.touchpoints += static_cast<std::int64_t>(touchpoints.size());
    return Ok();
}

Result<std::vector<CompanyId>> WriteCompanies(storage::Store& store,
                                              WorkspaceId ws,
                                              const std::vector<domain::Company>& companies) {
    std::vector<CompanyId> ids;
    ids.reserve(companies.size());
    for (std::size_t start = 0; start < companies.size(); start += kCompaniesPerTransaction) {
        const std::size_t end = std::min(companies.size(), start + kCompaniesPerTransaction);
        LB_TRY(store.Write([&](storage::Transaction& tx) -> Status {
            for (std::size_t company_idx = start; company_idx < end; ++company_idx) {
                domain::Company company = companies[company_idx];
                company.workspace_id = ws;
                LB_ASSIGN_OR_RETURN(const domain::Company created,
                                    tx.CreateCompany(std::move(company)));
                ids.push_back(created.id);
            }
            return Ok();
        }));
    }
    return ids;
}

}  // namespace

Result<DemoSummary> GenerateDemoWorkspace(storage::Store& store,
                                          WorkspaceId workspace,
                                          const DemoOptions& options,
                                          Timestamp now) {
    LB_TRY(ValidateOptions(options));
    DemoSummary summary;
    std::vector<UserId> owners;
    const Status setup = store.Write([&](storage::Transaction& tx) -> Status {
        LB_TRY(EnsureChannelsAndAreas(tx, workspace, summary));
        LB_ASSIGN_OR_RETURN(owners, ResolveOwners(tx, workspace, options, now, summary));
        return Ok();
    });
    if (!setup) return Fail(setup.error());
    DemoOptions generator_options = options;
    generator_options.owner_count = static_cast<int>(owners.size());
    DemoGenerator generator(generator_options, now);
    LB_ASSIGN_OR_RETURN(const std::vector<CompanyId> company_ids,
                        WriteCompanies(store, workspace, generator.Companies()));
    summary.companies = static_cast<std::int64_t>(company_ids.size());
    while (true) {
        std::vector<DemoLead> batch = generator.NextLeads(options.batch_leads);
        if (batch.empty()) break;
        LB_TRY(store.Write([&](storage::Transaction& tx) {
            return WriteLeadBatch(tx, workspace, batch, company_ids, owners, summary);
        }));
    }
    while (true) {
        std::vector<domain::Touchpoint> batch =
            generator.NextAnonymousTouchpoints(kAnonymousPerTransaction);
        if (batch.empty()) break;
        for (domain::Touchpoint& touchpoint : batch) touchpoint.workspace_id = workspace;
        LB_TRY(store.Write([&](storage::Transaction& tx) { return tx.AppendTouchpoints(batch); }));
        summary.touchpoints += static_cast<std::int64_t>(batch.size());
    }
    return summary;
}

}  // namespace lb::demo
