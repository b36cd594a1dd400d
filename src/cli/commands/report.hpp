// How commands turn a Status into an exit code and a message on stderr.
#pragma once

#include <ostream>

#include "cli/context.hpp"
#include "common/result.hpp"

namespace lb::cli {

// 0 for success; otherwise prints "leadbase: FIELD: MESSAGE" to stderr and returns 1.
inline int Report(const Status& status, CliContext& ctx) {
    if (status) return 0;
    *ctx.err << "leadbase: ";
    if (!status.error().field.empty()) *ctx.err << status.error().field << ": ";
    *ctx.err << status.error().message << '\n';
    return 1;
}

}  // namespace lb::cli
