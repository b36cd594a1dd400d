// Scoring: /api/v1/scoring/models (JSON, or YAML for one model), /preview, /rescore,
// /suggested-model (rules learned from the workspace's outcomes) and a lead's score history.
#include "http/auth.hpp"
#include "http/handlers/reply.hpp"
#include "http/handlers/scoring_routes.hpp"
#include "http/json/scoring_json.hpp"
#include "http/url.hpp"
#include "scoring/model_parser.hpp"
#include "service/suggested_model.hpp"

namespace lb::http::handlers {

namespace {

using service::Principal;
using service::ScoringService;

Response ListModels(ScoringService& scoring, const Principal& principal) {
    return Reply(scoring.ListModels(principal),
                 [](const auto& models) { return Items(models, json::ModelToJson); });
}

Response ReplaceModels(ScoringService& scoring,
                       const Request& request,
                       const Principal& principal) {
    auto models = json::ParseModelItems(request.body);
    if (!models) return ErrorResponse(models.error());
    auto summary = scoring.ReplaceModels(principal, *models);
    if (!summary) return ErrorResponse(summary.error());
    json::Json body = Items(*models, json::ModelToJson);
    body["rescore"] = json::RescoreToJson(*summary);
    return JsonReply(body);
}

Response GetModel(ScoringService& scoring, const Request& request, const Principal& principal) {
    auto query = ParseQuery(request.query_string, {"format"});
    if (!query) return ErrorResponse(query.error());
    const std::string format = query->contains("format") ? query->at("format") : "json";
    if (format != "json" && format != "yaml")
        return ErrorResponse(InvalidArgument("format must be json or yaml", "format"));
    auto model = scoring.GetModel(principal, PathText(request, "key"));
    if (!model) return ErrorResponse(model.error());
    if (format == "json") return JsonReply(json::ModelToJson(*model));
    Response response;
    response.content_type = "application/yaml; charset=utf-8";
    response.body = scoring::WriteModelYaml(*model);
    return response;
}

Response PutModel(ScoringService& scoring, const Request& request, const Principal& principal) {
    auto model = json::ParseModelBody(request.body, request.Header("content-type"));
    if (!model) return ErrorResponse(model.error());
    const std::string key = PathText(request, "key");
    if (model->key != key) {
        return ErrorResponse(InvalidArgument(
            "the model's key '" + model->key + "' differs from the path's '" + key + "'", "key"));
    }
    auto summary = scoring.PutModel(principal, *model);
    if (!summary) return ErrorResponse(summary.error());
    return JsonReply(
        {{"model", json::ModelToJson(*model)}, {"rescore", json::RescoreToJson(*summary)}});
}

Response DeleteModel(ScoringService& scoring, const Request& request, const Principal& principal) {
    return Reply(scoring.DeleteModel(principal, PathText(request, "key")), [](const auto& summary) {
        return json::Json{{"rescore", json::RescoreToJson(summary)}};
    });
}

Response Preview(ScoringService& scoring, const Request& request, const Principal& principal) {
    auto draft = json::ParseModelBody(request.body, request.Header("content-type"));
    if (!draft) return ErrorResponse(draft.error());
    return Reply(scoring.Preview(principal, *draft), json::PreviewToJson);
}

Response Rescore(ScoringService& scoring, const Principal& principal) {
    return Reply(scoring.Rescore(principal), json::RescoreToJson);
}

Response ScoreHistory(ScoringService& scoring, const Request& request, const Principal& principal) {
    auto id = PathId<LeadId>(request);
    if (!id) return ErrorResponse(id.error());
    return Reply(scoring.GetScoreHistory(principal, *id),
                 [](const auto& history) { return Items(history, json::ScoreHistoryToJson); });
}

}  // namespace

void AddScoringRoutes(Router& router, service::Services& services, ScoringService& scoring) {
    const auto with = [&](auto handler) {
        return RequireAuth(services,
                           [&scoring, handler](const Request& request, const Principal& principal) {
                               return handler(scoring, request, principal);
                           });
    };
    router.Add("GET",
               "/api/v1/scoring/models",
               with([](ScoringService& s, const Request&, const Principal& p) {
                   return ListModels(s, p);
               }));
    router.Add("PUT", "/api/v1/scoring/models", with(ReplaceModels));
    router.Add("GET", "/api/v1/scoring/models/{key}", with(GetModel));
    router.Add("PUT", "/api/v1/scoring/models/{key}", with(PutModel));
    router.Add("DELETE", "/api/v1/scoring/models/{key}", with(DeleteModel));
    router.Add("POST", "/api/v1/scoring/preview", with(Preview));
    router.Add(
        "POST",
        "/api/v1/scoring/rescore",
        with([](ScoringService& s, const Request&, const Principal& p) { return Rescore(s, p); }));
    router.Add("GET", "/api/v1/leads/{id}/score-history", with(ScoreHistory));
    router.Add(
        "GET",
        "/api/v1/scoring/suggested-model",
        RequireAuth(services, [&services](const Request& request, const Principal& principal) {
            auto query = ParseQuery(request.query_string, {"outcome_stage"});
            if (!query) return ErrorResponse(query.error());
            const auto stage = query->find("outcome_stage");
            return Reply(service::SuggestModel(
                             services, principal, stage == query->end() ? "won" : stage->second),
                         json::SuggestedModelToJson);
        }));
}

}  // namespace lb::http::handlers
