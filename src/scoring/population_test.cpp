#include "scoring/population.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace lb::scoring {
namespace {

Timestamp At(std::int64_t seconds) {
    return FromEpochMillis(seconds * 1000);
}

TouchFacts Touch(std::int64_t id, std::int64_t seconds, std::string_view url = "/") {
    return TouchFacts{TouchpointId(id), At(seconds), "page", "Home", url, ""};
}

TEST(Dictionary, CodeZeroIsTheEmptyTextAndCodesCountUp) {
    Dictionary dictionary;
    EXPECT_EQ(dictionary.Intern(""), 0U);
    EXPECT_EQ(dictionary.Intern("CEO"), 1U);
    EXPECT_EQ(dictionary.Intern("CMO"), 2U);
    EXPECT_EQ(dictionary.Intern("CEO"), 1U);
    EXPECT_EQ(dictionary.Text(2), "CMO");
    EXPECT_EQ(dictionary.Find("CMO"), 2U);
    EXPECT_FALSE(dictionary.Find("cfo").has_value());
    EXPECT_EQ(dictionary.size(), 3U);
}

TEST(PopulationBuilder, FillsColumnsOfLeadsThatLackAFieldWithNotSet) {
    PopulationBuilder builder;
    builder.AddLead({LeadId(1), At(0), {{"title", "CEO"}}, {{"company.employees", 40}}});
    builder.AddLead({LeadId(2), At(10), {{"custom.budget", "1500"}}, {}});
    builder.AddLead({LeadId(3), At(20), {}, {}});
    const Population population = std::move(builder).Finish();
    ASSERT_EQ(population.LeadCount(), 3U);
    EXPECT_EQ(population.lead_created_at[1], 10);
    const TextColumn& titles = population.text.at("title");
    ASSERT_EQ(titles.codes.size(), 3U);
    EXPECT_EQ(titles.dictionary.Text(titles.codes[0]), "CEO");
    EXPECT_EQ(titles.codes[2], 0U);
    const NumberColumn& employees = population.numbers.at("company.employees");
    EXPECT_EQ(employees.values[0], 40);
    EXPECT_TRUE(std::isnan(employees.values[1]));
    EXPECT_EQ(population.numbers.at("custom.budget").values[1], 1500);
    EXPECT_EQ(population.text.at("custom.budget").codes[1], 1U);
}

TEST(PopulationBuilder, SortsTouchpointsByLeadThenTimeWhateverTheOrderTheyCameIn) {
    PopulationBuilder builder;
    const auto first = builder.AddLead({LeadId(1), At(0), {}, {}});
    const auto second = builder.AddLead({LeadId(2), At(0), {}, {}});
    builder.AddTouch(second, Touch(10, 300));
    builder.AddTouch(first, Touch(11, 200));
    builder.AddTouch(second, Touch(12, 100));
    builder.AddTouch(first, Touch(13, 50));
    const Population population = std::move(builder).Finish();
    EXPECT_EQ(population.touch_offsets, (std::vector<std::uint32_t>{0, 2, 4}));
    EXPECT_EQ(population.touch_at, (std::vector<std::int64_t>{50, 200, 100, 300}));
    EXPECT_EQ(population.touch_ids[0], TouchpointId(13));
    EXPECT_EQ(population.touch_ids[3], TouchpointId(10));
}

TEST(PopulationBuilder, SortsEachLeadsRunWhenLeadsComeInOrder) {
    PopulationBuilder builder;
    const auto first = builder.AddLead({LeadId(1), At(0), {}, {}});
    const auto second = builder.AddLead({LeadId(2), At(0), {}, {}});
    builder.AddTouch(first, Touch(1, 30));
    builder.AddTouch(first, Touch(2, 10));
    builder.AddTouch(second, Touch(3, 5));
    const Population population = std::move(builder).Finish();
    EXPECT_EQ(population.touch_at, (std::vector<std::int64_t>{10, 30, 5}));
    EXPECT_EQ(population.touch_ids[0], TouchpointId(2));
}

TEST(PopulationBuilder, InternsTouchKindsByTypeNamePathAndFilteredReason) {
    PopulationBuilder builder;
    const auto row = builder.AddLead({LeadId(1), At(0), {}, {}});
    builder.AddTouch(row,
                     {TouchpointId(1), At(1), "page", "Pricing", "https://x.dk/pricing?a=1", ""});
    builder.AddTouch(row, {TouchpointId(2), At(2), "page", "Pricing", "/pricing#top", ""});
    builder.AddTouch(row, {TouchpointId(3), At(3), "page", "Pricing", "/pricing", "bot"});
    const Population population = std::move(builder).Finish();
    ASSERT_EQ(population.kinds.size(), 2U);
    EXPECT_EQ(population.kinds[0].path, "/pricing");
    EXPECT_EQ(population.touch_kind, (std::vector<std::uint32_t>{0, 0, 1}));
    EXPECT_EQ(population.kinds[1].filtered_reason, "bot");
}

TEST(PopulationBuilder, LeadWithoutTouchpointsHasAnEmptyRange) {
    PopulationBuilder builder;
    builder.AddLead({LeadId(1), At(0), {}, {}});
    const Population population = std::move(builder).Finish();
    EXPECT_EQ(population.touch_offsets, (std::vector<std::uint32_t>{0, 0}));
}

}  // namespace
}  // namespace lb::scoring
