#include "common/error.hpp"

#include <utility>

namespace lb {

std::string_view ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "invalid_argument";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kAlreadyExists:
            return "already_exists";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kPermissionDenied:
            return "permission_denied";
        case ErrorCode::kTooLarge:
            return "too_large";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kInternal:
            return "internal";
    }
    return "internal";
}

Error Error::WithContext(std::string_view context) const {
    Error copy = *this;
    copy.message = std::string(context) + ": " + message;
    return copy;
}

Error InvalidArgument(std::string message, std::string field) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
}
Error NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}};
}
Error AlreadyExists(std::string message, std::string field) {
    return {ErrorCode::kAlreadyExists, std::move(message), std::move(field)};
}
Error Conflict(std::string message) {
    return {ErrorCode::kConflict, std::move(message), {}};
}
Error Unauthenticated(std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(message), {}};
}
Error PermissionDenied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message), {}};
}
Error TooLarge(std::string message) {
    return {ErrorCode::kTooLarge, std::move(message), {}};
}
Error Unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message), {}};
}
Error Internal(std::string message) {
    return {ErrorCode::kInternal, std::move(message), {}};
}

}  // namespace lb
