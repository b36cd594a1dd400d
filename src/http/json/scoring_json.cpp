#include "http/json/scoring_json.hpp"

#include <string>

#include "scoring/model_parser.hpp"

namespace lb::http::json {

namespace {

bool IsYaml(std::string_view content_type) {
    return content_type.find("yaml") != std::string_view::npos;
}

// `error` with `prefix` put before its field.
Error Prefixed(Error error, const std::string& prefix) {
    error.field = error.field.empty() ? prefix : prefix + "." + error.field;
    return error;
}

}  // namespace

Result<scoring::Model> ParseModelBody(std::string_view body, std::string_view content_type) {
    if (IsYaml(content_type)) return scoring::ParseModelYaml(body);
    return scoring::ParseModelJson(body);
}

Result<std::vector<scoring::Model>> ParseModelItems(std::string_view body) {
    LB_ASSIGN_OR_RETURN(const Json document, ParseBody(body));
    LB_ASSIGN_OR_RETURN(ObjectReader reader, ObjectReader::Open(document, ""));
    const Json* items = reader.Take("items");
    LB_TRY(reader.RejectUnknown());
    if (items == nullptr || !items->is_array())
        return Fail(InvalidArgument("items must be an array of scoring models", "items"));
    std::vector<scoring::Model> models;
    for (std::size_t idx = 0; idx < items->size(); ++idx) {
        auto model = scoring::ParseModelJson((*items)[idx].dump());
        if (!model) return Fail(Prefixed(model.error(), "items[" + std::to_string(idx) + "]"));
        models.push_back(std::move(*model));
    }
    return models;
}

Json ModelToJson(const scoring::Model& model) {
    return Json::parse(scoring::WriteModelJson(model));
}

Json RescoreToJson(const service::RescoreSummary& summary) {
    return {{"leads", summary.leads},
            {"changed", summary.changed},
            {"crossed_threshold", summary.crossed},
            {"dropped_below_threshold", summary.dropped}};
}

Json PreviewToJson(const service::PreviewReport& report) {
    Json bands = Json::array();
    for (const service::PreviewReport::Band& band : report.bands) {
        bands.push_back({{"low", band.low},
                         {"high", band.high},
                         {"leads", band.leads},
                         {"won", band.won},
                         {"lost", band.lost},
                         {"conversion", band.conversion}});
    }
    return {{"leads", report.leads},
            {"threshold", report.threshold},
            {"above_threshold", report.above_threshold},
            {"above_threshold_now", report.above_threshold_now},
            {"would_cross", report.would_cross},
            {"would_drop", report.would_drop},
            {"won", report.won},
            {"lost", report.lost},
            {"auc", report.auc ? Json(*report.auc) : Json(nullptr)},
            {"mean_total", report.mean_total},
            {"bands", std::move(bands)}};
}

Json SuggestedModelToJson(const service::SuggestedModel& suggested) {
    return {{"model", ModelToJson(suggested.model)},
            {"trained_on", {{"won", suggested.won}, {"lost", suggested.lost}}},
            {"auc_in_sample", suggested.auc_in_sample}};
}

Json ScoreHistoryToJson(const domain::ScoreHistoryEntry& entry) {
    return {{"at", TimeText(entry.at)},
            {"total", entry.total},
            {"fit", entry.fit},
            {"engagement", entry.engagement},
            {"grade", TextOrNull(entry.grade)},
            {"model", TextOrNull(entry.model_key)},
            {"cause", entry.cause}};
}

}  // namespace lb::http::json
