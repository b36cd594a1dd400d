// Table: a data set as named text columns (a CSV's records, the store's leads), stored
// dictionary-encoded so that encoding features costs one array look-up per cell.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"

namespace lb::scoring::predictive {

// One column: its distinct values (`dictionary`, in order of first appearance) and, per row, the
// index of the row's value in it (`codes`).
struct TableColumn {
    std::string name;
    std::vector<std::string> dictionary;
    std::vector<std::uint32_t> codes;
};

// Named text columns of equal length. Values are kept as given (no trimming). Not thread-safe for
// writing; concurrent reads are safe. Owns its data.
class Table final {
public:
    Table() = default;
    // A table with these columns and no rows. Requires: names are distinct.
    explicit Table(const std::vector<std::string>& names);

    // Appends one row; kInvalidArgument (field "row N", 1-based) when `values` does not have one
    // value per column.
    [[nodiscard]] Status AppendRow(std::span<const std::string> values);

    [[nodiscard]] std::size_t RowCount() const { return row_count_; }
    [[nodiscard]] std::size_t ColumnCount() const { return columns_.size(); }
    [[nodiscard]] const TableColumn& Column(std::size_t index) const { return columns_[index]; }
    // The index of the column called `name`, or nullopt.
    [[nodiscard]] std::optional<std::size_t> FindColumn(std::string_view name) const;
    [[nodiscard]] const std::string& Value(std::size_t column, std::size_t row) const {
        return columns_[column].dictionary[columns_[column].codes[row]];
    }

    // A table holding rows[0], rows[1], ... of this one (rows may repeat). Requires: every
    // index < RowCount().
    [[nodiscard]] Table SelectRows(std::span<const std::size_t> rows) const;

private:
    std::vector<TableColumn> columns_;
    std::vector<std::unordered_map<std::string, std::uint32_t>> lookup_;
    std::size_t row_count_ = 0;
};

}  // namespace lb::scoring::predictive
