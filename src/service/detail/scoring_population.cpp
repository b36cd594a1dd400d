#include "service/detail/scoring_population.hpp"

#include <unordered_map>
#include <utility>

namespace lb::service::detail {

namespace {

constexpr int kLeadScanBatch = 2'000;
constexpr int kTouchScanBatch = 20'000;

void AddText(scoring::LeadFacts& facts, std::string name, std::string_view value) {
    if (!value.empty()) facts.text.emplace_back(std::move(name), std::string(value));
}

std::string_view EmailDomain(std::string_view email) {
    const auto at = email.rfind('@');
    return at == std::string_view::npos ? std::string_view{} : email.substr(at + 1);
}

void AddCompany(scoring::LeadFacts& facts, const domain::Company& company) {
    AddText(facts, "company.name", company.name);
    AddText(facts, "company.domain", company.domain);
    AddText(facts, "company.industry", company.industry);
    AddText(facts, "company.country", company.country);
    AddText(facts, "company.customer_status", domain::ToString(company.customer_status));
    if (company.employees)
        facts.numbers.emplace_back("company.employees", static_cast<double>(*company.employees));
    if (company.annual_revenue) {
        facts.numbers.emplace_back("company.annual_revenue",
                                   static_cast<double>(company.annual_revenue->minor) / 100.0);
    }
}

// A domain::Touchpoint (one lead's) or a storage::LeadTouchRow (a workspace scan).
template <typename Touch>
scoring::TouchFacts TouchFactsOf(const Touch& touch) {
    return {.id = touch.id,
            .at = touch.occurred_at,
            .type = touch.type,
            .name = touch.name,
            .url = touch.url,
            .filtered_reason = touch.filtered_reason};
}

// The companies of one batch of leads, by id.
struct BatchContext {
    std::unordered_map<std::int64_t, domain::Company> companies;
};

Result<BatchContext> LoadBatchContext(storage::Transaction& tx,
                                      WorkspaceId workspace,
                                      const std::vector<domain::Lead>& leads) {
    std::vector<CompanyId> ids;
    for (const domain::Lead& lead : leads) {
        if (lead.company_id.IsSet()) ids.push_back(lead.company_id);
    }
    BatchContext context;
    if (ids.empty()) return context;
    LB_ASSIGN_OR_RETURN(auto companies, tx.GetCompanies(workspace, ids));
    for (domain::Company& company : companies) {
        const std::int64_t id = company.id.value;
        context.companies.emplace(id, std::move(company));
    }
    return context;
}

}  // namespace

scoring::LeadFacts LeadFactsFor(const domain::Lead& lead,
                                const domain::Company* company,
                                std::string_view owner_email) {
    scoring::LeadFacts facts;
    facts.id = lead.id;
    facts.created_at = lead.created_at;
    AddText(facts, "email", lead.email);
    AddText(facts, "email_domain", EmailDomain(lead.email));
    AddText(facts, "first_name", lead.first_name);
    AddText(facts, "last_name", lead.last_name);
    AddText(facts, "title", lead.title);
    AddText(facts, "phone", lead.phone);
    AddText(facts, "channel", lead.channel);
    AddText(facts, "campaign", lead.campaign);
    AddText(facts, "business_area", lead.business_area);
    if (lead.rating) AddText(facts, "rating", domain::ToString(*lead.rating));
    if (lead.horizon) AddText(facts, "horizon", domain::ToString(*lead.horizon));
    if (lead.potential) AddText(facts, "potential", domain::ToString(*lead.potential));
    if (lead.probability)
        facts.numbers.emplace_back("probability", static_cast<double>(*lead.probability));
    AddText(facts, "stage", lead.stage);
    AddText(facts, "owner", owner_email);
    AddText(facts, "first_touch_channel", lead.touches.first_channel);
    AddText(facts, "latest_touch_channel", lead.touches.latest_channel);
    for (const auto& [key, value] : lead.custom_fields) AddText(facts, "custom." + key, value);
    if (company != nullptr) AddCompany(facts, *company);
    return facts;
}

scoring::Population SingleLeadPopulation(const domain::Lead& lead,
                                         const domain::Company* company,
                                         std::string_view owner_email,
                                         const std::vector<domain::Touchpoint>& touchpoints) {
    scoring::PopulationBuilder builder;
    const std::uint32_t row = builder.AddLead(LeadFactsFor(lead, company, owner_email));
    for (const domain::Touchpoint& touch : touchpoints) builder.AddTouch(row, TouchFactsOf(touch));
    return std::move(builder).Finish();
}

Result<WorkspacePopulation> LoadWorkspacePopulation(storage::Transaction& tx,
                                                    WorkspaceId workspace) {
    LB_ASSIGN_OR_RETURN(const auto users, tx.ListUsers(workspace));
    std::unordered_map<std::int64_t, std::string> owner_emails;
    for (const domain::User& user : users) owner_emails.emplace(user.id.value, user.email);

    WorkspacePopulation out;
    scoring::PopulationBuilder builder;
    std::unordered_map<std::int64_t, std::uint32_t> rows;
    LeadId after;
    while (true) {
        LB_ASSIGN_OR_RETURN(auto leads, tx.ListLeadsAfter(workspace, after, kLeadScanBatch));
        if (leads.empty()) break;
        LB_ASSIGN_OR_RETURN(const BatchContext context, LoadBatchContext(tx, workspace, leads));
        for (domain::Lead& lead : leads) {
            const auto company = context.companies.find(lead.company_id.value);
            const auto owner = owner_emails.find(lead.owner_id.value);
            rows.emplace(lead.id.value,
                         builder.AddLead(LeadFactsFor(
                             lead,
                             company == context.companies.end() ? nullptr : &company->second,
                             owner == owner_emails.end() ? std::string_view{} : owner->second)));
            lead.score.breakdown.clear();
            out.stored_scores.push_back(std::move(lead.score));
            out.stages.push_back(std::move(lead.stage));
            out.updated_at.push_back(lead.updated_at);
        }
        after = leads.back().id;
    }
    TouchpointId touch_after;
    while (true) {
        LB_ASSIGN_OR_RETURN(const auto touches,
                            tx.ListLeadTouchpointsAfter(workspace, touch_after, kTouchScanBatch));
        if (touches.empty()) break;
        for (const storage::LeadTouchRow& touch : touches) {
            const auto row = rows.find(touch.lead_id.value);
            if (row == rows.end()) continue;  // a lead created after the lead scan
            builder.AddTouch(row->second, TouchFactsOf(touch));
        }
        touch_after = touches.back().id;
    }
    out.population = std::move(builder).Finish();
    return out;
}

}  // namespace lb::service::detail
