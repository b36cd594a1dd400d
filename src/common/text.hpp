// Small text helpers shared by parsers and validators.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lb {

[[nodiscard]] std::string ToLower(std::string_view text);
[[nodiscard]] std::string_view Trim(std::string_view text);
[[nodiscard]] std::vector<std::string_view> Split(std::string_view text, char separator);
// True when `text` is valid UTF-8.
[[nodiscard]] bool IsValidUtf8(std::string_view text);
// "Olark Chat" -> "olark-chat": lowercase ASCII letters and digits joined by single dashes.
[[nodiscard]] std::string Slugify(std::string_view text);

}  // namespace lb
