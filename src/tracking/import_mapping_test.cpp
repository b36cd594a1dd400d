#include "tracking/import_mapping.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lb::tracking {
namespace {

using Header = std::vector<std::string>;

CsvRecord Row(std::int64_t line, std::vector<std::string> fields) {
    return CsvRecord{line, std::move(fields)};
}

TEST(ParseColumnMapping, SplitsAtTheLastEqualsSignAndTrims) {
    auto mapping = ParseColumnMapping(" a=b = external_id ");
    ASSERT_TRUE(mapping.has_value());
    EXPECT_EQ(mapping->column, "a=b");
    EXPECT_EQ(mapping->field, "external_id");
}

TEST(ParseColumnMapping, RejectsTextWithoutBothSides) {
    for (const char* text : {"no-equals", "=email", "Column=", " = "}) {
        auto mapping = ParseColumnMapping(text);
        ASSERT_FALSE(mapping.has_value()) << text;
        EXPECT_EQ(mapping.error().field, "mapping");
    }
}

struct BadPlanCase {
    std::string name;
    Header header;
    std::vector<ColumnMapping> mappings;
    std::string message;  // substring of the error message
};

class ImportPlanRejects : public testing::TestWithParam<BadPlanCase> {};

TEST_P(ImportPlanRejects, BeforeAnyRow) {
    const BadPlanCase& tc = GetParam();
    auto plan = ImportPlan::Create(tc.header, tc.mappings, {});
    ASSERT_FALSE(plan.has_value());
    EXPECT_EQ(plan.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(plan.error().message.find(tc.message), std::string::npos) << plan.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    ImportPlanRejects,
    testing::Values(
        BadPlanCase{
            "DuplicateColumn", {"a", "b", "a"}, {}, "names column \"a\" twice (columns 1 and 3)"},
        BadPlanCase{"MissingColumn",
                    {"a", "b"},
                    {{"c", "email"}},
                    "mapped column \"c\" is not in the header; its columns are: a, b"},
        BadPlanCase{"UnknownField",
                    {"a"},
                    {{"a", "emial"}},
                    "unknown field \"emial\" for column \"a\"; fields are: email, external_id"},
        BadPlanCase{
            "MappedTwice", {"a"}, {{"a", "email"}, {"a", "phone"}}, "column \"a\" is mapped twice"},
        BadPlanCase{"TwoColumnsOneField",
                    {"Mail", "email"},
                    {{"Mail", "email"}},
                    "columns \"Mail\" and \"email\" both fill email"},
        BadPlanCase{
            "TwoColumnsOneCustomField", {"x", "y"}, {{"y", "custom.x"}}, "both fill custom.x"}),
    [](const testing::TestParamInfo<BadPlanCase>& param_info) { return param_info.param.name; });

TEST(ImportPlan, MapsColumnsByMappingByNameAndToCustomFields) {
    const Header header = {
        "Prospect ID", "EMAIL", "Lead Source", "Notes", "Skip", "", "company.name"};
    auto plan = ImportPlan::Create(
        header,
        std::vector<ColumnMapping>{
            {"Prospect ID", "external_id"}, {"Lead Source", "channel"}, {"Skip", "-"}},
        {"Select"});
    ASSERT_TRUE(plan.has_value()) << plan.error().message;
    auto input =
        plan->ToLeadInput(Row(2, {"p-1", "Ann@X.dk", "Olark Chat", "hello", "zzz", "", "Acme"}));
    ASSERT_TRUE(input.has_value()) << input.error().message;
    EXPECT_EQ(input->external_id.Value(), "p-1");
    EXPECT_EQ(input->email.Value(), "Ann@X.dk");
    EXPECT_EQ(input->channel.Value(), "Olark Chat");
    ASSERT_TRUE(input->company.has_value());
    EXPECT_EQ(input->company->name.Value(), "Acme");
    ASSERT_EQ(input->custom_fields.size(), 1U);
    EXPECT_EQ(input->custom_fields.at("Notes"), "hello");
}

TEST(ImportPlan, LeavesEmptyAndPlaceholderValuesAbsent) {
    auto plan = ImportPlan::Create(Header{"title", "City", "phone"}, {}, {"Select", "n/a"});
    ASSERT_TRUE(plan.has_value());
    auto input = plan->ToLeadInput(Row(3, {"  ", "Select", "n/a"}));
    ASSERT_TRUE(input.has_value());
    EXPECT_FALSE(input->title.IsPresent());
    EXPECT_FALSE(input->phone.IsPresent());
    EXPECT_TRUE(input->custom_fields.empty());
    EXPECT_FALSE(input->company.has_value());
}

TEST(ImportPlan, MapsToACustomFieldUnderAnotherName) {
    auto plan = ImportPlan::Create(
        Header{"Converted"}, std::vector<ColumnMapping>{{"Converted", "custom.converted"}}, {});
    ASSERT_TRUE(plan.has_value());
    auto input = plan->ToLeadInput(Row(2, {"1"}));
    ASSERT_TRUE(input.has_value());
    EXPECT_EQ(input->custom_fields.at("converted"), "1");
}

struct ValueCase {
    std::string field;
    std::string value;
    bool is_ok = true;
    std::string error;  // substring when !is_ok
};

class ImportPlanConverts : public testing::TestWithParam<ValueCase> {};

TEST_P(ImportPlanConverts, TypedValues) {
    const ValueCase& tc = GetParam();
    auto plan = ImportPlan::Create(Header{tc.field}, {}, {});
    ASSERT_TRUE(plan.has_value()) << plan.error().message;
    auto input = plan->ToLeadInput(Row(9, {tc.value}));
    ASSERT_EQ(input.has_value(), tc.is_ok) << (input ? "" : input.error().message);
    if (tc.is_ok) return;
    EXPECT_EQ(input.error().field, "line 9: " + tc.field);
    EXPECT_NE(input.error().message.find(tc.error), std::string::npos) << input.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    ImportPlanConverts,
    testing::Values(ValueCase{"probability", "2", true, ""},
                    ValueCase{"probability", "two", false, "\"two\" is not a whole number"},
                    ValueCase{"probability", "2.5", false, "not a whole number"},
                    ValueCase{"do_not_email", "Yes", true, ""},
                    ValueCase{"do_not_call", "0", true, ""},
                    ValueCase{"do_not_call", "maybe", false, "is not one of yes, no"},
                    ValueCase{"deal_value", "12500.50", true, ""},
                    ValueCase{"deal_value", "12.500,50", false, "is not a number"},
                    ValueCase{"company.employees", "250", true, ""},
                    ValueCase{"company.employees", "250 staff", false, "not a whole number"},
                    ValueCase{"company.annual_revenue", "1e6", true, ""},
                    ValueCase{"company.annual_revenue", "inf", false, "is not a number"}));

TEST(ImportPlan, ParsesTypedValuesIntoTheirFields) {
    auto plan = ImportPlan::Create(
        Header{"probability", "do_not_email", "deal_value", "company.employees"}, {}, {});
    ASSERT_TRUE(plan.has_value());
    auto input = plan->ToLeadInput(Row(2, {"3", "TRUE", "99.5", "12"}));
    ASSERT_TRUE(input.has_value());
    EXPECT_EQ(input->probability.Value(), 3);
    EXPECT_TRUE(input->do_not_email.Value());
    EXPECT_DOUBLE_EQ(input->deal_value.Value(), 99.5);
    EXPECT_EQ(input->company->employees.Value(), 12);
}

TEST(ImportPlan, RejectsARowWithTheWrongNumberOfFields) {
    auto plan = ImportPlan::Create(Header{"email", "phone"}, {}, {});
    ASSERT_TRUE(plan.has_value());
    auto input = plan->ToLeadInput(Row(14, {"a@b.dk"}));
    ASSERT_FALSE(input.has_value());
    EXPECT_EQ(input.error().field, "line 14");
    EXPECT_EQ(input.error().message, "the row has 1 fields but the header has 2");
}

TEST(LeadImportFields, ListsLeadAndCompanyFields) {
    const auto fields = LeadImportFields();
    EXPECT_EQ(fields.size(), 26U);
    EXPECT_EQ(fields.front(), "email");
    EXPECT_EQ(fields.back(), "company.customer_status");
}

}  // namespace
}  // namespace lb::tracking
