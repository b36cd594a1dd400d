// Suggested rules from the store's own outcomes (issue 5): the workspace's won and lost leads fit
// an L2 logistic model, which becomes a points model the rule engine can preview and adopt.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/result.hpp"
#include "scoring/model.hpp"
#include "service/predictive_training.hpp"
#include "service/principal.hpp"
#include "service/services.hpp"
#include "storage/store.hpp"

namespace lb::service {

// The key the suggested model gets (adopting it saves a model under this key).
inline constexpr std::string_view kSuggestedModelKey = "suggested";

struct SuggestedModelOptions {
    OutcomeTableOptions outcomes{};  // which decided leads, and how many are needed
    std::string key{kSuggestedModelKey};
};

// A suggested points model and what it was learned from. Plain value.
struct SuggestedModel {
    scoring::Model model;
    std::int64_t won = 0;
    std::int64_t lost = 0;
    // AUC of the fitted logistic model on the rows it was fitted on (optimistic; the preview of
    // the points model on the current leads is the honest check).
    double auc_in_sample = 0;
};

// Builds the outcome table (BuildOutcomeTable: same refusal of thin data), fits the logistic model
// on every row and turns it into points (predictive::SuggestRules) whose every rule matches in the
// rule engine: lead fields, "company.*" and "custom.<key>" become fit rules on those fields;
// "touches.<type>" / "touches.total" become engagement `count` rules (all-time, clean
// touchpoints of that type / of any type) and "active_days" an engagement `distinct_days` rule,
// stacked so a lead with at least N touches gets the points of its count bin; a touch column that
// lowers the odds is left out (the engine cannot give points for "fewer than N") and the model
// refitted without it; "days_first_touch_to_outcome" is never used (open leads have no outcome).
// fit_weight splits the total so fit + engagement points add up to the 0-100 score. The model
// has `options.key` and a name "Suggested: learned from N won / M lost leads on YYYY-MM-DD"
// (`now`) and passes scoring::ValidateModel.
// Errors: BuildOutcomeTable's (kInvalidArgument, field "--min-outcomes", naming found and needed
// counts); kInvalidArgument when the outcomes separate nothing; errors of the store.
[[nodiscard]] Result<SuggestedModel> SuggestRulesFromOutcomes(storage::Store& store,
                                                              WorkspaceId workspace,
                                                              const SuggestedModelOptions& options,
                                                              Timestamp now);

// SuggestRulesFromOutcomes for the principal's workspace with the default options but
// `outcome_stage` (see OutcomeTableOptions) at the services' clock's now. kPermissionDenied
// unless admin or marketing (as a scoring preview); kInvalidArgument naming "outcome_stage" for
// a stage training does not take.
[[nodiscard]] Result<SuggestedModel> SuggestModel(Services& services,
                                                  const Principal& principal,
                                                  std::string_view outcome_stage = "won");

}  // namespace lb::service
