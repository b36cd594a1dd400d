#include "scoring/predictive/features.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lb::scoring::predictive {
namespace {

Table MakeTable(const std::vector<std::string>& names,
                const std::vector<std::vector<std::string>>& rows) {
    Table table(names);
    for (const auto& row : rows) EXPECT_TRUE(table.AppendRow(row).has_value());
    return table;
}

TEST(FitFeatureSpec, DetectsNumericColumnsAndPlaceholders) {
    const Table table = MakeTable(
        {"visits", "city", "y"},
        {{"3", "Aarhus", "1"}, {"", "Select", "0"}, {"2.5", "Aarhus", "1"}, {"7", "Odense", "0"}});
    FeatureOptions options;
    options.min_level_count = 2;
    const auto spec = FitFeatureSpec(table, "y", options);
    ASSERT_TRUE(spec) << spec.error().message;
    ASSERT_EQ(spec->columns.size(), 2U);
    EXPECT_EQ(spec->columns[0].kind, ColumnKind::kNumeric);
    EXPECT_DOUBLE_EQ(spec->columns[0].median, 3.0);
    EXPECT_TRUE(spec->columns[0].has_missing_indicator);
    EXPECT_EQ(spec->columns[1].kind, ColumnKind::kCategorical);
    EXPECT_EQ(spec->columns[1].levels, std::vector<std::string>{"Aarhus"});  // Odense is rare
    EXPECT_EQ(
        spec->FeatureNames(),
        (std::vector<std::string>{
            "visits", "visits=__missing__", "city=Aarhus", "city=__other__", "city=__missing__"}));
}

// Features: visits, visits=__missing__, city=Aarhus, city=__other__, city=__missing__.
Table SmallTrainingTable() {
    return MakeTable({"visits", "city", "y"},
                     {{"3", "Aarhus", "1"}, {"", "Aarhus", "0"}, {"5", "select", "1"}});
}

FeatureOptions KeepEveryLevel() {
    FeatureOptions options;
    options.min_level_count = 1;
    return options;
}

TEST(EncodeFeatures, MapsUnseenLevelsToOtherAndMissingToMedian) {
    const Table train = SmallTrainingTable();
    const auto spec = FitFeatureSpec(train, "y", KeepEveryLevel());
    ASSERT_TRUE(spec);
    const Table fresh = MakeTable({"city", "visits"}, {{"Vejle", ""}, {"", "10"}});
    const auto matrix = EncodeFeatures(*spec, fresh);
    ASSERT_TRUE(matrix) << matrix.error().message;
    // Features: visits, visits=__missing__, city=Aarhus, city=__other__, city=__missing__.
    EXPECT_FLOAT_EQ((*matrix)(0, 0), 4.0F);
    EXPECT_FLOAT_EQ((*matrix)(0, 1), 1.0F);
    EXPECT_FLOAT_EQ((*matrix)(0, 3), 1.0F);
    EXPECT_FLOAT_EQ((*matrix)(1, 0), 10.0F);
    EXPECT_FLOAT_EQ((*matrix)(1, 4), 1.0F);
    EXPECT_FLOAT_EQ((*matrix)(1, 2), 0.0F);
}

TEST(EncodeFeatures, LeavesLevelsARowLacksMissingForTreesButNumbersWhole) {
    const Table train = SmallTrainingTable();
    const auto spec = FitFeatureSpec(train, "y", KeepEveryLevel());
    ASSERT_TRUE(spec);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const auto matrix = EncodeFeatures(*spec, train, 0, SIZE_MAX, nan);
    ASSERT_TRUE(matrix) << matrix.error().message;
    // Features: visits, visits=__missing__, city=Aarhus, city=__other__, city=__missing__.
    EXPECT_FLOAT_EQ((*matrix)(1, 0), 4.0F);  // the median, as with zeros
    EXPECT_FLOAT_EQ((*matrix)(0, 1), 0.0F);  // indicators are numbers, never absent
    EXPECT_FLOAT_EQ((*matrix)(1, 1), 1.0F);
    EXPECT_FLOAT_EQ((*matrix)(0, 2), 1.0F);
    EXPECT_TRUE(std::isnan((*matrix)(0, 3)) && std::isnan((*matrix)(0, 4)));
    EXPECT_TRUE(std::isnan((*matrix)(2, 2)));
    EXPECT_FLOAT_EQ((*matrix)(2, 4), 1.0F);
}

TEST(EncodeFeatures, NamesAMissingColumn) {
    const Table train = MakeTable({"city", "y"}, {{"Aarhus", "1"}});
    const auto spec = FitFeatureSpec(train, "y", {});
    ASSERT_TRUE(spec);
    const auto matrix = EncodeFeatures(*spec, MakeTable({"town"}, {{"Aarhus"}}));
    ASSERT_FALSE(matrix);
    EXPECT_EQ(matrix.error().field, "city");
}

TEST(FitFeatureSpec, RejectsExcludingAnUnknownColumn) {
    const Table table = MakeTable({"city", "y"}, {{"Aarhus", "1"}});
    FeatureOptions options;
    options.excluded_columns = {"Tags"};
    const auto spec = FitFeatureSpec(table, "y", options);
    ASSERT_FALSE(spec);
    EXPECT_EQ(spec.error().field, "--exclude");
    EXPECT_NE(spec.error().message.find("'Tags'"), std::string::npos);
}

TEST(FitFeatureSpec, IgnoresValuesOfRowsNotSelected) {
    const Table all = MakeTable({"visits", "y"}, {{"1", "1"}, {"2", "0"}, {"many", "1"}});
    const std::vector<std::size_t> first_two = {0, 1};
    const auto spec = FitFeatureSpec(all.SelectRows(first_two), "y", {});
    ASSERT_TRUE(spec);
    EXPECT_EQ(spec->columns[0].kind, ColumnKind::kNumeric);
}

TEST(Table, RejectsRowsOfTheWrongWidth) {
    Table table({"a", "b"});
    const std::vector<std::string> row = {"only one"};
    const Status status = table.AppendRow(row);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().field, "row 1");
}

}  // namespace
}  // namespace lb::scoring::predictive
