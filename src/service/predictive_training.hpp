// Predictive training from the store's own history: a workspace's won and lost leads as a
// predictive Table (lead fields, custom fields, touchpoint aggregates up to the outcome), its
// cross-validation, and storing the chosen model as the workspace's next version.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/result.hpp"
#include "scoring/predictive/cross_validation.hpp"
#include "scoring/predictive/table.hpp"
#include "scoring/predictive/trained_model.hpp"
#include "storage/store.hpp"

namespace lb::service {

// The column of an OutcomeTable holding "won"/"lost", or "reached"/"lost" when training on an
// earlier stage (never a feature).
inline constexpr std::string_view kOutcomeColumn = "outcome";
// Fewest won and fewest lost leads training accepts by default (each), as for a CSV: with 5
// folds every test fold then holds at least 10 of the rarer class.
inline constexpr std::int64_t kDefaultMinOutcomes = 50;

struct OutcomeTableOptions {
    // Only leads whose outcome happened at or before this.
    std::optional<Timestamp> outcome_by{};
    // Fewest converted and fewest lost leads; fewer of either is refused.
    std::int64_t min_outcomes = kDefaultMinOutcomes;
    // What counts as converted. "won" (the default): leads in stage won (outcome moment: the last
    // move into won) against leads in stage lost (the last move into lost). An earlier funnel
    // stage ("mql", "sal", "sql", "opportunity"): leads that reached it or a later funnel stage up
    // to won (outcome moment: the first such move; a lead standing in such a stage without
    // history: its updated_at), even when lost afterwards, against leads that left the funnel
    // (lost, disqualified, nurture, recycled) without reaching it (the last move into that).
    std::string outcome_stage = "won";
};

// kInvalidArgument naming `field` unless `stage` is mql, sal, sql, opportunity or won (what
// OutcomeTableOptions::outcome_stage takes).
[[nodiscard]] Status ValidateOutcomeStage(std::string_view stage,
                                          std::string_view field = "--outcome-stage");

// A workspace's decided leads as training rows. Plain value; owns its data.
// Columns: title, channel, campaign, business_area, first_touch_channel, company.industry,
// company.country, company.employees, company.annual_revenue, custom.<key> per custom field, and
// from the lead's touchpoints up to its outcome moment (filtered bot/spam ones excluded):
// touches.<type> per touchpoint type, touches.total, active_days and
// days_first_touch_to_outcome (empty without touches). Never: ids, e-mail, names, phone, the
// stage and its history, scores, owner, consent flags, rating/horizon/potential/probability and
// deal value (sales fill those in while or after deciding), latest touch.
struct OutcomeTable {
    scoring::predictive::Table table;
    std::vector<std::uint8_t> labels;  // per row: 1 won (or reached the stage), 0 lost
    std::int64_t won = 0;  // converted: won, or reached OutcomeTableOptions::outcome_stage
    std::int64_t lost = 0;
    std::string outcome_stage = "won";
};

// Reads the workspace's decided leads (see OutcomeTableOptions::outcome_stage; outcome moment
// within `options.outcome_by`) with their companies, stage history and touchpoints in one read
// transaction.
// kInvalidArgument (field "--min-outcomes") naming how many converted and lost leads were found
// and how many are needed when either is below options.min_outcomes; kInvalidArgument (field
// "--outcome-stage") for a stage other than mql, sal, sql, opportunity or won; errors of the
// store.
[[nodiscard]] Result<OutcomeTable> BuildOutcomeTable(storage::Store& store,
                                                     WorkspaceId workspace,
                                                     const OutcomeTableOptions& options);

// The workspace `--workspace` names, or the first (lowest id) when `requested` is nullopt.
// kNotFound when the store has no such workspace (or none at all).
[[nodiscard]] Result<WorkspaceId> ResolveTrainingWorkspace(storage::Store& store,
                                                           std::optional<std::int64_t> requested);

// Stratified `fold_count`-fold cross-validation of `options` on the table (CrossValidate).
// Requires: fold_count >= 2.
[[nodiscard]] Result<scoring::predictive::CvReport> CrossValidateOutcomes(
    const OutcomeTable& outcomes,
    int fold_count,
    std::uint64_t seed,
    const scoring::predictive::ModelOptions& options);

// Trains `options` on every row and stores it as the workspace's next version, with the counts
// it learned from and `report`'s metrics as JSON. Returns the stored row. Errors of
// TrainedModel::Train and of the store.
[[nodiscard]] Result<storage::StoredPredictiveModel> SavePredictiveModel(
    storage::Store& store,
    WorkspaceId workspace,
    const OutcomeTable& outcomes,
    const scoring::predictive::CvReport& report,
    const scoring::predictive::ModelOptions& options,
    Timestamp now);

}  // namespace lb::service
