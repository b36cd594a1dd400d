// The one table from ErrorCode to HTTP status, and the JSON error responses of API.md:
// {"error": {"code": "...", "message": "...", "field": "..."}}.
#pragma once

#include "common/error.hpp"
#include "http/message.hpp"

namespace lb::http {

// invalid_argument 400 (also for semantic errors; we never send 422), not_found 404,
// already_exists and conflict 409, unauthenticated 401, permission_denied 403, too_large 413,
// unavailable 503, internal 500.
[[nodiscard]] unsigned StatusFor(ErrorCode code);

// The error response for `error`. For kInternal the message is replaced by a generic one (the
// original is logged); kUnauthenticated adds `WWW-Authenticate: Bearer`.
[[nodiscard]] Response ErrorResponse(const Error& error);

// An error response outside the ErrorCode table (405 "method_not_allowed", 431
// "headers_too_large"), in the same JSON shape.
[[nodiscard]] Response ErrorBody(unsigned status,
                                 std::string_view code,
                                 std::string_view message,
                                 std::string_view field = "");

// A JSON response with `status` and `body` (already serialised).
[[nodiscard]] Response JsonResponse(unsigned status, std::string body);

}  // namespace lb::http
