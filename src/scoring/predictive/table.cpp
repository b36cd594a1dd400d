#include "scoring/predictive/table.hpp"

#include <utility>

namespace lb::scoring::predictive {

Table::Table(const std::vector<std::string>& names) : lookup_(names.size()) {
    columns_.reserve(names.size());
    for (const std::string& name : names) columns_.push_back(TableColumn{name, {}, {}});
}

Status Table::AppendRow(std::span<const std::string> values) {
    if (values.size() != columns_.size()) {
        return Fail(InvalidArgument("has " + std::to_string(values.size()) + " values, the table " +
                                        std::to_string(columns_.size()) + " columns",
                                    "row " + std::to_string(row_count_ + 1)));
    }
    for (std::size_t column_idx = 0; column_idx < columns_.size(); ++column_idx) {
        TableColumn& column = columns_[column_idx];
        const auto next_code = static_cast<std::uint32_t>(column.dictionary.size());
        auto [it, is_new] = lookup_[column_idx].try_emplace(values[column_idx], next_code);
        if (is_new) column.dictionary.push_back(values[column_idx]);
        column.codes.push_back(it->second);
    }
    ++row_count_;
    return Ok();
}

std::optional<std::size_t> Table::FindColumn(std::string_view name) const {
    for (std::size_t column_idx = 0; column_idx < columns_.size(); ++column_idx) {
        if (columns_[column_idx].name == name) return column_idx;
    }
    return std::nullopt;
}

Table Table::SelectRows(std::span<const std::size_t> rows) const {
    Table selected;
    selected.columns_.reserve(columns_.size());
    for (const TableColumn& column : columns_) {
        TableColumn copy{.name = column.name, .dictionary = column.dictionary, .codes = {}};
        copy.codes.reserve(rows.size());
        for (const std::size_t row : rows) copy.codes.push_back(column.codes[row]);
        selected.columns_.push_back(std::move(copy));
    }
    selected.lookup_ = lookup_;
    selected.row_count_ = rows.size();
    return selected;
}

}  // namespace lb::scoring::predictive
