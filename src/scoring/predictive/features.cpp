#include "scoring/predictive/features.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "common/text.hpp"

namespace lb::scoring::predictive {
namespace {

// Per dictionary entry of one table column: the feature it switches on (categorical) or its
// number (numeric); computed once per column so encoding a row is array look-ups.
struct CodeMap {
    std::vector<std::size_t> feature;  // categorical: absolute feature index
    std::vector<float> number;         // numeric: NaN when missing
};

bool IsMissingValue(const std::vector<std::string>& missing_values, const std::string& value) {
    if (Trim(value).empty()) return true;
    const std::string lowered = ToLower(Trim(value));
    return std::ranges::any_of(missing_values,
                               [&](const std::string& m) { return ToLower(Trim(m)) == lowered; });
}

// Counts of the non-missing values of a column over all rows.
std::map<std::string, std::int64_t> CountLevels(const TableColumn& column,
                                                const std::vector<std::string>& missing_values) {
    std::vector<std::int64_t> code_counts(column.dictionary.size(), 0);
    for (const std::uint32_t code : column.codes) ++code_counts[code];
    std::map<std::string, std::int64_t> counts;
    for (std::size_t code = 0; code < column.dictionary.size(); ++code) {
        if (code_counts[code] == 0) continue;
        if (IsMissingValue(missing_values, column.dictionary[code])) continue;
        counts[column.dictionary[code]] += code_counts[code];
    }
    return counts;
}

double Median(std::vector<double> values) {
    if (values.empty()) return 0;
    const std::size_t mid = values.size() / 2;
    std::nth_element(
        values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
    double median = values[mid];
    if (values.size() % 2 == 0) {
        median = (median + *std::max_element(values.begin(),
                                             values.begin() + static_cast<std::ptrdiff_t>(mid))) /
                 2;
    }
    return median;
}

// Fills a numeric encoding; false when some non-missing value is not a number (or none is).
bool TryNumeric(const TableColumn& column,
                const std::vector<std::string>& missing_values,
                ColumnEncoding& encoding) {
    // Only values the rows use count: a table made by SelectRows keeps every value of its source.
    std::vector<bool> is_used(column.dictionary.size(), false);
    for (const std::uint32_t code : column.codes) is_used[code] = true;
    std::vector<std::optional<double>> numbers(column.dictionary.size());
    std::vector<bool> is_missing(column.dictionary.size());
    for (std::size_t code = 0; code < column.dictionary.size(); ++code) {
        if (!is_used[code]) continue;
        is_missing[code] = IsMissingValue(missing_values, column.dictionary[code]);
        if (is_missing[code]) continue;
        numbers[code] = ParseNumber(column.dictionary[code]);
        if (!numbers[code]) return false;
    }
    std::vector<double> values;
    bool has_missing = false;
    for (const std::uint32_t code : column.codes) {
        if (is_missing[code]) {
            has_missing = true;
        } else {
            values.push_back(*numbers[code]);
        }
    }
    if (values.empty()) return false;
    encoding.kind = ColumnKind::kNumeric;
    encoding.median = Median(std::move(values));
    encoding.has_missing_indicator = has_missing;
    return true;
}

void FitCategorical(const TableColumn& column,
                    const FeatureOptions& options,
                    ColumnEncoding& encoding) {
    std::vector<std::pair<std::string, std::int64_t>> kept;
    for (const auto& [level, count] : CountLevels(column, options.missing_values)) {
        if (count >= options.min_level_count) kept.emplace_back(level, count);
    }
    // Most frequent first; ties by name, so the order does not depend on the row order.
    std::ranges::sort(kept, [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    encoding.kind = ColumnKind::kCategorical;
    for (auto& [level, count] : kept) encoding.levels.push_back(std::move(level));
}

std::size_t FeatureCountOf(const ColumnEncoding& encoding) {
    if (encoding.kind == ColumnKind::kNumeric) return encoding.has_missing_indicator ? 2 : 1;
    return encoding.levels.size() + 2;
}

CodeMap MapCodes(const FeatureSpec& spec,
                 const ColumnEncoding& encoding,
                 const TableColumn& column) {
    CodeMap map;
    const std::size_t other = encoding.first_feature + encoding.levels.size();
    for (const std::string& value : column.dictionary) {
        const bool is_missing = spec.IsMissing(value);
        if (encoding.kind == ColumnKind::kNumeric) {
            const std::optional<double> number = is_missing ? std::nullopt : ParseNumber(value);
            map.number.push_back(number ? static_cast<float>(*number)
                                        : std::numeric_limits<float>::quiet_NaN());
            continue;
        }
        const auto level = std::ranges::find(encoding.levels, value);
        map.feature.push_back(
            is_missing ? other + 1
                       : (level == encoding.levels.end()
                              ? other
                              : encoding.first_feature +
                                    static_cast<std::size_t>(level - encoding.levels.begin())));
    }
    return map;
}

void EncodeColumn(const ColumnEncoding& encoding,
                  const CodeMap& map,
                  const TableColumn& column,
                  std::size_t row_begin,
                  FeatureMatrix& matrix) {
    const auto first = static_cast<Eigen::Index>(encoding.first_feature);
    for (Eigen::Index out_row = 0; out_row < matrix.rows(); ++out_row) {
        const std::uint32_t code = column.codes[row_begin + static_cast<std::size_t>(out_row)];
        if (encoding.kind == ColumnKind::kCategorical) {
            matrix(out_row, static_cast<Eigen::Index>(map.feature[code])) = 1.0F;
            continue;
        }
        const float number = map.number[code];
        const bool is_missing = std::isnan(number);
        matrix(out_row, first) = is_missing ? static_cast<float>(encoding.median) : number;
        if (encoding.has_missing_indicator) matrix(out_row, first + 1) = is_missing ? 1.0F : 0.0F;
    }
}

}  // namespace

std::optional<double> ParseNumber(const std::string& text) {
    const std::string_view trimmed = Trim(text);
    if (trimmed.empty()) return std::nullopt;
    double value = 0;
    const char* end = trimmed.data() + trimmed.size();
    const auto [ptr, ec] = std::from_chars(trimmed.data(), end, value);
    if (ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::vector<std::string> FeatureSpec::FeatureNames() const {
    std::vector<std::string> names;
    names.reserve(feature_count);
    for (const ColumnEncoding& column : columns) {
        if (column.kind == ColumnKind::kNumeric) {
            names.push_back(column.name);
            if (column.has_missing_indicator) names.push_back(column.name + "=" + kMissingLevel);
            continue;
        }
        for (const std::string& level : column.levels) names.push_back(column.name + "=" + level);
        names.push_back(column.name + "=" + kOtherLevel);
        names.push_back(column.name + "=" + kMissingLevel);
    }
    return names;
}

bool FeatureSpec::IsMissing(const std::string& value) const {
    return IsMissingValue(missing_values, value);
}

Result<FeatureSpec> FitFeatureSpec(const Table& table,
                                   const std::string& target_column,
                                   const FeatureOptions& options) {
    for (const std::string& excluded : options.excluded_columns) {
        if (!table.FindColumn(excluded)) {
            return Fail(InvalidArgument("no column '" + excluded + "' to exclude", "--exclude"));
        }
    }
    FeatureSpec spec{.missing_values = options.missing_values, .columns = {}, .feature_count = 0};
    for (std::size_t column_idx = 0; column_idx < table.ColumnCount(); ++column_idx) {
        const TableColumn& column = table.Column(column_idx);
        if (column.name == target_column ||
            std::ranges::find(options.excluded_columns, column.name) !=
                options.excluded_columns.end()) {
            continue;
        }
        ColumnEncoding encoding;
        encoding.name = column.name;
        if (!TryNumeric(column, options.missing_values, encoding)) {
            FitCategorical(column, options, encoding);
        }
        encoding.first_feature = spec.feature_count;
        spec.feature_count += FeatureCountOf(encoding);
        spec.columns.push_back(std::move(encoding));
    }
    if (spec.columns.empty()) {
        return Fail(InvalidArgument("no feature columns left besides the target", "--exclude"));
    }
    return spec;
}

Result<FeatureMatrix> EncodeFeatures(const FeatureSpec& spec,
                                     const Table& table,
                                     std::size_t row_begin,
                                     std::size_t row_end,
                                     float absent_level) {
    row_end = std::min(row_end, table.RowCount());
    row_begin = std::min(row_begin, row_end);
    // Numeric features are written for every row, so only categorical ones keep this value.
    FeatureMatrix matrix = FeatureMatrix::Constant(static_cast<Eigen::Index>(row_end - row_begin),
                                                   static_cast<Eigen::Index>(spec.feature_count),
                                                   absent_level);
    for (const ColumnEncoding& encoding : spec.columns) {
        const std::optional<std::size_t> column_idx = table.FindColumn(encoding.name);
        if (!column_idx) {
            return Fail(
                InvalidArgument("the model needs column '" + encoding.name + "'", encoding.name));
        }
        const TableColumn& column = table.Column(*column_idx);
        EncodeColumn(encoding, MapCodes(spec, encoding, column), column, row_begin, matrix);
    }
    return matrix;
}

}  // namespace lb::scoring::predictive
