// /collect and /forms/{form_key} (public, by the workspace's tracking key, with CORS for browsers
// on any site) and /api/v1/visitors/{anonymousId}.
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

bool AcceptsHtml(const Request& request) {
    return request.Header("accept").find("text/html") != std::string_view::npos;
}

// A browser's plain HTML form post without _lb_redirect lands on this page instead of raw JSON.
Response ThankYouPage() {
    Response response;
    response.content_type = "text/html; charset=utf-8";
    response.body =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Thank you</title></head><body><h1>Thank you</h1>"
        "<p>We have received your message.</p></body></html>";
    return response;
}

Response FormReply(const service::FormOutcome& outcome, bool accepts_html) {
    if (!outcome.redirect.empty()) {
        Response response;
        response.status = 303;
        response.content_type.clear();
        response.headers.emplace_back("Location", outcome.redirect);
        return response;
    }
    if (accepts_html) return ThankYouPage();
    return JsonReply(json::FormOutcomeToJson(outcome));
}

void SubmitForm(TrackingService& tracking, const Request& request, Responder respond) {
    const std::string form_key = PathText(request, "form_key");
    const service::FormPost post{.form_key = form_key,
                                 .content_type = request.Header("content-type"),
                                 .body = request.body,
                                 .referer = request.Header("referer"),
                                 .user_agent = request.Header("user-agent")};
    tracking.SubmitFormAsync(post,
                             [origin = std::string(request.Header("origin")),
                              accepts_html = AcceptsHtml(request),
                              respond = std::move(respond)](Result<service::FormOutcome> outcome) {
                                 Response response = outcome ? FormReply(*outcome, accepts_html)
                                                             : ErrorResponse(outcome.error());
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
    router.AddAsync(
        "POST", "/forms/{form_key}", [&tracking](const Request& request, Responder respond) {
            SubmitForm(tracking, request, std::move(respond));
        });
    router.Add("OPTIONS", "/forms/{form_key}", Preflight);
    AddLeadTrackingRoutes(router, services, tracking);
    router.Add(
        "GET",
        "/api/v1/visitors/{anonymousId}",
        RequireAuth(services, [&tracking](const Request& request, const Principal& principal) {
            return Reply(tracking.GetVisitor(principal, PathText(request, "anonymousId")),
                         json::VisitorToJson);
        }));
}

}  // namespace lb::http::handlers
