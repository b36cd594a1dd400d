#include "common/clock.hpp"

#include <gtest/gtest.h>

namespace lb {
namespace {

TEST(Iso8601, ParsesDateOnlyAsMidnightUtc) {
    const auto t = ParseIso8601("2026-11-22");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(FormatIso8601(*t), "2026-11-22T00:00:00.000Z");
}

TEST(Iso8601, AppliesZoneOffset) {
    const auto t = ParseIso8601("2026-11-22T10:00:00+02:00");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(FormatIso8601(*t), "2026-11-22T08:00:00.000Z");
}

TEST(Iso8601, KeepsMilliseconds) {
    const auto t = ParseIso8601("2026-01-02T03:04:05.678Z");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(FormatIso8601(*t), "2026-01-02T03:04:05.678Z");
}

TEST(Iso8601, RejectsImpossibleDates) {
    for (const char* text :
         {"2026-02-30", "2026-13-01", "26-01-01", "2026-01-01T25:00Z", "", "x"}) {
        const auto t = ParseIso8601(text);
        EXPECT_FALSE(t.has_value()) << text;
        if (!t) {
            EXPECT_EQ(t.error().code, ErrorCode::kInvalidArgument);
        }
    }
}

TEST(FakeClock, AdvancesOnlyWhenTold) {
    FakeClock clock(FromEpochMillis(1000));
    EXPECT_EQ(ToEpochMillis(clock.Now()), 1000);
    clock.Advance(std::chrono::seconds(2));
    EXPECT_EQ(ToEpochMillis(clock.Now()), 3000);
}

}  // namespace
}  // namespace lb
