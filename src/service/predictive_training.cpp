#include "service/predictive_training.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "service/detail/run.hpp"

namespace lb::service {

namespace {

namespace predictive = scoring::predictive;

constexpr int kLeadScanBatch = 2'000;
constexpr int kTouchScanBatch = 20'000;

// A won or lost lead with what its touchpoints showed up to its outcome moment.
struct DecidedLead {
    domain::Lead lead;
    Timestamp outcome_at;
    std::map<std::string, std::int64_t> touch_counts;  // by touchpoint type
    std::set<std::int64_t> active_days;                // days since the epoch (UTC)
    std::optional<Timestamp> first_touch_at;
    std::int64_t touches = 0;
};

using CompaniesById = std::unordered_map<std::int64_t, domain::Company>;

bool IsDecided(const std::string& stage) {
    return stage == "won" || stage == "lost";
}

// The last move into the lead's (won or lost) stage; updated_at when the history has none.
Result<Timestamp> OutcomeMoment(storage::Transaction& tx,
                                WorkspaceId workspace,
                                const domain::Lead& lead) {
    LB_ASSIGN_OR_RETURN(const auto history, tx.ListLeadHistory(workspace, lead.id));
    for (auto entry = history.rbegin(); entry != history.rend(); ++entry) {
        if (entry->kind == "stage" && entry->to_value == lead.stage) return entry->at;
    }
    return lead.updated_at;
}

Result<std::vector<DecidedLead>> LoadDecidedLeads(storage::Transaction& tx,
                                                  WorkspaceId workspace,
                                                  const OutcomeTableOptions& options) {
    std::vector<DecidedLead> decided;
    LeadId after;
    while (true) {
        LB_ASSIGN_OR_RETURN(auto leads, tx.ListLeadsAfter(workspace, after, kLeadScanBatch));
        if (leads.empty()) break;
        after = leads.back().id;
        for (domain::Lead& lead : leads) {
            if (!IsDecided(lead.stage)) continue;
            LB_ASSIGN_OR_RETURN(const Timestamp outcome_at, OutcomeMoment(tx, workspace, lead));
            if (options.outcome_by && outcome_at > *options.outcome_by) continue;
            DecidedLead entry;
            entry.lead = std::move(lead);
            entry.outcome_at = outcome_at;
            decided.push_back(std::move(entry));
        }
    }
    return decided;
}

// Counts each lead's touchpoints up to its outcome moment; bot/spam ones are not behaviour.
Status AddTouchAggregates(storage::Transaction& tx,
                          WorkspaceId workspace,
                          std::vector<DecidedLead>& decided) {
    std::unordered_map<std::int64_t, std::size_t> index_of;
    for (std::size_t idx = 0; idx < decided.size(); ++idx) {
        index_of.emplace(decided[idx].lead.id.value, idx);
    }
    TouchpointId after;
    while (true) {
        LB_ASSIGN_OR_RETURN(const auto touches,
                            tx.ListLeadTouchpointsAfter(workspace, after, kTouchScanBatch));
        if (touches.empty()) break;
        after = touches.back().id;
        for (const domain::Touchpoint& touch : touches) {
            const auto found = index_of.find(touch.lead_id.value);
            if (found == index_of.end() || !touch.filtered_reason.empty()) continue;
            DecidedLead& lead = decided[found->second];
            if (touch.occurred_at > lead.outcome_at) continue;
            ++lead.touch_counts[touch.type];
            ++lead.touches;
            lead.active_days.insert(std::chrono::floor<std::chrono::days>(touch.occurred_at)
                                        .time_since_epoch()
                                        .count());
            if (!lead.first_touch_at || touch.occurred_at < *lead.first_touch_at) {
                lead.first_touch_at = touch.occurred_at;
            }
        }
    }
    return Ok();
}

Result<CompaniesById> LoadCompanies(storage::Transaction& tx,
                                    WorkspaceId workspace,
                                    const std::vector<DecidedLead>& decided) {
    std::vector<CompanyId> ids;
    for (const DecidedLead& entry : decided) {
        if (entry.lead.company_id.IsSet()) ids.push_back(entry.lead.company_id);
    }
    CompaniesById companies;
    if (ids.empty()) return companies;
    LB_ASSIGN_OR_RETURN(auto found, tx.GetCompanies(workspace, ids));
    for (domain::Company& company : found) {
        const std::int64_t id = company.id.value;
        companies.emplace(id, std::move(company));
    }
    return companies;
}

Status CheckEnoughOutcomes(std::int64_t won,
                           std::int64_t lost,
                           const OutcomeTableOptions& options) {
    if (won >= options.min_outcomes && lost >= options.min_outcomes) return Ok();
    const std::string by =
        options.outcome_by ? " with an outcome by " + FormatIso8601(*options.outcome_by) : "";
    return Fail(InvalidArgument("too few outcomes to train on: found " + std::to_string(won) +
                                    " won and " + std::to_string(lost) + " lost leads" + by +
                                    "; training needs at least " +
                                    std::to_string(options.min_outcomes) + " of each",
                                "--min-outcomes"));
}

// The columns every decided lead has, then custom.<key> and touches.<type> as seen.
std::vector<std::string> ColumnNames(const std::set<std::string>& custom_keys,
                                     const std::set<std::string>& touch_types) {
    std::vector<std::string> names = {"title",
                                      "channel",
                                      "campaign",
                                      "business_area",
                                      "first_touch_channel",
                                      "company.industry",
                                      "company.country",
                                      "company.employees",
                                      "company.annual_revenue"};
    for (const std::string& key : custom_keys) names.push_back("custom." + key);
    for (const std::string& type : touch_types) names.push_back("touches." + type);
    for (const char* name :
         {"touches.total", "active_days", "days_first_touch_to_outcome", kOutcomeColumn.data()}) {
        names.emplace_back(name);
    }
    return names;
}

std::vector<std::string> RowValues(const DecidedLead& entry,
                                   const domain::Company* company,
                                   const std::set<std::string>& custom_keys,
                                   const std::set<std::string>& touch_types) {
    const domain::Lead& lead = entry.lead;
    std::vector<std::string> values = {
        lead.title, lead.channel, lead.campaign, lead.business_area, lead.touches.first_channel};
    values.push_back(company == nullptr ? "" : company->industry);
    values.push_back(company == nullptr ? "" : company->country);
    values.push_back(
        company == nullptr || !company->employees ? "" : std::to_string(*company->employees));
    values.push_back(company == nullptr || !company->annual_revenue
                         ? ""
                         : std::to_string(company->annual_revenue->minor / 100));
    for (const std::string& key : custom_keys) {
        const auto found = lead.custom_fields.find(key);
        values.push_back(found == lead.custom_fields.end() ? "" : found->second);
    }
    for (const std::string& type : touch_types) {
        const auto found = entry.touch_counts.find(type);
        values.push_back(std::to_string(found == entry.touch_counts.end() ? 0 : found->second));
    }
    values.push_back(std::to_string(entry.touches));
    values.push_back(std::to_string(entry.active_days.size()));
    if (entry.first_touch_at) {
        const std::chrono::duration<double, std::ratio<86'400>> span =
            entry.outcome_at - *entry.first_touch_at;
        values.push_back(std::to_string(span.count()));
    } else {
        values.emplace_back();
    }
    values.push_back(lead.stage);
    return values;
}

Result<OutcomeTable> ToOutcomeTable(const std::vector<DecidedLead>& decided,
                                    const CompaniesById& companies) {
    std::set<std::string> custom_keys;
    std::set<std::string> touch_types;
    for (const DecidedLead& entry : decided) {
        for (const auto& field : entry.lead.custom_fields) custom_keys.insert(field.first);
        for (const auto& count : entry.touch_counts) touch_types.insert(count.first);
    }
    OutcomeTable out;
    out.table = predictive::Table(ColumnNames(custom_keys, touch_types));
    for (const DecidedLead& entry : decided) {
        const auto company = companies.find(entry.lead.company_id.value);
        LB_TRY(
            out.table.AppendRow(RowValues(entry,
                                          company == companies.end() ? nullptr : &company->second,
                                          custom_keys,
                                          touch_types)));
        const bool is_won = entry.lead.stage == "won";
        out.labels.push_back(is_won ? 1 : 0);
        ++(is_won ? out.won : out.lost);
    }
    return out;
}

Result<OutcomeTable> ReadOutcomeTable(storage::Transaction& tx,
                                      WorkspaceId workspace,
                                      const OutcomeTableOptions& options) {
    LB_ASSIGN_OR_RETURN(auto decided, LoadDecidedLeads(tx, workspace, options));
    LB_TRY(AddTouchAggregates(tx, workspace, decided));
    LB_ASSIGN_OR_RETURN(const CompaniesById companies, LoadCompanies(tx, workspace, decided));
    return ToOutcomeTable(decided, companies);
}

}  // namespace

Result<OutcomeTable> BuildOutcomeTable(storage::Store& store,
                                       WorkspaceId workspace,
                                       const OutcomeTableOptions& options) {
    LB_ASSIGN_OR_RETURN(OutcomeTable out,
                        detail::ReadValue<OutcomeTable>(store, [&](storage::Transaction& tx) {
                            return ReadOutcomeTable(tx, workspace, options);
                        }));
    LB_TRY(CheckEnoughOutcomes(out.won, out.lost, options));
    return out;
}

Result<WorkspaceId> ResolveTrainingWorkspace(storage::Store& store,
                                             std::optional<std::int64_t> requested) {
    LB_ASSIGN_OR_RETURN(auto workspaces,
                        detail::ReadValue<std::vector<domain::Workspace>>(
                            store, [](storage::Transaction& tx) { return tx.ListWorkspaces(); }));
    std::ranges::sort(workspaces, {}, [](const domain::Workspace& ws) { return ws.id.value; });
    for (const domain::Workspace& workspace : workspaces) {
        if (!requested || workspace.id.value == *requested) return workspace.id;
    }
    if (!requested) return Fail(NotFound("the store has no workspace"));
    return Fail(NotFound("--workspace: workspace " + std::to_string(*requested) + " not found"));
}

}  // namespace lb::service
