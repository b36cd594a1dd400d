// JSON of the scoring API: models (the document format of docs/scoring.md, also read from YAML),
// rescore summaries, preview reports and score history.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/entities.hpp"
#include "http/json/json_io.hpp"
#include "scoring/model.hpp"
#include "service/scoring_service.hpp"
#include "service/suggested_model.hpp"

namespace lb::http::json {

// One model document from a request body: YAML when `content_type` names YAML
// (application/yaml, application/x-yaml, text/yaml), else JSON. Errors name the rule path and,
// for YAML, the line.
[[nodiscard]] Result<scoring::Model> ParseModelBody(std::string_view body,
                                                    std::string_view content_type);
// {"items": [model, ...]}; errors name the item ("items[1].rules[0].op").
[[nodiscard]] Result<std::vector<scoring::Model>> ParseModelItems(std::string_view body);

[[nodiscard]] Json ModelToJson(const scoring::Model& model);
[[nodiscard]] Json RescoreToJson(const service::RescoreSummary& summary);
[[nodiscard]] Json PreviewToJson(const service::PreviewReport& report);
// {"model": <model document>, "trained_on": {"won", "lost"}, "auc_in_sample"}.
[[nodiscard]] Json SuggestedModelToJson(const service::SuggestedModel& suggested);
[[nodiscard]] Json ScoreHistoryToJson(const domain::ScoreHistoryEntry& entry);

}  // namespace lb::http::json
