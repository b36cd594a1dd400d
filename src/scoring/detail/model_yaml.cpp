#include "scoring/detail/model_yaml.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include <yaml-cpp/yaml.h>

#include "common/text.hpp"
#include "scoring/detail/model_path.hpp"

namespace lb::scoring::detail {

namespace {

bool IsOneOf(std::string_view text, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), text) != words.end();
}

// JSON's number grammar with an optional leading '+': what a plain YAML scalar needs to look like
// to be read as a number. (YAML 1.1 forms like 0x1F, 1_000 or .inf stay text.)
bool IsNumberText(std::string_view text) {
    std::size_t pos = 0;
    const auto digits = [&] {
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        return pos - start;
    };
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
    const std::size_t first = pos;
    const std::size_t integer_digits = digits();
    if (integer_digits == 0 || (integer_digits > 1 && text[first] == '0')) return false;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        if (digits() == 0) return false;
    }
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) ++pos;
        if (digits() == 0) return false;
    }
    return pos == text.size();
}

Json NumberFromText(const std::string_view original) {
    std::string_view text = original;
    if (text.front() == '+') text.remove_prefix(1);
    const bool is_integer = text.find_first_of(".eE") == std::string_view::npos;
    if (is_integer) {
        std::int64_t integer = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
        if (error == std::errc() && end == text.data() + text.size()) return integer;
    }
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    // Out of range (1e400): kept as text, so the reader says "must be a number" at its path.
    if (error != std::errc() || end != text.data() + text.size()) return std::string(original);
    return number;
}

// A plain scalar as YAML's core schema reads it.
Json PlainScalar(const std::string& text) {
    if (IsOneOf(text, {"true", "True", "TRUE"})) return true;
    if (IsOneOf(text, {"false", "False", "FALSE"})) return false;
    if (IsOneOf(text, {"", "~", "null", "Null", "NULL"})) return nullptr;
    if (IsNumberText(text)) return NumberFromText(text);
    return text;
}

Json ScalarJson(const YAML::Node& node) {
    const bool is_text = node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str";
    return is_text ? Json(node.Scalar()) : PlainScalar(node.Scalar());
}

int LineNumber(const YAML::Node& node) {
    return node.Mark().line + 1;
}

Result<Json> ConvertNode(const YAML::Node& node, const std::string& path, YamlTree& tree);

Result<Json> ConvertMap(const YAML::Node& node, const std::string& path, YamlTree& tree) {
    Json object = Json::object();
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) {
            const std::string line = "line " + std::to_string(LineNumber(it->first));
            return Fail(
                InvalidArgument(line + ": " + JoinPath(path, "?") + ": keys must be text", path));
        }
        const std::string& key = it->first.Scalar();
        const std::string key_path = JoinPath(path, key);
        if (object.contains(key)) {
            const Error error = PathError(key_path, "duplicate key");
            return Fail(InvalidArgument(
                "line " + std::to_string(LineNumber(it->first)) + ": " + error.message, key_path));
        }
        LB_ASSIGN_OR_RETURN(object[key], ConvertNode(it->second, key_path, tree));
        tree.line_by_path[key_path] = LineNumber(it->first);
    }
    return object;
}

// Aliases can make a small file expand into a huge tree ("billion laughs"); no model comes near.
constexpr std::size_t kMaxNodes = 100'000;

Result<Json> ConvertNode(const YAML::Node& node, const std::string& path, YamlTree& tree) {
    if (++tree.node_count > kMaxNodes)
        return Fail(InvalidArgument("the YAML document expands to more than " +
                                    std::to_string(kMaxNodes) + " values"));
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return ScalarJson(node);
        case YAML::NodeType::Sequence: {
            Json list = Json::array();
            for (std::size_t item_idx = 0; item_idx < node.size(); ++item_idx) {
                const std::string item_path = IndexPath(path, item_idx);
                tree.line_by_path[item_path] = LineNumber(node[item_idx]);
                LB_ASSIGN_OR_RETURN(Json item, ConvertNode(node[item_idx], item_path, tree));
                list.push_back(std::move(item));
            }
            return list;
        }
        case YAML::NodeType::Map:
            return ConvertMap(node, path, tree);
        default:
            return Json(nullptr);
    }
}

}  // namespace

int YamlTree::LineOf(std::string_view path) const {
    while (!path.empty()) {
        if (const auto it = line_by_path.find(path); it != line_by_path.end()) return it->second;
        const std::size_t cut = path.find_last_of(".[");
        path = path.substr(0, cut == std::string_view::npos ? 0 : cut);
    }
    return 1;
}

Result<YamlTree> ReadYamlTree(std::string_view text) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        return Fail(InvalidArgument("malformed YAML at line " + std::to_string(e.mark.line + 1) +
                                    ", column " + std::to_string(e.mark.column + 1) + ": " +
                                    e.msg));
    }
    YamlTree tree;
    tree.line_by_path[""] = 1;
    LB_ASSIGN_OR_RETURN(tree.root, ConvertNode(root, "", tree));
    return tree;
}

namespace {

bool IsPlainSafeChar(char c) {
    const auto uc = static_cast<unsigned char>(c);
    if (uc >= 0x80U || std::isalnum(uc) != 0) return true;
    return std::string_view(" _./+*()&'-").find(c) != std::string_view::npos;
}

// Text that YAML reads back unchanged without quotes, in block and in flow context.
bool IsPlainSafe(const std::string& text) {
    if (text.empty() || text.back() == ' ') return false;
    const auto first = static_cast<unsigned char>(text.front());
    if (std::isalnum(first) == 0 && text.front() != '/') return false;
    if (!std::ranges::all_of(text, IsPlainSafeChar)) return false;
    // YAML 1.1 readers take these as booleans.
    if (IsOneOf(ToLower(text), {"y", "n", "yes", "no", "on", "off"})) return false;
    return PlainScalar(text).is_string();
}

std::string ScalarText(const Json& value) {
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (IsPlainSafe(text)) return text;
    }
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool IsInline(const Json& value) {
    if (value.is_array())
        return std::ranges::none_of(value, [](const Json& item) { return item.is_structured(); });
    return !value.is_object() || value.empty();
}

std::string InlineText(const Json& value) {
    if (value.is_object()) return "{}";
    if (!value.is_array()) return ScalarText(value);
    std::string out = "[";
    for (const Json& item : value) {
        if (out.size() > 1) out += ", ";
        out += ScalarText(item);
    }
    return out + "]";
}

void WriteMap(const Json& object, std::size_t indent, std::string& out);

// A list of maps: each map's first key goes on the "- " line, the rest indented under it.
void WriteMapList(const Json& list, std::size_t indent, std::string& out) {
    for (const Json& item : list) {
        if (!item.is_object() || item.empty()) {
            out += std::string(indent + 2, ' ') + "- " + InlineText(item) + "\n";
            continue;
        }
        std::string item_text;
        WriteMap(item, indent + 4, item_text);
        item_text.replace(indent + 2, 2, "- ");
        out += item_text;
    }
}

void WriteMap(const Json& object, std::size_t indent, std::string& out) {
    for (const auto& [key, value] : object.items()) {
        out += std::string(indent, ' ') + ScalarText(Json(key)) + ":";
        if (IsInline(value)) {
            out += " " + InlineText(value) + "\n";
        } else if (value.is_object()) {
            out += "\n";
            WriteMap(value, indent + 2, out);
        } else {
            out += "\n";
            WriteMapList(value, indent, out);
        }
    }
}

}  // namespace

std::string WriteYamlTree(const Json& tree) {
    std::string out;
    WriteMap(tree, 0, out);
    return out;
}

}  // namespace lb::scoring::detail
