// Base64 (RFC 4648, with padding) for binary blobs inside JSON documents.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lb::scoring::predictive::detail {

[[nodiscard]] std::string Base64Encode(std::string_view bytes);
// nullopt when `text` is not padded base64.
[[nodiscard]] std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace lb::scoring::predictive::detail
