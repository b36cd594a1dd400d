#include "http/error_mapping.hpp"

#include <nlohmann/json.hpp>

#include "common/log.hpp"

namespace lb::http {

unsigned StatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kAlreadyExists:
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kPermissionDenied:
            return 403;
        case ErrorCode::kTooLarge:
            return 413;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

Response ErrorResponse(const Error& error) {
    std::string message = error.message;
    if (error.code == ErrorCode::kInternal) {
        // Internal messages can carry SQL or paths: they go to the log, not to the caller.
        log::error("internal error: {} (field '{}')", error.message, error.field);
        message = "internal error; the server log has the details";
    }
    Response response =
        ErrorBody(StatusFor(error.code), ErrorCodeName(error.code), message, error.field);
    if (error.code == ErrorCode::kUnauthenticated)
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
    return response;
}

Response ErrorBody(unsigned status,
                   std::string_view code,
                   std::string_view message,
                   std::string_view field) {
    const nlohmann::json body = {
        {"error", {{"code", code}, {"message", message}, {"field", field}}}};
    return JsonResponse(status,
                        body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response JsonResponse(unsigned status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

}  // namespace lb::http
