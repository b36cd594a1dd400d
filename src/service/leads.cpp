// Services: leads (create, read, update, list, history, timeline) and companies.
#include <charconv>
#include <set>
#include <unordered_map>

#include "common/text.hpp"
#include "domain/validation.hpp"
#include "service/detail/run.hpp"
#include "service/services.hpp"
#include "tracking/lead_writer.hpp"

namespace lb::service {

namespace {

// Parses an integer query parameter in [low, high]; empty text gives `fallback`.
Result<int> ParseIntParam(
    std::string_view text, const char* name, int low, int high, int fallback) {
    if (text.empty()) return fallback;
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < low || value > high)
        return Fail(InvalidArgument(
            "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high),
            name));
    return value;
}

// Parses a probability query parameter in [0, 1].
Result<double> ParseProbabilityParam(std::string_view text, const char* name) {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || !(value >= 0.0 && value <= 1.0))
        return Fail(InvalidArgument("must be a number from 0 to 1", name));
    return value;
}

// Adds the company and owner e-mail to each lead, with one query for each kind.
Result<std::vector<LeadView>> ToViews(storage::Transaction& tx,
                                      WorkspaceId ws,
                                      std::vector<domain::Lead> leads) {
    std::set<CompanyId> company_ids;
    bool has_owner = false;
    for (const auto& lead : leads) {
        if (lead.company_id.IsSet()) company_ids.insert(lead.company_id);
        has_owner = has_owner || lead.owner_id.IsSet();
    }
    const std::vector<CompanyId> id_list(company_ids.begin(), company_ids.end());
    std::unordered_map<CompanyId, domain::Company> companies;
    if (!id_list.empty()) {
        LB_ASSIGN_OR_RETURN(auto found, tx.GetCompanies(ws, id_list));
        for (auto& company : found) companies.emplace(company.id, std::move(company));
    }
    std::unordered_map<UserId, std::string> owner_emails;
    if (has_owner) {
        LB_ASSIGN_OR_RETURN(const auto users, tx.ListUsers(ws));
        for (const auto& user : users) owner_emails.emplace(user.id, user.email);
    }
    std::vector<LeadView> views;
    views.reserve(leads.size());
    for (auto& lead : leads) {
        LeadView view;
        if (const auto it = companies.find(lead.company_id); it != companies.end())
            view.company = it->second;
        if (const auto it = owner_emails.find(lead.owner_id); it != owner_emails.end())
            view.owner_email = it->second;
        view.lead = std::move(lead);
        views.push_back(std::move(view));
    }
    return views;
}

Result<LeadView> ToView(storage::Transaction& tx, WorkspaceId ws, domain::Lead lead) {
    std::vector<domain::Lead> one;
    one.push_back(std::move(lead));
    LB_ASSIGN_OR_RETURN(auto views, ToViews(tx, ws, std::move(one)));
    return std::move(views.front());
}

// The lead `id` as `principal` may see it: sales only sees the leads it owns.
Result<domain::Lead> VisibleLead(storage::Transaction& tx, const Principal& principal, LeadId id) {
    LB_ASSIGN_OR_RETURN(domain::Lead lead, tx.GetLead(principal.workspace, id));
    if (IsOwnerScoped(principal) && lead.owner_id != principal.user)
        return Fail(NotFound("lead " + std::to_string(id.value) + " not found"));
    return lead;
}

Result<storage::LeadFilter> ToFilter(storage::Transaction& tx,
                                     const Principal& principal,
                                     const LeadQuery& query) {
    storage::LeadFilter filter;
    if (!query.stage.empty()) {
        LB_TRY(domain::ValidateStage(query.stage));
        filter.stage = query.stage;
    }
    filter.channel = query.channel;
    filter.business_area = query.business_area;
    filter.query = std::string(Trim(query.q));
    if (filter.query.size() > 200)
        return Fail(InvalidArgument("is longer than 200 characters", "q"));
    LB_ASSIGN_OR_RETURN(filter.sort, storage::ParseLeadSort(query.sort));
    LB_ASSIGN_OR_RETURN(filter.limit, ParseIntParam(query.limit, "limit", 1, 500, 50));
    if (!query.min_score.empty()) {
        LB_ASSIGN_OR_RETURN(const int min_score,
                            ParseIntParam(query.min_score, "min_score", 0, 100, 0));
        filter.min_score = min_score;
    }
    if (!query.min_predicted.empty()) {
        LB_ASSIGN_OR_RETURN(filter.min_predicted,
                            ParseProbabilityParam(query.min_predicted, "min_predicted"));
    }
    filter.cursor = query.cursor;
    if (query.owner == "none") {
        filter.only_unowned = true;
    } else if (query.owner == "me") {
        filter.owner = principal.user;
    } else if (!query.owner.empty()) {
        LB_ASSIGN_OR_RETURN(const auto user,
                            tx.FindUserByEmail(principal.workspace, ToLower(Trim(query.owner))));
        if (!user)
            return Fail(InvalidArgument("no user with the e-mail '" + query.owner + "'", "owner"));
        filter.owner = user->id;
    }
    if (IsOwnerScoped(principal)) {
        if (filter.only_unowned || (filter.owner && *filter.owner != principal.user))
            return Fail(PermissionDenied("the role 'sales' sees only the leads it owns"));
        filter.owner = principal.user;
    }
    return filter;
}

}  // namespace

Result<domain::Lead> Services::Rescored(storage::Transaction& tx,
                                        const Principal& principal,
                                        domain::Lead lead) {
    if (score_hook_ == nullptr) return lead;
    LB_TRY(score_hook_->LeadChanged(tx, principal.workspace, lead.id, principal.actor));
    return tx.GetLead(principal.workspace, lead.id);
}

Result<LeadView> Services::CreateLead(const Principal& principal, const domain::LeadInput& input) {
    LB_TRY(Require(principal, Permission::kWriteLeads));
    if (IsOwnerScoped(principal) && input.owner.IsPresent())
        return Fail(PermissionDenied("the role 'sales' creates leads owned by itself"));
    domain::LeadInput owned = input;
    if (IsOwnerScoped(principal)) {
        LB_ASSIGN_OR_RETURN(const domain::User me, CurrentUser(principal));
        owned.owner = domain::Update<std::string>::Set(me.email);
    }
    tracking::UpsertOptions options;
    options.mode = tracking::UpsertMode::kCreateOnly;
    options.actor = principal.actor;
    return detail::WriteValue<LeadView>(store_, [&](storage::Transaction& tx) -> Result<LeadView> {
        LB_ASSIGN_OR_RETURN(
            auto outcome,
            tracking::UpsertLead(tx, principal.workspace, owned, clock_.Now(), options));
        LB_ASSIGN_OR_RETURN(domain::Lead lead, Rescored(tx, principal, std::move(outcome.lead)));
        return ToView(tx, principal.workspace, std::move(lead));
    });
}

Result<LeadView> Services::GetLead(const Principal& principal, LeadId id) {
    LB_TRY(Require(principal, Permission::kReadLeads));
    return detail::ReadValue<LeadView>(store_, [&](storage::Transaction& tx) -> Result<LeadView> {
        LB_ASSIGN_OR_RETURN(domain::Lead lead, VisibleLead(tx, principal, id));
        return ToView(tx, principal.workspace, std::move(lead));
    });
}

Result<LeadView> Services::UpdateLead(const Principal& principal,
                                      LeadId id,
                                      const domain::LeadInput& patch) {
    LB_TRY(Require(principal, Permission::kWriteLeads));
    if (IsOwnerScoped(principal) && patch.owner.IsPresent())
        return Fail(PermissionDenied("the role 'sales' may not reassign leads"));
    tracking::UpsertOptions options;
    options.mode = tracking::UpsertMode::kUpdateOnly;
    options.target = id;
    options.actor = principal.actor;
    if (IsOwnerScoped(principal)) options.restrict_to_owner = principal.user;
    return detail::WriteValue<LeadView>(store_, [&](storage::Transaction& tx) -> Result<LeadView> {
        LB_TRY(VisibleLead(tx, principal, id));
        LB_ASSIGN_OR_RETURN(
            auto outcome,
            tracking::UpsertLead(tx, principal.workspace, patch, clock_.Now(), options));
        LB_ASSIGN_OR_RETURN(domain::Lead lead, Rescored(tx, principal, std::move(outcome.lead)));
        return ToView(tx, principal.workspace, std::move(lead));
    });
}

Result<storage::Page<LeadView>> Services::ListLeads(const Principal& principal,
                                                    const LeadQuery& query) {
    LB_TRY(Require(principal, Permission::kReadLeads));
    using LeadPage = storage::Page<LeadView>;
    return detail::ReadValue<LeadPage>(store_, [&](storage::Transaction& tx) -> Result<LeadPage> {
        LB_ASSIGN_OR_RETURN(const storage::LeadFilter filter, ToFilter(tx, principal, query));
        if (IsOwnerScoped(principal) && !principal.user.IsSet()) return LeadPage{};
        LB_ASSIGN_OR_RETURN(auto page, tx.ListLeads(principal.workspace, filter));
        LeadPage views;
        views.next_cursor = std::move(page.next_cursor);
        LB_ASSIGN_OR_RETURN(views.items, ToViews(tx, principal.workspace, std::move(page.items)));
        return views;
    });
}

Result<std::vector<domain::LeadHistoryEntry>> Services::GetLeadHistory(const Principal& principal,
                                                                       LeadId id) {
    LB_TRY(Require(principal, Permission::kReadLeads));
    return detail::ReadValue<std::vector<domain::LeadHistoryEntry>>(
        store_, [&](storage::Transaction& tx) -> Result<std::vector<domain::LeadHistoryEntry>> {
            LB_TRY(VisibleLead(tx, principal, id));
            return tx.ListLeadHistory(principal.workspace, id);
        });
}

Result<std::vector<domain::Touchpoint>> Services::GetLeadTimeline(const Principal& principal,
                                                                  LeadId id) {
    LB_TRY(Require(principal, Permission::kReadLeads));
    return detail::ReadValue<std::vector<domain::Touchpoint>>(
        store_, [&](storage::Transaction& tx) -> Result<std::vector<domain::Touchpoint>> {
            LB_TRY(VisibleLead(tx, principal, id));
            return tx.ListLeadTouchpoints(principal.workspace, id);
        });
}

Result<domain::Company> Services::CreateCompany(const Principal& principal,
                                                const domain::CompanyInput& input) {
    LB_TRY(Require(principal, Permission::kWriteLeads));
    domain::Company company;
    company.workspace_id = principal.workspace;
    company.created_at = clock_.Now();
    company.updated_at = company.created_at;
    LB_TRY(domain::ApplyCompanyInput(company, input));
    return detail::WriteValue<domain::Company>(
        store_, [&](storage::Transaction& tx) { return tx.CreateCompany(company); });
}

Result<domain::Company> Services::GetCompany(const Principal& principal, CompanyId id) {
    LB_TRY(Require(principal, Permission::kReadLeads));
    return detail::ReadValue<domain::Company>(
        store_, [&](storage::Transaction& tx) { return tx.GetCompany(principal.workspace, id); });
}

Result<domain::Company> Services::UpdateCompany(const Principal& principal,
                                                CompanyId id,
                                                const domain::CompanyInput& patch) {
    LB_TRY(Require(principal, Permission::kWriteSettings));
    return detail::WriteValue<domain::Company>(
        store_, [&](storage::Transaction& tx) -> Result<domain::Company> {
            LB_ASSIGN_OR_RETURN(domain::Company company, tx.GetCompany(principal.workspace, id));
            LB_TRY(domain::ApplyCompanyInput(company, patch));
            company.updated_at = clock_.Now();
            LB_TRY(tx.UpdateCompany(company));
            return company;
        });
}

Result<storage::Page<domain::Company>> Services::ListCompanies(const Principal& principal,
                                                               std::string_view q,
                                                               std::string_view limit,
                                                               std::string_view cursor) {
    LB_TRY(Require(principal, Permission::kReadLeads));
    storage::CompanyFilter filter;
    filter.query = std::string(Trim(q));
    LB_ASSIGN_OR_RETURN(filter.limit, ParseIntParam(limit, "limit", 1, 500, 50));
    filter.cursor = std::string(cursor);
    return detail::ReadValue<storage::Page<domain::Company>>(store_, [&](storage::Transaction& tx) {
        return tx.ListCompanies(principal.workspace, filter);
    });
}

}  // namespace lb::service
