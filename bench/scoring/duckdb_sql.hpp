// The benchmark's peer query: a scoring Model written as one DuckDB SQL query over the CSV tables
// the benchmark exports (leads, touches, kinds), computing the same fit, engagement and total.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "common/result.hpp"
#include "scoring/engine.hpp"

namespace lb::bench {

// Columns of the leads table: "t_<field>" (VARCHAR) for text fields and "n_<field>" (DOUBLE) for
// number fields, with '.' in field names replaced by '_'.
struct LeadColumns {
    std::set<std::string> text_fields, number_fields;
};

[[nodiscard]] std::string ColumnName(std::string_view prefix, std::string_view field);

// SELECT lead, fit, engagement, total FROM ... ORDER BY lead, as of `now_seconds` (epoch).
// kInvalidArgument for operators the translation does not cover (regex, text on numbers).
[[nodiscard]] Result<std::string> ScoringQuery(const scoring::CompiledModel& model,
                                               const LeadColumns& columns,
                                               std::int64_t now_seconds);

}  // namespace lb::bench
