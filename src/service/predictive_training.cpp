#include "service/predictive_training.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "service/detail/predictive_rows.hpp"
#include "service/detail/run.hpp"

namespace lb::service {

namespace {

namespace predictive = scoring::predictive;

constexpr int kLeadScanBatch = 2'000;

using detail::CompaniesById;
using DecidedLead = detail::PredictiveLead;  // `until` is the outcome moment

bool IsDecided(const std::string& stage) {
    return stage == "won" || stage == "lost";
}

// Per decided lead, the last move into its (won or lost) stage, keyed by lead id then stage.
using OutcomeMoments = std::map<std::pair<std::int64_t, std::string>, Timestamp>;

Result<OutcomeMoments> ReadOutcomeMoments(storage::Transaction& tx, WorkspaceId workspace) {
    const std::array<std::string, 2> decided_stages = {"won", "lost"};
    LB_ASSIGN_OR_RETURN(const auto arrivals, tx.ListLatestStageArrivals(workspace, decided_stages));
    OutcomeMoments moments;
    for (const storage::StageArrival& arrival : arrivals)
        moments.emplace(std::pair{arrival.lead.value, arrival.stage}, arrival.at);
    return moments;
}

// The outcome moment: the last move into the lead's stage; updated_at when the history has none.
Timestamp OutcomeMoment(const OutcomeMoments& moments, const domain::Lead& lead) {
    const auto found = moments.find(std::pair{lead.id.value, lead.stage});
    return found == moments.end() ? lead.updated_at : found->second;
}

Result<std::vector<DecidedLead>> LoadDecidedLeads(storage::Transaction& tx,
                                                  WorkspaceId workspace,
                                                  const OutcomeTableOptions& options) {
    LB_ASSIGN_OR_RETURN(const OutcomeMoments moments, ReadOutcomeMoments(tx, workspace));
    std::vector<DecidedLead> decided;
    LeadId after;
    while (true) {
        LB_ASSIGN_OR_RETURN(auto leads, tx.ListLeadsAfter(workspace, after, kLeadScanBatch));
        if (leads.empty()) break;
        after = leads.back().id;
        for (domain::Lead& lead : leads) {
            if (!IsDecided(lead.stage)) continue;
            const Timestamp outcome_at = OutcomeMoment(moments, lead);
            if (options.outcome_by && outcome_at > *options.outcome_by) continue;
            DecidedLead entry;
            entry.lead = std::move(lead);
            entry.until = outcome_at;
            decided.push_back(std::move(entry));
        }
    }
    return decided;
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

// The feature columns, then the outcome column.
std::vector<std::string> ColumnNames(const std::set<std::string>& custom_keys,
                                     const std::set<std::string>& touch_types) {
    std::vector<std::string> names = detail::FeatureColumnNames(custom_keys, touch_types);
    names.emplace_back(kOutcomeColumn);
    return names;
}

std::vector<std::string> RowValues(const DecidedLead& entry,
                                   const domain::Company* company,
                                   const std::set<std::string>& custom_keys,
                                   const std::set<std::string>& touch_types) {
    std::vector<std::string> values =
        detail::FeatureRowValues(entry, company, custom_keys, touch_types);
    values.push_back(entry.lead.stage);
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
    LB_TRY(detail::AddTouchAggregates(tx, workspace, decided));
    LB_ASSIGN_OR_RETURN(const CompaniesById companies,
                        detail::LoadCompanies(tx, workspace, decided));
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
