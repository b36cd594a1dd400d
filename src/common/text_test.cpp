#include "common/text.hpp"

#include <gtest/gtest.h>

namespace lb {
namespace {

TEST(Slugify, LowercasesAndJoinsWordsWithDashes) {
    EXPECT_EQ(Slugify("Olark Chat"), "olark-chat");
    EXPECT_EQ(Slugify("  Google "), "google");
    EXPECT_EQ(Slugify("welearnblog_Home"), "welearnblog-home");
    EXPECT_EQ(Slugify("--"), "");
}

TEST(Utf8, AcceptsValidAndRejectsBrokenSequences) {
    EXPECT_TRUE(IsValidUtf8("Søren Ærø"));
    EXPECT_TRUE(IsValidUtf8(""));
    EXPECT_FALSE(IsValidUtf8("\xC3"));
    EXPECT_FALSE(
        IsValidUtf8("a\xFF"
                    "b"));
    EXPECT_FALSE(IsValidUtf8("\xE2\x82"));
}

TEST(Split, KeepsEmptyParts) {
    const auto parts = Split("a,,b,", ',');
    ASSERT_EQ(parts.size(), 4U);
    EXPECT_EQ(parts[1], "");
    EXPECT_EQ(parts[3], "");
}

}  // namespace
}  // namespace lb
