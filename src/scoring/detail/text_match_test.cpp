#include "scoring/detail/text_match.hpp"

#include <gtest/gtest.h>

namespace lb::scoring::detail {
namespace {

TEST(UrlPath, DropsSchemeHostQueryAndFragment) {
    EXPECT_EQ(UrlPath("https://www.x.dk/pricing?plan=a#top"), "/pricing");
    EXPECT_EQ(UrlPath("https://www.x.dk"), "/");
    EXPECT_EQ(UrlPath("https://www.x.dk?q=1"), "/");
    EXPECT_EQ(UrlPath("/cases/tv?x"), "/cases/tv");
    EXPECT_EQ(UrlPath(""), "");
}

TEST(GlobMatch, StarMatchesAnyRunAndQuestionMarkOneCharacter) {
    EXPECT_TRUE(GlobMatch("/pricing*", "/pricing"));
    EXPECT_TRUE(GlobMatch("/pricing*", "/pricing/enterprise"));
    EXPECT_FALSE(GlobMatch("/pricing*", "/about/pricing"));
    EXPECT_TRUE(GlobMatch("*/pricing", "/about/pricing"));
    EXPECT_TRUE(GlobMatch("/cases/*", "/cases/tv"));
    EXPECT_FALSE(GlobMatch("/cases/*", "/cases"));
    EXPECT_TRUE(GlobMatch("/b?g", "/bag"));
    EXPECT_FALSE(GlobMatch("/b?g", "/bg"));
    EXPECT_TRUE(GlobMatch("*a*b*c*", "xxaxxbxxcxx"));
    EXPECT_FALSE(GlobMatch("*a*b*c*", "xxaxxcxxbxx"));
    EXPECT_TRUE(GlobMatch("*", ""));
}

TEST(HasWholeWord, NeedsWordBoundariesOnBothSides) {
    EXPECT_TRUE(HasWholeWord("marketing director", "director"));
    EXPECT_TRUE(HasWholeWord("ceo", "ceo"));
    EXPECT_TRUE(HasWholeWord("head of digital, ceo", "ceo"));
    EXPECT_FALSE(HasWholeWord("directorate lead", "director"));
    EXPECT_FALSE(HasWholeWord("codirector", "director"));
    EXPECT_TRUE(HasWholeWord("head of marketing", "head of"));
    EXPECT_FALSE(HasWholeWord("anything", ""));
}

TEST(EmailDomain, TakesThePartAfterTheLastAt) {
    EXPECT_EQ(EmailDomain("anne@acme.com"), "acme.com");
    EXPECT_EQ(EmailDomain("acme.com"), "acme.com");
}

TEST(IsSameOrSubdomain, MatchesParentDomainsOnly) {
    EXPECT_TRUE(IsSameOrSubdomain("acme.com", "acme.com"));
    EXPECT_TRUE(IsSameOrSubdomain("x.acme.com", "acme.com"));
    EXPECT_FALSE(IsSameOrSubdomain("notacme.com", "acme.com"));
    EXPECT_FALSE(IsSameOrSubdomain("acme.com", "x.acme.com"));
}

}  // namespace
}  // namespace lb::scoring::detail
