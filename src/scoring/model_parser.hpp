// Reading, writing and validating scoring models: JSON (the API) and YAML (files marketing edits).
// Both formats carry the same document; see docs/scoring.md for its fields.
#pragma once

#include <span>
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

// Parses and validates one model from JSON. Unknown keys, keys given twice, wrong types and
// malformed JSON are kInvalidArgument naming the path ("rules[0].when.op") and, for malformed
// JSON, the byte offset. Every message starts with the path: "rules[0].when.opp: unknown key".
// "value": x is read as "values": [x]; numbers in values are kept as their text ("50").
[[nodiscard]] Result<Model> ParseModelJson(std::string_view json);
// The same from YAML; errors name the path and the line: "line 12: rules[0].points: must be a
// number" (field: the path). Plain scalars that look like numbers, true/false or null are read
// as those; quoted ones are text.
[[nodiscard]] Result<Model> ParseModelYaml(std::string_view yaml);

// Writes a model so that Parse*(Write*(m)) == m. Optional fields that are unset, names equal to
// the key / rule id, the default aggregation ("each") and at_least outside count/distinct_days
// are left out; the parsers fill them back in (name = key or id, fit_weight 0.5, aggregation
// each, at_least 1, within_days 0). JSON is indented by two spaces; YAML is block style with
// lists of scalars in flow style, quoting only text that would read back as something else.
[[nodiscard]] std::string WriteModelJson(const Model& model);
[[nodiscard]] std::string WriteModelYaml(const Model& model);

// A list of models as the API stores it: a JSON array of model documents. Keys must be unique
// (kInvalidArgument "[2].key: duplicate model key 'x' (also [0])"); errors inside a model carry
// its index ("[1].rules[0].when.op"). The writer writes compact JSON.
[[nodiscard]] Result<std::vector<Model>> ParseModelListJson(std::string_view json);
[[nodiscard]] std::string WriteModelListJson(const std::vector<Model>& models);

// The lead and company fields a fit condition can read (model.hpp lists them); "custom.<name>"
// fields come on top.
[[nodiscard]] std::span<const std::string_view> LeadFieldNames();

// The model a new workspace gets (docs/scoring.md explains each rule).
[[nodiscard]] Model DefaultModel();

}  // namespace lb::scoring
