// Reading, writing and validating scoring models: JSON (the API) and YAML (files marketing edits).
// Both formats carry the same document; see docs/scoring.md for its fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "scoring/model.hpp"

namespace lb::scoring {

// Every problem of a model: kInvalidArgument whose field is the path of the first problem
// ("rules[3].when.within_days") and whose message says why ("must be > 0"). Checks: unique
// non-empty slug key and rule ids, known fields and operators, values present for operators that
// need them, min <= max, a regex that compiles, globs that are not empty, windows > 0 where
// required, at_least >= 1, cap > 0, half_life_days > 0 and only on engagement rules, fit_weight in
// [0, 1], fit_max / engagement_max > 0, category matching the condition kind.
[[nodiscard]] Status ValidateModel(const Model& model);

// Parses and validates one model from JSON. Unknown keys, wrong types and malformed JSON are
// kInvalidArgument naming the path ("rules[0].when.op") and, for malformed JSON, the byte offset.
[[nodiscard]] Result<Model> ParseModelJson(std::string_view json);
// The same from YAML; errors name the path and the line ("line 12").
[[nodiscard]] Result<Model> ParseModelYaml(std::string_view yaml);

// Writes a model so that Parse*(Write*(m)) == m.
[[nodiscard]] std::string WriteModelJson(const Model& model);
[[nodiscard]] std::string WriteModelYaml(const Model& model);

// A list of models as the API stores it: a JSON array of model documents. Keys must be unique.
[[nodiscard]] Result<std::vector<Model>> ParseModelListJson(std::string_view json);
[[nodiscard]] std::string WriteModelListJson(const std::vector<Model>& models);

// The model a new workspace gets (docs/scoring.md explains each rule).
[[nodiscard]] Model DefaultModel();

}  // namespace lb::scoring
