// Suggested rules: a fitted logistic model turned into a points model marketing can read, preview
// and adopt in the rule engine (fit rules, rounded points, the best possible lead near 100).
#pragma once

#include <string>

#include "common/result.hpp"
#include "scoring/model.hpp"
#include "scoring/predictive/table.hpp"
#include "scoring/predictive/trained_model.hpp"

namespace lb::scoring::predictive {

// Per column, every value's log-odds relative to the column's worst value becomes points, scaled
// so the sum of the columns' best values is 100 and rounded; values worth 0 points get no rule,
// and values fewer than 10 of `table`'s rows have are left out (so near-constant columns give
// nothing).
// Categorical levels: `equals` (rare levels: `not_in` the kept ones; missing: `missing`);
// numeric columns: up to 4 quantile bins of `table`'s values as `between` (min/max are midpoints
// between neighbouring bins; open at the ends). Fields: a known lead field when the column is
// named like one ("title", "channel", ...), the column itself when it is "custom.<key>", else
// "custom.<column>". Every rule is named "<column>: <value>". fit_weight 1, fit_max the
// largest total. kInvalidArgument unless `model` is a logistic model; kInvalidArgument when the
// model separates nothing (every column's values are worth the same).
// Requires: `table` holds the rows the model was trained on (for the bins).
[[nodiscard]] Result<scoring::Model> SuggestRules(const TrainedModel& model, const Table& table);

// The model as the documented JSON document: {"key", "name", "fit_weight", "fit_max", "rules":
// [{"id", "name", "category": "fit", "points", "when": {"field", "op", "values" | "min", "max"}}]}.
[[nodiscard]] std::string SuggestedRulesJson(const scoring::Model& model);

}  // namespace lb::scoring::predictive
