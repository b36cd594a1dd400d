// The match patterns of channel rules: '|'-separated alternatives, each a case-insensitive glob
// where '*' stands for any run of characters ("cpc|ppc|paid*", "google.*").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace lb::tracking::detail {

// A parsed pattern. Immutable after Parse; thread-safe to share.
class Pattern final {
public:
    // Parses `text`; kInvalidArgument (field `field`) when it is empty, has an empty alternative
    // ("a||b") or is longer than 1000 characters.
    [[nodiscard]] static Result<Pattern> Parse(std::string_view text, std::string_view field);

    // True when `value` (already lowercase) matches one of the alternatives as a whole.
    [[nodiscard]] bool Matches(std::string_view value) const;

    // True when `host` (lowercase) or one of its parent domains matches: "google.*" matches
    // "www.google.co.uk" through "google.co.uk"; "facebook.com" matches "l.facebook.com".
    [[nodiscard]] bool MatchesHost(std::string_view host) const;

    // The alternatives, lowercase.
    [[nodiscard]] const std::vector<std::string>& Alternatives() const { return alternatives_; }

private:
    std::vector<std::string> alternatives_;
};

// True when `value` matches `glob` as a whole; '*' matches any run of characters. Both are
// compared byte by byte (callers lowercase them first). Linear in practice; never recurses.
[[nodiscard]] bool GlobMatches(std::string_view glob, std::string_view value);

}  // namespace lb::tracking::detail
