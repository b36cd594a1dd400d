#include "domain/money.hpp"

#include <gtest/gtest.h>

namespace lb::domain {
namespace {

TEST(Money, ParsesMajorUnitsExactlyToMinorUnits) {
    EXPECT_EQ(ParseMoney("12500.50", "x")->minor, 1250050);
    EXPECT_EQ(ParseMoney("0.1", "x")->minor, 10);
    EXPECT_EQ(ParseMoney(" 7 ", "x")->minor, 700);
}

TEST(Money, RejectsTextNegativesAndHugeAmountsNamingTheField) {
    for (const char* text : {"abc", "-5", "1e20", "", "12,5"}) {
        const auto money = ParseMoney(text, "deal_value");
        ASSERT_FALSE(money.has_value()) << text;
        EXPECT_EQ(money.error().field, "deal_value");
    }
}

TEST(Money, FormatsWithTwoDecimals) {
    EXPECT_EQ(FormatMoney(Money{1250050}), "12500.50");
}

}  // namespace
}  // namespace lb::domain
