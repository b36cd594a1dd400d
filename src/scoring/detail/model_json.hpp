// The model document as a JSON tree: reading it strictly (unknown keys and wrong types are errors
// naming the path) and writing it. JSON and YAML share these; model_parser.cpp adds the text.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "scoring/model.hpp"

namespace lb::scoring::detail {

// Keeps keys in document order, so written models read like the docs.
using Json = nlohmann::ordered_json;

// Reads one model document whose paths start with `path` ("" for a lone model, "[2]" in a list).
// kInvalidArgument "<path>: unknown key", "<path>: must be a number" (a string, an integer, a
// list, an object), "<path>: is required", "<path>: unknown operator 'x' (one of ...)".
// Does not validate the model (ValidateModel does).
[[nodiscard]] Result<Model> ModelFromJson(const Json& document, const std::string& path);

// The document of `model`: optional fields that are unset, a name equal to the id (key), the
// default aggregation and at_least outside count/distinct_days are left out.
[[nodiscard]] Json ModelToJson(const Model& model);

}  // namespace lb::scoring::detail
