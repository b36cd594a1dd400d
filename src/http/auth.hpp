// Authentication of API requests: `Authorization: Bearer <api key>` or the UI's session cookie
// `lb_session`, with the CSRF rule for cookie-authenticated requests that change data.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "service/principal.hpp"
#include "service/services.hpp"

namespace lb::http {

inline constexpr std::string_view kSessionCookie = "lb_session";

// Who is calling, and how they proved it.
struct Caller {
    service::Principal principal;
    bool is_cookie_session = false;
};

// Authenticates `request`. A Bearer header wins over a cookie. Errors: kUnauthenticated when no
// credential is given, the Authorization scheme is not Bearer, or the key/session is unknown,
// revoked or expired. kPermissionDenied when a cookie-authenticated request with a method other
// than GET/HEAD lacks `Content-Type: application/json`: browsers do not send that type cross-site
// without a CORS preflight, which we never grant, so a forged form post cannot use the cookie
// (SameSite=Strict is the first line; this is the second).
[[nodiscard]] Result<Caller> Authenticate(const Request& request, service::Services& services);

// True when the Content-Type's media type is application/json (parameters ignored).
[[nodiscard]] bool HasJsonContentType(const Request& request);

// The value of the `lb_session` cookie, or "" when the request has none.
[[nodiscard]] std::string SessionToken(const Request& request);

// Set-Cookie values: the session (HttpOnly, SameSite=Strict, Path=/, Max-Age) and its removal.
[[nodiscard]] std::string SessionCookieHeader(std::string_view token, std::chrono::seconds max_age);
[[nodiscard]] std::string ClearedSessionCookieHeader();

// A handler that needs a principal; the wrapper authenticates first.
using AuthedHandler = std::function<Response(const Request&, const service::Principal&)>;

// Wraps `handler` so that it runs only for authenticated requests; otherwise returns the 401/403
// error. `services` must outlive the returned handler.
[[nodiscard]] Handler RequireAuth(service::Services& services, AuthedHandler handler);

// The usual handler shape: a free function taking the services, the request and the principal.
using ServiceHandler = Response (*)(service::Services&, const Request&, const service::Principal&);

// RequireAuth for a ServiceHandler, passing `services` along.
[[nodiscard]] Handler RequireAuth(service::Services& services, ServiceHandler handler);

}  // namespace lb::http
