// Secrets: generating API keys and session tokens, hashing them, and password hashing.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace lb::service::detail {

// Hex SHA-256 of `text` (for API keys and session tokens, which are long random strings).
[[nodiscard]] std::string Sha256Hex(std::string_view text);
// An argon2id hash string (libsodium, interactive limits). kInternal when out of memory.
[[nodiscard]] Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `hash`; false for an empty or malformed hash.
[[nodiscard]] bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace lb::service::detail
