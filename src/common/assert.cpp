#include "common/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace lb::detail {

void CheckFailed(std::string_view condition,
                 std::string_view message,
                 std::source_location where) noexcept {
    std::fprintf(stderr,
                 "leadbase: check failed at %s:%u: %.*s (%.*s)\n",
                 where.file_name(),
                 static_cast<unsigned>(where.line()),
                 static_cast<int>(message.size()),
                 message.data(),
                 static_cast<int>(condition.size()),
                 condition.data());
    std::abort();
}

}  // namespace lb::detail
