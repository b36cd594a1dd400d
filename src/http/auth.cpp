#include "http/auth.hpp"

#include <utility>

#include "common/text.hpp"
#include "http/error_mapping.hpp"

namespace lb::http {

namespace {

bool IsSafeMethod(std::string_view method) {
    return method == "GET" || method == "HEAD";
}

}  // namespace

bool HasJsonContentType(const Request& request) {
    const std::string_view content_type = request.Header("content-type");
    const std::string_view media_type = Trim(content_type.substr(0, content_type.find(';')));
    return ToLower(media_type) == "application/json";
}

std::string SessionToken(const Request& request) {
    for (std::string_view cookie : Split(request.Header("cookie"), ';')) {
        cookie = Trim(cookie);
        const std::size_t eq = cookie.find('=');
        if (eq != std::string_view::npos && cookie.substr(0, eq) == kSessionCookie)
            return std::string(cookie.substr(eq + 1));
    }
    return {};
}

std::string SessionCookieHeader(std::string_view token, std::chrono::seconds max_age) {
    return std::string(kSessionCookie) + "=" + std::string(token) +
           "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age.count());
}

std::string ClearedSessionCookieHeader() {
    return std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
}

Result<Caller> Authenticate(const Request& request, service::Services& services) {
    const std::string_view authorization = Trim(request.Header("authorization"));
    if (!authorization.empty()) {
        constexpr std::string_view kScheme = "bearer ";
        if (authorization.size() <= kScheme.size() ||
            ToLower(authorization.substr(0, kScheme.size())) != kScheme)
            return Fail(Unauthenticated("the Authorization header must be 'Bearer <api key>'"));
        LB_ASSIGN_OR_RETURN(
            service::Principal principal,
            services.AuthenticateApiKey(Trim(authorization.substr(kScheme.size()))));
        return Caller{std::move(principal), false};
    }
    const std::string token = SessionToken(request);
    if (token.empty())
        return Fail(Unauthenticated(
            "sign in first: send 'Authorization: Bearer <api key>' or the lb_session cookie"));
    LB_ASSIGN_OR_RETURN(service::Principal principal, services.AuthenticateSession(token));
    if (!IsSafeMethod(request.method) && !HasJsonContentType(request))
        return Fail(PermissionDenied(
            "requests authenticated by the session cookie that change data must have "
            "'Content-Type: application/json'"));
    return Caller{std::move(principal), true};
}

Handler RequireAuth(service::Services& services, AuthedHandler handler) {
    return [&services, handler = std::move(handler)](const Request& request) {
        auto caller = Authenticate(request, services);
        if (!caller) return ErrorResponse(caller.error());
        return handler(request, caller->principal);
    };
}

Handler RequireAuth(service::Services& services, ServiceHandler handler) {
    return RequireAuth(
        services,
        [&services, handler](const Request& request, const service::Principal& principal) {
            return handler(services, request, principal);
        });
}

}  // namespace lb::http
