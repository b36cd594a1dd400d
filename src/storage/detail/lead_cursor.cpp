#include "storage/detail/lead_cursor.hpp"

#include <array>
#include <charconv>
#include <optional>

namespace lb::storage::detail {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int kMaxLimit = 500;

std::string Base64UrlEncode(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8U) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x3FU];
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << static_cast<unsigned>(6 - bits)) & 0x3FU];
    return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const std::size_t value = kAlphabet.find(c);
        if (value == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 6U) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU);
        }
    }
    return out;
}

// Fields are length-prefixed ("<len>:<bytes>") so any text, separators included, round-trips.
void AppendField(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
}

std::optional<std::string_view> TakeField(std::string_view& in) {
    const std::size_t colon = in.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::size_t length = 0;
    const auto [end, ec] = std::from_chars(in.data(), in.data() + colon, length);
    if (ec != std::errc() || end != in.data() + colon || length > in.size() - colon - 1)
        return std::nullopt;
    std::string_view field = in.substr(colon + 1, length);
    in.remove_prefix(colon + 1 + length);
    return field;
}

std::optional<std::int64_t> ToInt(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

Error BadCursor() {
    return InvalidArgument("the cursor is not one this list returned; start without a cursor",
                           "cursor");
}

}  // namespace

std::string EncodeCursor(std::string_view tag, const CursorKey& key) {
    std::string payload;
    AppendField(payload, tag);
    AppendField(payload, std::to_string(key.number));
    AppendField(payload, key.text);
    AppendField(payload, key.text2);
    AppendField(payload, std::to_string(key.id));
    return Base64UrlEncode(payload);
}

Result<CursorKey> DecodeCursor(std::string_view cursor, std::string_view tag) {
    const std::optional<std::string> payload = Base64UrlDecode(cursor);
    if (!payload) return Fail(BadCursor());
    std::string_view in = *payload;
    std::array<std::string_view, 5> fields;
    for (std::string_view& field : fields) {
        auto taken = TakeField(in);
        if (!taken) return Fail(BadCursor());
        field = *taken;
    }
    const auto number = ToInt(fields[1]);
    const auto id = ToInt(fields[4]);
    if (!in.empty() || fields[0] != tag || !number || !id) return Fail(BadCursor());
    return CursorKey{.number = *number,
                     .text = std::string(fields[2]),
                     .text2 = std::string(fields[3]),
                     .id = *id};
}

std::string Placeholders(std::size_t first, std::size_t count) {
    std::string out;
    for (std::size_t index = 0; index < count; ++index) {
        if (index > 0) out += ", ";
        out += '$';
        out += std::to_string(first + index);
    }
    return out;
}

std::string PlaceholderRows(std::size_t rows, std::size_t columns) {
    std::string out;
    for (std::size_t row_idx = 0; row_idx < rows; ++row_idx) {
        if (row_idx > 0) out += ", ";
        out += "(" + Placeholders(row_idx * columns + 1, columns) + ")";
    }
    return out;
}

std::string LikePattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

Status ValidateLimit(int limit) {
    if (limit >= 1 && limit <= kMaxLimit) return Ok();
    return Fail(InvalidArgument("limit must be between 1 and 500", "limit"));
}

}  // namespace lb::storage::detail
