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

constexpr std::array<std::string_view, 5> kTrainableStages = {
    "mql", "sal", "sql", "opportunity", "won"};

// Where a lead that left the funnel stands: training on an earlier stage counts these, never
// having reached it, as not converted.
constexpr std::array<std::string_view, 4> kOutOfFunnelStages = {
    "lost", "disqualified", "nurture", "recycled"};

bool IsOutOfFunnel(const std::string& stage) {
    return std::ranges::find(kOutOfFunnelStages, stage) != kOutOfFunnelStages.end();
}

// The funnel stages from `stage` up to won: reaching any of them is reaching `stage`.
Result<std::vector<std::string>> StagesReaching(const std::string& stage) {
    LB_TRY(ValidateOutcomeStage(stage));
    return std::vector<std::string>(std::ranges::find(kTrainableStages, stage),
                                    kTrainableStages.end());
}

// Per lead id and stage: its first and last move into that stage.
using Arrivals = std::map<std::pair<std::int64_t, std::string>, storage::StageArrival>;

Result<Arrivals> ReadArrivals(storage::Transaction& tx,
                              WorkspaceId workspace,
                              const std::vector<std::string>& reaching) {
    std::vector<std::string> stages = reaching;
    stages.insert(stages.end(), kOutOfFunnelStages.begin(), kOutOfFunnelStages.end());
    LB_ASSIGN_OR_RETURN(const auto found, tx.ListStageArrivals(workspace, stages));
    Arrivals arrivals;
    for (const storage::StageArrival& arrival : found)
        arrivals.emplace(std::pair{arrival.lead.value, arrival.stage}, arrival);
    return arrivals;
}

struct Outcome {
    bool is_converted = false;
    Timestamp at;  // the outcome moment
};

// The lead's outcome when converted means reaching a stage of `reaching` (see
// OutcomeTableOptions::outcome_stage); nullopt while it is undecided.
std::optional<Outcome> OutcomeOf(const domain::Lead& lead,
                                 const Arrivals& arrivals,
                                 const std::vector<std::string>& reaching) {
    const auto arrival = [&](const std::string& stage) -> const storage::StageArrival* {
        const auto found = arrivals.find(std::pair{lead.id.value, stage});
        return found == arrivals.end() ? nullptr : &found->second;
    };
    const auto last_move_into_stage = [&] {
        const storage::StageArrival* into = arrival(lead.stage);
        return into == nullptr ? lead.updated_at : into->last_at;
    };
    if (reaching.size() == 1) {  // won: the last move into won or lost decides
        if (lead.stage != "won" && lead.stage != "lost") return std::nullopt;
        return Outcome{.is_converted = lead.stage == "won", .at = last_move_into_stage()};
    }
    std::optional<Timestamp> reached;
    for (const std::string& stage : reaching) {
        if (const storage::StageArrival* into = arrival(stage))
            reached = reached ? std::min(*reached, into->first_at) : into->first_at;
    }
    if (reached) return Outcome{.is_converted = true, .at = *reached};
    if (std::ranges::find(reaching, lead.stage) != reaching.end())
        return Outcome{.is_converted = true, .at = lead.updated_at};
    if (!IsOutOfFunnel(lead.stage)) return std::nullopt;
    return Outcome{.is_converted = false, .at = last_move_into_stage()};
}

struct DecidedLeads {
    std::vector<DecidedLead> leads;
    std::vector<std::uint8_t> labels;  // per lead: 1 converted, 0 lost
};

Result<DecidedLeads> LoadDecidedLeads(storage::Transaction& tx,
                                      WorkspaceId workspace,
                                      const OutcomeTableOptions& options) {
    LB_ASSIGN_OR_RETURN(const auto reaching, StagesReaching(options.outcome_stage));
    LB_ASSIGN_OR_RETURN(const Arrivals arrivals, ReadArrivals(tx, workspace, reaching));
    DecidedLeads decided;
    LeadId after;
    while (true) {
        LB_ASSIGN_OR_RETURN(auto leads, tx.ListLeadsAfter(workspace, after, kLeadScanBatch));
        if (leads.empty()) break;
        after = leads.back().id;
        for (domain::Lead& lead : leads) {
            const std::optional<Outcome> outcome = OutcomeOf(lead, arrivals, reaching);
            if (!outcome || (options.outcome_by && outcome->at > *options.outcome_by)) continue;
            DecidedLead entry;
            entry.lead = std::move(lead);
            entry.until = outcome->at;
            decided.leads.push_back(std::move(entry));
            decided.labels.push_back(outcome->is_converted ? 1 : 0);
        }
    }
    return decided;
}

Status CheckEnoughOutcomes(std::int64_t converted,
                           std::int64_t lost,
                           const OutcomeTableOptions& options) {
    if (converted >= options.min_outcomes && lost >= options.min_outcomes) return Ok();
    const std::string by =
        options.outcome_by ? " with an outcome by " + FormatIso8601(*options.outcome_by) : "";
    const bool is_won = options.outcome_stage == "won";
    const std::string converted_leads =
        is_won ? " won and " : " leads that reached " + options.outcome_stage + " and ";
    const std::string lost_leads =
        is_won ? " lost leads"
               : " that left the funnel (lost, disqualified, nurture, recycled) without";
    return Fail(InvalidArgument("too few outcomes to train on: found " + std::to_string(converted) +
                                    converted_leads + std::to_string(lost) + lost_leads + by +
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

Result<OutcomeTable> ToOutcomeTable(const DecidedLeads& decided,
                                    const CompaniesById& companies,
                                    const std::string& outcome_stage) {
    std::set<std::string> custom_keys;
    std::set<std::string> touch_types;
    for (const DecidedLead& entry : decided.leads) {
        for (const auto& field : entry.lead.custom_fields) custom_keys.insert(field.first);
        for (const auto& count : entry.touch_counts) touch_types.insert(count.first);
    }
    OutcomeTable out;
    out.outcome_stage = outcome_stage;
    out.table = predictive::Table(ColumnNames(custom_keys, touch_types));
    const std::string converted = outcome_stage == "won" ? "won" : "reached";
    for (std::size_t i = 0; i < decided.leads.size(); ++i) {
        const DecidedLead& entry = decided.leads[i];
        const auto company = companies.find(entry.lead.company_id.value);
        std::vector<std::string> values =
            detail::FeatureRowValues(entry,
                                     company == companies.end() ? nullptr : &company->second,
                                     custom_keys,
                                     touch_types);
        const bool is_converted = decided.labels[i] == 1;
        values.push_back(is_converted ? converted : "lost");
        LB_TRY(out.table.AppendRow(std::move(values)));
        out.labels.push_back(decided.labels[i]);
        ++(is_converted ? out.won : out.lost);
    }
    return out;
}

Result<OutcomeTable> ReadOutcomeTable(storage::Transaction& tx,
                                      WorkspaceId workspace,
                                      const OutcomeTableOptions& options) {
    LB_ASSIGN_OR_RETURN(auto decided, LoadDecidedLeads(tx, workspace, options));
    LB_TRY(detail::AddTouchAggregates(tx, workspace, decided.leads));
    LB_ASSIGN_OR_RETURN(const CompaniesById companies,
                        detail::LoadCompanies(tx, workspace, decided.leads));
    return ToOutcomeTable(decided, companies, options.outcome_stage);
}

}  // namespace

Status ValidateOutcomeStage(std::string_view stage, std::string_view field) {
    if (std::ranges::find(kTrainableStages, stage) != kTrainableStages.end()) return Ok();
    return Fail(InvalidArgument(
        "must be one of mql, sal, sql, opportunity, won (got \"" + std::string(stage) + "\")",
        std::string(field)));
}

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
