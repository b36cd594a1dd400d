// lb::Result<T> and lb::Status: the return types of every fallible function (STYLE.md §5).
#pragma once

#include <expected>

#include "common/error.hpp"

namespace lb {

// A value or an Error. Has no default constructor, so `return {};` cannot produce one by accident.
template <typename T>
using Result = std::expected<T, Error>;

// Success or an Error, for functions with nothing to return. `return Ok();` on success.
using Status = std::expected<void, Error>;

[[nodiscard]] inline Status Ok() {
    return {};
}

// Wraps an Error for returning from a function whose type is Result<T> or Status.
[[nodiscard]] inline std::unexpected<Error> Fail(Error error) {
    return std::unexpected<Error>(std::move(error));
}

}  // namespace lb

// Evaluates `expr` (a Result or Status); on error returns the error from the enclosing function.
#define LB_TRY(expr)                                              \
    do {                                                          \
        if (auto lb_try_result_ = (expr); !lb_try_result_)        \
            return ::lb::Fail(std::move(lb_try_result_).error()); \
    } while (false)

// Declares `var` from the value of the Result `expr`, or returns its error.
#define LB_ASSIGN_OR_RETURN(var, expr)                                       \
    auto LB_CONCAT_(lb_aor_, __LINE__) = (expr);                             \
    if (!LB_CONCAT_(lb_aor_, __LINE__))                                      \
        return ::lb::Fail(std::move(LB_CONCAT_(lb_aor_, __LINE__)).error()); \
    var = std::move(*LB_CONCAT_(lb_aor_, __LINE__))

#define LB_CONCAT_INNER_(a, b) a##b
#define LB_CONCAT_(a, b) LB_CONCAT_INNER_(a, b)
