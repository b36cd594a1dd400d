// /collect (public, by the workspace's tracking key, with CORS for browsers on any site) and
// /api/v1/visitors/{anonymousId}.
#include "http/auth.hpp"
#include "http/handlers/reply.hpp"
#include "http/handlers/routes.hpp"
#include "http/json/tracking_json.hpp"
#include "http/url.hpp"

namespace lb::http::handlers {

namespace {

using service::Principal;
using service::TrackingService;

// Any site may send events (the snippet runs on the customer's pages); the tracking key in the
// request decides whether they are taken. No cookies are involved, so echoing the origin grants
// nothing beyond reading the /collect reply.
void AddCorsHeaders(std::string_view origin, Response& response) {
    if (origin.empty()) return;
    response.headers.emplace_back("Access-Control-Allow-Origin", std::string(origin));
    response.headers.emplace_back("Vary", "Origin");
}

Response Preflight(const Request& request) {
    Response response;
    response.status = 204;
    response.content_type.clear();
    AddCorsHeaders(request.Header("origin"), response);
    response.headers.emplace_back("Access-Control-Allow-Methods", "POST, OPTIONS");
    response.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type");
    response.headers.emplace_back("Access-Control-Max-Age", "86400");
    return response;
}

// Answers after the commit without holding a server thread while the event writer works.
void Collect(TrackingService& tracking, const Request& request, Responder respond) {
    auto params = ParseQuery(request.query_string, {"key"});
    if (!params) return respond(ErrorResponse(params.error()));
    tracking.CollectAsync(request.body,
                          (*params)["key"],
                          [origin = std::string(request.Header("origin")),
                           respond = std::move(respond)](Result<tracking::CollectOutcome> outcome) {
                              if (!outcome) return respond(ErrorResponse(outcome.error()));
                              Response response = JsonReply(json::CollectOutcomeToJson(*outcome));
                              AddCorsHeaders(origin, response);
                              respond(std::move(response));
                          });
}

}  // namespace

void AddTrackingRoutes(Router& router, service::Services& services, TrackingService& tracking) {
    router.AddAsync("POST", "/collect", [&tracking](const Request& request, Responder respond) {
        Collect(tracking, request, std::move(respond));
    });
    router.Add("OPTIONS", "/collect", Preflight);
    router.Add(
        "GET",
        "/api/v1/visitors/{anonymousId}",
        RequireAuth(services, [&tracking](const Request& request, const Principal& principal) {
            return Reply(tracking.GetVisitor(principal, PathText(request, "anonymousId")),
                         json::VisitorToJson);
        }));
}

}  // namespace lb::http::handlers
