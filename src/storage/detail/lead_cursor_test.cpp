#include "storage/detail/lead_cursor.hpp"

#include <gtest/gtest.h>

namespace lb::storage::detail {
namespace {

TEST(LeadCursor, RoundTripsAnyText) {
    const CursorKey key{.number = -42, .text = "Ø|:5:\n", .text2 = "", .id = 7};
    auto decoded = DecodeCursor(EncodeCursor("leads-name-asc", key), "leads-name-asc");
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->number, -42);
    EXPECT_EQ(decoded->text, "Ø|:5:\n");
    EXPECT_EQ(decoded->text2, "");
    EXPECT_EQ(decoded->id, 7);
}

TEST(LeadCursor, RejectsGarbageAndCursorsOfAnotherSort) {
    const std::string cursor = EncodeCursor("leads-score-asc", CursorKey{});
    for (const std::string& bad : {std::string("!!"), std::string("abc"), cursor.substr(1)}) {
        auto decoded = DecodeCursor(bad, "leads-score-asc");
        ASSERT_FALSE(decoded.has_value()) << bad;
        EXPECT_EQ(decoded.error().field, "cursor");
    }
    EXPECT_FALSE(DecodeCursor(cursor, "leads-score-desc").has_value());
}

TEST(LeadCursor, EscapesLikeWildcards) {
    EXPECT_EQ(LikePattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
}

TEST(LeadCursor, NumbersPlaceholders) {
    EXPECT_EQ(Placeholders(3, 3), "$3, $4, $5");
}

}  // namespace
}  // namespace lb::storage::detail
