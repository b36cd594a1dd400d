// The names a model document uses for categories, operators and aggregations, and the lead and
// company fields a fit rule may read (model.hpp lists them).
#pragma once

#include <optional>
#include <string_view>

#include "scoring/model.hpp"

namespace lb::scoring::detail {

// "fit", "engagement".
[[nodiscard]] std::string_view CategoryName(Category category);
[[nodiscard]] std::optional<Category> CategoryFromName(std::string_view name);

// "equals", "not_equals", ..., "keywords".
[[nodiscard]] std::string_view FitOpName(FitOp op);
[[nodiscard]] std::optional<FitOp> FitOpFromName(std::string_view name);
// Every operator name, comma separated, for error messages.
[[nodiscard]] std::string_view FitOpNames();

// "each", "count", "distinct_days", "recency", "inactivity".
[[nodiscard]] std::string_view AggregationName(Aggregation aggregation);
[[nodiscard]] std::optional<Aggregation> AggregationFromName(std::string_view name);
[[nodiscard]] std::string_view AggregationNames();

// True for the fields model.hpp lists and for "custom.<name>" with a non-empty name.
[[nodiscard]] bool IsKnownField(std::string_view field);
// True for the fields that hold numbers ("probability", "company.employees",
// "company.annual_revenue") and for custom fields (a number when they parse as one).
[[nodiscard]] bool IsNumberField(std::string_view field);

}  // namespace lb::scoring::detail
