#include "tracking/csv_reader.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lb::tracking {
namespace {

using Rows = std::vector<std::vector<std::string>>;

struct ParseCase {
    std::string name;
    std::string text;
    Rows rows;
    std::vector<std::int64_t> lines;
    char delimiter = ',';
};

Rows FieldsOf(const std::vector<CsvRecord>& records) {
    Rows rows;
    for (const CsvRecord& record : records) rows.push_back(record.fields);
    return rows;
}

class CsvReaderParses : public testing::TestWithParam<ParseCase> {};

TEST_P(CsvReaderParses, RecordsFieldsAndLines) {
    const ParseCase& tc = GetParam();
    std::istringstream input(tc.text);
    CsvReader reader(input);
    std::vector<CsvRecord> records;
    CsvRecord record;
    while (true) {
        auto has_record = reader.Next(record);
        ASSERT_TRUE(has_record.has_value()) << has_record.error().message;
        if (!*has_record) break;
        records.push_back(record);
    }
    EXPECT_EQ(FieldsOf(records), tc.rows);
    std::vector<std::int64_t> lines;
    for (const CsvRecord& parsed : records) lines.push_back(parsed.line);
    EXPECT_EQ(lines, tc.lines);
    EXPECT_EQ(reader.Delimiter(), tc.delimiter);
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    CsvReaderParses,
    testing::Values(
        ParseCase{"Plain", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}, {1, 2}, ','},
        ParseCase{"NoFinalLineBreak", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}, {1, 2}, ','},
        ParseCase{"Crlf", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}, {1, 2}, ','},
        ParseCase{"LoneCr", "a,b\r1,2\r", {{"a", "b"}, {"1", "2"}}, {1, 2}, ','},
        ParseCase{"Bom",
                  "\xEF\xBB\xBF"
                  "email\nx@y.dk\n",
                  {{"email"}, {"x@y.dk"}},
                  {1, 2},
                  ','},
        ParseCase{"QuotedComma", "a,b\n\"x, y\",2\n", {{"a", "b"}, {"x, y", "2"}}, {1, 2}, ','},
        ParseCase{"DoubledQuote", "a\n\"say \"\"hi\"\"\"\n", {{"a"}, {"say \"hi\""}}, {1, 2}, ','},
        ParseCase{"NewlineInQuotes",
                  "a,b\r\n\"line1\r\nline2\",x\r\nlast,y\r\n",
                  {{"a", "b"}, {"line1\r\nline2", "x"}, {"last", "y"}},
                  {1, 2, 4},
                  ','},
        ParseCase{"EmptyFields", ",,\n", {{"", "", ""}}, {1}, ','},
        ParseCase{"TrailingComma", "a,b,\n1,2,\n", {{"a", "b", ""}, {"1", "2", ""}}, {1, 2}, ','},
        ParseCase{"EmptyQuoted", "\"\",x\n", {{"", "x"}}, {1}, ','},
        ParseCase{"BlankLinesSkipped", "a\n\n\nb\n", {{"a"}, {"b"}}, {1, 4}, ','},
        ParseCase{"Semicolon",
                  "navn;by\n\"Jensen; Co\";Århus\n",
                  {{"navn", "by"}, {"Jensen; Co", "Århus"}},
                  {1, 2},
                  ';'},
        ParseCase{"CommaWinsOverFewerSemicolons", "a;b,c,d\n", {{"a;b", "c", "d"}}, {1}, ','},
        ParseCase{"QuotedSemicolonsDoNotCount", "\"a;b;c\",d\n", {{"a;b;c", "d"}}, {1}, ','},
        ParseCase{"Utf8", "ø,æ,å,😀\n", {{"ø", "æ", "å", "😀"}}, {1}, ','},
        ParseCase{"Empty", "", {}, {}, ','},
        ParseCase{
            "StrayQuoteInsideUnquotedKept", "5\" screen,x\n", {{"5\" screen", "x"}}, {1}, ','}),
    [](const testing::TestParamInfo<ParseCase>& param_info) { return param_info.param.name; });

struct ErrorCase {
    std::string name;
    std::string text;
    std::string message;  // a substring of the error message
    std::string field;
};

class CsvReaderRejects : public testing::TestWithParam<ErrorCase> {};

TEST_P(CsvReaderRejects, WithLineAndReason) {
    const ErrorCase& tc = GetParam();
    auto records = ParseCsv(tc.text);
    ASSERT_FALSE(records.has_value());
    EXPECT_NE(records.error().message.find(tc.message), std::string::npos)
        << records.error().message;
    EXPECT_EQ(records.error().field, tc.field);
}

INSTANTIATE_TEST_SUITE_P(
    Table,
    CsvReaderRejects,
    testing::Values(
        ErrorCase{"UnterminatedQuote",
                  "a,b\n1,2\n\"open,3\n4,5\n",
                  "unterminated quoted field starting at line 3",
                  "line 3"},
        ErrorCase{"TextAfterClosingQuote",
                  "a\n\"x\"y\n",
                  "unexpected character after a closing quote at line 2 column 4",
                  "line 2"},
        ErrorCase{"InvalidLeadByte", "a\nab\xFF\n", "invalid UTF-8 at line 2 column 3", "line 2"},
        ErrorCase{"BadContinuation", "a\nøx\xC3(\n", "invalid UTF-8 at line 2 column 3", "line 2"},
        ErrorCase{"Overlong", "\xC0\xAF\n", "invalid UTF-8 at line 1 column 1", "line 1"},
        ErrorCase{"Surrogate", "x\xED\xA0\x80\n", "invalid UTF-8 at line 1 column 2", "line 1"},
        ErrorCase{"TruncatedAtEnd", "ab\xC3", "invalid UTF-8 at line 1 column 3", "line 1"},
        ErrorCase{"InvalidInQuotedSecondLine",
                  "\"ok\nbad\xFE\"\n",
                  "invalid UTF-8 at line 2 column 4",
                  "line 2"}),
    [](const testing::TestParamInfo<ErrorCase>& param_info) { return param_info.param.name; });

TEST(CsvReader, UsesTheDelimiterGivenAsOption) {
    auto records = ParseCsv("a;b,c\n", CsvOptions{.delimiter = ';'});
    ASSERT_TRUE(records.has_value());
    ASSERT_EQ(records->size(), 1U);
    EXPECT_EQ(records->front().fields, (std::vector<std::string>{"a", "b,c"}));
}

TEST(CsvReader, RejectsADelimiterOtherThanCommaOrSemicolon) {
    auto records = ParseCsv("a\tb\n", CsvOptions{.delimiter = '\t'});
    ASSERT_FALSE(records.has_value());
    EXPECT_EQ(records.error().field, "delimiter");
}

TEST(CsvReader, LimitsTheRecordSize) {
    auto records = ParseCsv("\"" + std::string(100, 'x'), CsvOptions{.max_record_bytes = 50});
    ASSERT_FALSE(records.has_value());
    EXPECT_EQ(records.error().code, ErrorCode::kTooLarge);
    EXPECT_NE(records.error().message.find("line 1"), std::string::npos);
}

TEST(CsvReader, ReadsRecordsLongerThanOneBufferChunk) {
    const std::string big(200'000, 'z');
    auto records = ParseCsv("h1,h2\r\n\"" + big + "\r\n" + big + "\"," + big + "\r\nx,y\r\n");
    ASSERT_TRUE(records.has_value()) << records.error().message;
    ASSERT_EQ(records->size(), 3U);
    EXPECT_EQ((*records)[1].fields[0], big + "\r\n" + big);
    EXPECT_EQ((*records)[1].fields[1], big);
    EXPECT_EQ((*records)[2].line, 4);
}

TEST(CsvReader, StaysFailedAfterAnError) {
    std::istringstream input("\"a\"b\nc\n");
    CsvReader reader(input);
    CsvRecord record;
    EXPECT_FALSE(reader.Next(record).has_value());
    EXPECT_FALSE(reader.Next(record).has_value());
}

}  // namespace
}  // namespace lb::tracking
