#include "tracking/detail/pattern.hpp"

#include <string>

#include <gtest/gtest.h>

namespace lb::tracking::detail {
namespace {

struct GlobCase {
    std::string glob;
    std::string value;
    bool is_match;
};

class GlobTable : public testing::TestWithParam<GlobCase> {};

TEST_P(GlobTable, MatchesTheWholeValue) {
    EXPECT_EQ(GlobMatches(GetParam().glob, GetParam().value), GetParam().is_match)
        << GetParam().glob << " vs " << GetParam().value;
}

INSTANTIATE_TEST_SUITE_P(Table,
                         GlobTable,
                         testing::Values(GlobCase{"cpc", "cpc", true},
                                         GlobCase{"cpc", "cpcx", false},
                                         GlobCase{"cpc", "xcpc", false},
                                         GlobCase{"paid*", "paid", true},
                                         GlobCase{"paid*", "paid-search", true},
                                         GlobCase{"*mail", "e-mail", true},
                                         GlobCase{"a*b*c", "axxbyyc", true},
                                         GlobCase{"a*b*c", "axxbyy", false},
                                         GlobCase{"*", "", true},
                                         GlobCase{"", "", true},
                                         GlobCase{"", "x", false},
                                         GlobCase{"google.*", "google.co.uk", true},
                                         GlobCase{"google.*", "googleads.com", false}));

TEST(Pattern, AlternativesAreTrimmedAndLowercased) {
    auto pattern = Pattern::Parse(" CPC | Ppc ", "utm_medium");
    ASSERT_TRUE(pattern.has_value());
    EXPECT_EQ(pattern->Alternatives(), (std::vector<std::string>{"cpc", "ppc"}));
    EXPECT_TRUE(pattern->Matches("ppc"));
    EXPECT_FALSE(pattern->Matches("PPC"));  // values are lowercased by the caller
}

TEST(Pattern, HostMatchesParentDomains) {
    auto pattern = Pattern::Parse("facebook.com|google.*", "referrer_host");
    ASSERT_TRUE(pattern.has_value());
    EXPECT_TRUE(pattern->MatchesHost("l.facebook.com"));
    EXPECT_TRUE(pattern->MatchesHost("www.google.co.uk"));
    EXPECT_FALSE(pattern->MatchesHost("notfacebook.com"));
    EXPECT_FALSE(pattern->MatchesHost("facebook.com.evil.net"));
}

TEST(Pattern, RejectsEmptyAlternativesAndHugeText) {
    for (const std::string& text :
         {std::string(""), std::string("a||b"), std::string("a| "), std::string(1001, 'a')}) {
        auto pattern = Pattern::Parse(text, "f");
        ASSERT_FALSE(pattern.has_value()) << text;
        EXPECT_EQ(pattern.error().field, "f");
    }
}

TEST(GlobMatches, ManyStarsOnALongValueStayFast) {
    const std::string glob = "*a*a*a*a*a*a*a*a*b";
    const std::string value(20'000, 'a');
    EXPECT_FALSE(GlobMatches(glob, value));
}

}  // namespace
}  // namespace lb::tracking::detail
