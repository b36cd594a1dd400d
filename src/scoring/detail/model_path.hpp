// Paths into a model document ("rules[3].when.within_days") and the errors that name them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace lb::scoring::detail {

// "rules" + "id" -> "rules.id"; "" + "key" -> "key".
[[nodiscard]] inline std::string JoinPath(std::string_view path, std::string_view key) {
    std::string out(path);
    if (!out.empty()) out += '.';
    out += key;
    return out;
}

// "rules" + 3 -> "rules[3]"; "" + 2 -> "[2]".
[[nodiscard]] inline std::string IndexPath(std::string_view path, std::size_t index) {
    return std::string(path) + "[" + std::to_string(index) + "]";
}

// kInvalidArgument with field `path` and message "<path>: <why>" ("<why>" alone at the root).
[[nodiscard]] inline Error PathError(const std::string& path, std::string_view why) {
    if (path.empty()) return InvalidArgument(std::string(why));
    return InvalidArgument(path + ": " + std::string(why), path);
}

}  // namespace lb::scoring::detail
