// YAML text to and from the model document tree (model_json.hpp): the same tree as JSON, with the
// line of every path so that errors can say where a problem is in the file.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "scoring/detail/model_json.hpp"

namespace lb::scoring::detail {

// A YAML document as a JSON tree. Plain scalars that read as numbers, true/false or null become
// those; quoted scalars stay text.
struct YamlTree {
    Json root;
    std::map<std::string, int, std::less<>> line_by_path;  // "rules[0].when.op" -> 1-based line
    std::size_t node_count = 0;

    // The line of `path`, or of its nearest ancestor that is in the file (1 for the root).
    [[nodiscard]] int LineOf(std::string_view path) const;
};

// kInvalidArgument "malformed YAML at line N, column C: <why>", or "line N: <path>: duplicate
// key" (field: the path), or "line N: <path>: keys must be text".
[[nodiscard]] Result<YamlTree> ReadYamlTree(std::string_view text);

// Block style YAML of `tree` (an object): nested maps indented by two, lists of maps as "- "
// items, lists of scalars in flow style ([a, b]); text is quoted only where a plain scalar would
// read back as something else.
[[nodiscard]] std::string WriteYamlTree(const Json& tree);

}  // namespace lb::scoring::detail
