// CsvReader: a streaming RFC 4180 reader (quoted fields, doubled quotes, line breaks in quotes)
// for UTF-8 text with or without a BOM, CRLF/LF/CR line ends and a `,` or `;` delimiter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace lb::tracking {

struct CsvOptions {
    // ',' or ';'. '\0' (default): detected from the first record, the one of the two that occurs
    // more often outside quotes (',' on a tie).
    char delimiter = '\0';
    // A record longer than this fails with kTooLarge, so that a stray quote cannot make the
    // reader buffer a whole file.
    std::size_t max_record_bytes = std::size_t{1} << 20;
};

// One record: its fields, unquoted, and the physical line (1-based) on which it starts.
struct CsvRecord {
    std::int64_t line = 0;
    std::vector<std::string> fields;
};

// Reads records one at a time from a stream. Blank lines are skipped; a final line break does not
// make an empty record. Not thread-safe; does not own the stream, which must outlive the reader.
class CsvReader final {
public:
    explicit CsvReader(std::istream& input, CsvOptions options = {});

    // Reads the next record into `record` (its previous content is replaced). Returns true when a
    // record was read and false at the end of the input. Errors (kInvalidArgument, message and
    // field "line N"): an unterminated quoted field, a character other than a delimiter or line
    // break after a closing quote, invalid UTF-8 ("line N column M", M counted in characters),
    // an option delimiter other than ',' / ';'; kTooLarge for a record over max_record_bytes.
    // After an error the reader stays failed and returns the same error.
    [[nodiscard]] Result<bool> Next(CsvRecord& record);

    // The delimiter in use; '\0' until the first call of Next when it is auto-detected.
    [[nodiscard]] char Delimiter() const { return delimiter_; }

private:
    [[nodiscard]] bool Fill();
    [[nodiscard]] int Peek();
    void Advance();
    [[nodiscard]] Status Start();
    [[nodiscard]] char DetectDelimiter();
    [[nodiscard]] Status CheckUtf8(unsigned char byte);
    [[nodiscard]] Status TakeByte(std::string& field);
    void EndLine(int byte, std::string* field);
    [[nodiscard]] Status ReadQuoted(std::string& field);
    [[nodiscard]] Status ReadUnquoted(std::string& field);
    [[nodiscard]] Status Failed(Error error);

    std::istream& input_;
    CsvOptions options_;
    char delimiter_ = '\0';
    std::string buffer_;
    std::size_t pos_ = 0;
    bool is_eof_ = false;
    bool is_started_ = false;
    std::int64_t line_ = 1;
    std::int64_t column_ = 0;          // characters of the current line consumed so far
    int utf8_pending_ = 0;             // continuation bytes still expected
    unsigned char utf8_low_ = 0x80U;   // allowed range of the next continuation byte
    unsigned char utf8_high_ = 0xBFU;  // (narrower after E0, ED, F0, F4)
    std::size_t record_bytes_ = 0;
    std::optional<Error> error_;
};

// Parses a whole text with CsvReader. Convenient for small inputs and tests.
[[nodiscard]] Result<std::vector<CsvRecord>> ParseCsv(std::string_view text,
                                                      CsvOptions options = {});

}  // namespace lb::tracking
