#include "tracking/csv_reader.hpp"

#include <istream>
#include <sstream>
#include <utility>

namespace lb::tracking {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{64} << 10U;
constexpr int kEnd = -1;

bool IsLineBreak(int byte) {
    return byte == '\r' || byte == '\n';
}

std::string LineField(std::int64_t line) {
    return "line " + std::to_string(line);
}

}  // namespace

CsvReader::CsvReader(std::istream& input, CsvOptions options)
    : input_(input), options_(options), delimiter_(options.delimiter) {
}

bool CsvReader::Fill() {
    if (is_eof_) return false;
    if (pos_ == buffer_.size()) {
        buffer_.clear();
        pos_ = 0;
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kChunkBytes);
    input_.read(buffer_.data() + old_size, static_cast<std::streamsize>(kChunkBytes));
    const auto got = static_cast<std::size_t>(input_.gcount());
    buffer_.resize(old_size + got);
    if (got == 0) is_eof_ = true;
    return got > 0;
}

int CsvReader::Peek() {
    if (pos_ == buffer_.size() && !Fill()) return kEnd;
    return static_cast<unsigned char>(buffer_[pos_]);
}

void CsvReader::Advance() {
    ++pos_;
}

Status CsvReader::Failed(Error error) {
    error_ = error;
    return Fail(std::move(error));
}

Status CsvReader::Start() {
    is_started_ = true;
    while (buffer_.size() - pos_ < 3 && Fill()) {
    }
    if (std::string_view(buffer_).substr(pos_).starts_with("\xEF\xBB\xBF")) pos_ += 3;
    if (delimiter_ == '\0') delimiter_ = DetectDelimiter();
    if (delimiter_ != ',' && delimiter_ != ';') {
        return Failed(InvalidArgument("the delimiter must be ',' or ';'", "delimiter"));
    }
    return Ok();
}

// Counts ',' and ';' outside quotes on the first record without consuming it.
char CsvReader::DetectDelimiter() {
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    bool is_quoted = false;
    for (std::size_t offset = 0; offset < options_.max_record_bytes; ++offset) {
        if (pos_ + offset == buffer_.size() && !Fill()) break;
        const char c = buffer_[pos_ + offset];
        if (c == '"') {
            is_quoted = !is_quoted;
        } else if (!is_quoted && IsLineBreak(c) && offset > 0) {
            break;
        } else if (!is_quoted && c == ',') {
            ++commas;
        } else if (!is_quoted && c == ';') {
            ++semicolons;
        }
    }
    return semicolons > commas ? ';' : ',';
}

Status CsvReader::CheckUtf8(unsigned char byte) {
    const auto invalid = [this] {
        return Failed(InvalidArgument(
            "invalid UTF-8 at " + LineField(line_) + " column " + std::to_string(column_),
            LineField(line_)));
    };
    if (utf8_pending_ > 0) {
        if (byte < utf8_low_ || byte > utf8_high_) return invalid();
        --utf8_pending_;
        utf8_low_ = 0x80U;
        utf8_high_ = 0xBFU;
        return Ok();
    }
    ++column_;
    if (byte < 0x80U) return Ok();
    if (byte >= 0xC2U && byte <= 0xDFU) {
        utf8_pending_ = 1;
    } else if (byte >= 0xE0U && byte <= 0xEFU) {
        utf8_pending_ = 2;
        if (byte == 0xE0U) utf8_low_ = 0xA0U;   // no overlong forms
        if (byte == 0xEDU) utf8_high_ = 0x9FU;  // no surrogates
    } else if (byte >= 0xF0U && byte <= 0xF4U) {
        utf8_pending_ = 3;
        if (byte == 0xF0U) utf8_low_ = 0x90U;
        if (byte == 0xF4U) utf8_high_ = 0x8FU;  // nothing above U+10FFFF
    } else {
        return invalid();
    }
    return Ok();
}

Status CsvReader::TakeByte(std::string& field) {
    const auto byte = static_cast<unsigned char>(buffer_[pos_]);
    LB_TRY(CheckUtf8(byte));
    if (++record_bytes_ > options_.max_record_bytes) {
        return Failed(TooLarge("the record at " + LineField(line_) + " is longer than " +
                               std::to_string(options_.max_record_bytes) +
                               " bytes (is a quote missing?)"));
    }
    field.push_back(static_cast<char>(byte));
    Advance();
    return Ok();
}

// Consumes one line break (CRLF, LF or a lone CR), appending it to `field` when given.
void CsvReader::EndLine(int byte, std::string* field) {
    if (field != nullptr) field->push_back(static_cast<char>(byte));
    Advance();
    if (byte == '\r' && Peek() == '\n') {
        if (field != nullptr) field->push_back('\n');
        Advance();
    }
    ++line_;
    column_ = 0;
}

Status CsvReader::ReadUnquoted(std::string& field) {
    while (true) {
        const int c = Peek();
        if (utf8_pending_ == 0 && (c == kEnd || c == delimiter_ || IsLineBreak(c))) return Ok();
        if (c == kEnd) {
            return Failed(InvalidArgument("invalid UTF-8 at " + LineField(line_) + " column " +
                                              std::to_string(column_) + " (truncated character)",
                                          LineField(line_)));
        }
        LB_TRY(TakeByte(field));
    }
}

// Called after the opening quote; stops before the delimiter or line break after the closing one.
Status CsvReader::ReadQuoted(std::string& field) {
    const std::int64_t start_line = line_;
    while (true) {
        const int c = Peek();
        if (c == kEnd) {
            return Failed(
                InvalidArgument("unterminated quoted field starting at " + LineField(start_line),
                                LineField(start_line)));
        }
        if (utf8_pending_ > 0 || (c != '"' && !IsLineBreak(c))) {
            LB_TRY(TakeByte(field));
            continue;
        }
        if (IsLineBreak(c)) {
            EndLine(c, &field);
            continue;
        }
        Advance();
        ++column_;
        if (Peek() == '"') {
            LB_TRY(TakeByte(field));
            continue;
        }
        const int after = Peek();
        if (after == kEnd || after == delimiter_ || IsLineBreak(after)) return Ok();
        return Failed(InvalidArgument(
            "unexpected character after a closing quote at " + LineField(line_) + " column " +
                std::to_string(column_ + 1) + " (a quote inside a quoted field is written \"\")",
            LineField(line_)));
    }
}

Result<bool> CsvReader::Next(CsvRecord& record) {
    if (error_) return Fail(*error_);
    if (!is_started_) LB_TRY(Start());
    record.fields.clear();
    record_bytes_ = 0;
    int c = Peek();
    while (IsLineBreak(c)) {
        EndLine(c, nullptr);
        c = Peek();
    }
    if (c == kEnd) return false;
    record.line = line_;
    while (true) {
        std::string& field = record.fields.emplace_back();
        if (Peek() == '"') {
            Advance();
            ++column_;
            LB_TRY(ReadQuoted(field));
        } else {
            LB_TRY(ReadUnquoted(field));
        }
        c = Peek();
        if (c == delimiter_) {
            Advance();
            ++column_;
            continue;
        }
        if (IsLineBreak(c)) EndLine(c, nullptr);
        return true;
    }
}

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, CsvOptions options) {
    std::istringstream input{std::string(text)};
    CsvReader reader(input, options);
    std::vector<CsvRecord> records;
    CsvRecord record;
    while (true) {
        LB_ASSIGN_OR_RETURN(const bool has_record, reader.Next(record));
        if (!has_record) return records;
        records.push_back(std::move(record));
    }
}

}  // namespace lb::tracking
