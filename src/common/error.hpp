// Error values returned by every fallible function: a code, a human message and the field at fault.
#pragma once

#include <string>
#include <string_view>

namespace lb {

// What went wrong, in categories the HTTP layer maps to statuses (http/error_mapping.cpp) and the
// CLI to exit codes.
enum class ErrorCode {
    kInvalidArgument,   // the caller's input is wrong (400/422); `field` says where
    kNotFound,          // the thing asked for does not exist (404)
    kAlreadyExists,     // a unique key is taken (409)
    kConflict,          // the state forbids it (409)
    kUnauthenticated,   // no or a bad credential (401)
    kPermissionDenied,  // the credential's role may not do this (403)
    kTooLarge,          // the input is over a limit (413)
    kUnavailable,       // a dependency (database, disk) is not reachable now; retry (503)
    kInternal,          // a bug or an unexpected state (500)
};

// Stable lowercase name of a code, used in JSON error bodies: "invalid_argument", "not_found", ...
std::string_view ErrorCodeName(ErrorCode code);

// A failure as a value. Copyable; cheap to move.
struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;  // for people: what is wrong and, where it helps, how to fix it
    std::string
        field;  // the input field at fault ("company.domain", "line 12: email"); may be empty

    // Returns a copy whose message is prefixed with `context` and ": ".
    [[nodiscard]] Error WithContext(std::string_view context) const;
};

[[nodiscard]] Error InvalidArgument(std::string message, std::string field = {});
[[nodiscard]] Error NotFound(std::string message);
[[nodiscard]] Error AlreadyExists(std::string message, std::string field = {});
[[nodiscard]] Error Conflict(std::string message);
[[nodiscard]] Error Unauthenticated(std::string message);
[[nodiscard]] Error PermissionDenied(std::string message);
[[nodiscard]] Error TooLarge(std::string message);
[[nodiscard]] Error Unavailable(std::string message);
[[nodiscard]] Error Internal(std::string message);

}  // namespace lb
