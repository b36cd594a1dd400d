#include "tracking/detail/pattern.hpp"

#include "common/text.hpp"

namespace lb::tracking::detail {

Result<Pattern> Pattern::Parse(std::string_view text, std::string_view field) {
    if (text.size() > 1000)
        return Fail(InvalidArgument("is longer than 1000 characters", std::string(field)));
    Pattern pattern;
    for (const std::string_view alternative : Split(text, '|')) {
        const std::string_view trimmed = Trim(alternative);
        if (trimmed.empty()) {
            return Fail(InvalidArgument(
                "has an empty alternative; write values separated by '|', e.g. \"cpc|ppc\"",
                std::string(field)));
        }
        pattern.alternatives_.push_back(ToLower(trimmed));
    }
    return pattern;
}

bool Pattern::Matches(std::string_view value) const {
    for (const std::string& alternative : alternatives_) {
        if (GlobMatches(alternative, value)) return true;
    }
    return false;
}

bool Pattern::MatchesHost(std::string_view host) const {
    while (!host.empty()) {
        if (Matches(host)) return true;
        const std::size_t dot = host.find('.');
        if (dot == std::string_view::npos) break;
        host.remove_prefix(dot + 1);
    }
    return false;
}

// The classic greedy matcher with one backtrack point (the last '*'): O(glob x value) at worst,
// no recursion, so a hostile value cannot blow the stack.
bool GlobMatches(std::string_view glob, std::string_view value) {
    std::size_t glob_pos = 0;
    std::size_t value_pos = 0;
    std::size_t star_pos = std::string_view::npos;
    std::size_t star_value_pos = 0;
    while (value_pos < value.size()) {
        if (glob_pos < glob.size() && glob[glob_pos] == '*') {
            star_pos = glob_pos++;
            star_value_pos = value_pos;
        } else if (glob_pos < glob.size() && glob[glob_pos] == value[value_pos]) {
            ++glob_pos;
            ++value_pos;
        } else if (star_pos != std::string_view::npos) {
            glob_pos = star_pos + 1;
            value_pos = ++star_value_pos;
        } else {
            return false;
        }
    }
    while (glob_pos < glob.size() && glob[glob_pos] == '*') ++glob_pos;
    return glob_pos == glob.size();
}

}  // namespace lb::tracking::detail
