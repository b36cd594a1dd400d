#include "storage/detail/sql_connection.hpp"

#include <charconv>
#include <type_traits>

namespace lb::storage::detail {

bool SqlRow::IsNull(std::size_t col) const {
    return std::holds_alternative<std::monostate>(cells_[col]);
}

std::int64_t SqlRow::Int(std::size_t col) const {
    return std::visit(
        [](const auto& value) -> std::int64_t {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                return value;
            } else if constexpr (std::is_same_v<T, double>) {
                return static_cast<std::int64_t>(value);
            } else if constexpr (std::is_same_v<T, std::string>) {
                std::int64_t parsed = 0;
                std::from_chars(value.data(), value.data() + value.size(), parsed);
                return parsed;
            } else {
                return 0;
            }
        },
        cells_[col]);
}

int SqlRow::Int32(std::size_t col) const {
    return static_cast<int>(Int(col));
}

double SqlRow::Real(std::size_t col) const {
    if (const auto* real = std::get_if<double>(&cells_[col])) return *real;
    return static_cast<double>(Int(col));
}

std::string SqlRow::Text(std::size_t col) const {
    return std::visit(
        [](const auto& value) -> std::string {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return value;
            } else if constexpr (std::is_same_v<T, std::monostate>) {
                return {};
            } else {
                return std::to_string(value);
            }
        },
        cells_[col]);
}

std::optional<std::int64_t> SqlRow::OptInt(std::size_t col) const {
    if (IsNull(col)) return std::nullopt;
    return Int(col);
}

}  // namespace lb::storage::detail
