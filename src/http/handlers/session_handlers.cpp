// UI sign-in: POST/DELETE /api/v1/session (the lb_session cookie) and GET /api/v1/me.
#include <chrono>

#include "http/auth.hpp"
#include "http/handlers/reply.hpp"
#include "http/handlers/routes.hpp"
#include "http/json/user_json.hpp"

namespace lb::http::handlers {

namespace {

using service::Principal;
using service::Services;

// Sign-in demands a JSON content type too, so that a cross-site form cannot sign a browser in to
// an attacker's account (login CSRF).
Response SignIn(Services& services, const Request& request) {
    if (!HasJsonContentType(request))
        return ErrorResponse(
            InvalidArgument("sign-in needs 'Content-Type: application/json'", "content-type"));
    auto body = json::ParseSignIn(request.body);
    if (!body) return ErrorResponse(body.error());
    auto signed_in = services.SignInWithPassword(body->email, body->password);
    if (!signed_in) return ErrorResponse(signed_in.error());
    const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(signed_in->expires_at -
                                                                          services.Time().Now());
    Response response = JsonReply(json::UserToJson(signed_in->user));
    response.headers.emplace_back("Set-Cookie",
                                  SessionCookieHeader(signed_in->token, std::max(max_age, {})));
    return response;
}

Response SignOut(Services& services, const Request& request, const Principal&) {
    // RequireAuth accepts a Bearer key too; only a cookie session has something to end.
    const std::string token = SessionToken(request);
    if (!token.empty()) {
        auto signed_out = services.SignOut(token);
        if (!signed_out) return ErrorResponse(signed_out.error());
    }
    Response response = JsonResponse(204, "");
    response.headers.emplace_back("Set-Cookie", ClearedSessionCookieHeader());
    return response;
}

// {"role", "workspace_id", "user": user or null (API keys that act for no user)}.
// Tracking keys may only send events, so they are refused here like everywhere under /api/v1.
Response Me(Services& services, const Request&, const Principal& principal) {
    if (auto allowed = service::Require(principal, service::Permission::kReadSettings); !allowed)
        return ErrorResponse(allowed.error());
    json::Json body = {{"role", domain::ToString(principal.role)},
                       {"workspace_id", principal.workspace.value},
                       {"user", nullptr}};
    if (principal.user.IsSet()) {
        auto user = services.CurrentUser(principal);
        if (!user) return ErrorResponse(user.error());
        body["user"] = json::UserToJson(*user);
    }
    return JsonReply(body);
}

}  // namespace

void AddHealthRoutes(Router& router) {
    router.Add("GET", "/healthz", [](const Request&) { return JsonReply({{"status", "ok"}}); });
}

void AddSessionRoutes(Router& router, Services& services) {
    router.Add("POST", "/api/v1/session", [&services](const Request& request) {
        return SignIn(services, request);
    });
    router.Add("DELETE", "/api/v1/session", RequireAuth(services, SignOut));
    router.Add("GET", "/api/v1/me", RequireAuth(services, Me));
}

void AddApiRoutes(Router& router, Services& services, service::TrackingService& tracking) {
    AddHealthRoutes(router);
    AddSessionRoutes(router, services);
    AddLeadRoutes(router, services);
    AddCompanyRoutes(router, services);
    AddSettingsRoutes(router, services);
    AddUserRoutes(router, services);
    AddTrackingRoutes(router, services, tracking);
}

}  // namespace lb::http::handlers
