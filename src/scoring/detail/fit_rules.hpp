// Fit rules compiled for evaluation, and their binding to a Population: every dictionary code of
// the rule's column is decided once, so scoring a lead is one lookup per rule.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <vector>

#include "scoring/model.hpp"
#include "scoring/population.hpp"

namespace lb::scoring::detail {

// A fit rule with its values lowercased and its regex compiled. Thread-safe for const use.
struct FitRule {
    std::size_t rule_idx = 0;  // into Model::rules
    FitCondition condition;    // values lowercased
    std::optional<std::regex> regex;
    double points = 0;
    std::optional<double> cap;
};

// Requires: `rule` holds a validated FitCondition.
[[nodiscard]] FitRule CompileFitRule(const Rule& rule, std::size_t rule_idx);

// Whether a set text value (lowercase) satisfies the rule. Not for kBetween.
[[nodiscard]] bool MatchesText(const FitRule& rule, std::string_view lower_text);

// A fit rule tied to one Population's columns. Valid while the population lives.
class FitBinding final {
public:
    // Decides every dictionary code of the rule's column (for scoring many rows).
    FitBinding(const FitRule& rule, const Population& population);
    // Decides only `row` (for explaining one lead of a large population); Matches is then valid
    // for `row` only.
    [[nodiscard]] static FitBinding ForRow(const FitRule& rule,
                                           const Population& population,
                                           std::uint32_t row);
    [[nodiscard]] bool Matches(std::uint32_t row) const {
        if (is_between_) return MatchesRange(row);
        const std::uint32_t code = codes_ == nullptr ? 0 : codes_[row];
        if (code != 0) return by_code_[code] != 0;
        if (numbers_ != nullptr && !std::isnan(numbers_[row])) return MatchesNumberText(row);
        return unset_result_;
    }

private:
    explicit FitBinding(const FitRule& rule) : rule_(&rule) {}
    [[nodiscard]] bool MatchesRange(std::uint32_t row) const;
    [[nodiscard]] bool MatchesNumberText(std::uint32_t row) const;

    const FitRule* rule_;
    const std::uint32_t* codes_ = nullptr;
    const double* numbers_ = nullptr;
    std::vector<std::uint8_t> by_code_;
    bool is_between_ = false;
    bool unset_result_ = false;
};

// The rule's contribution when it holds: its points clamped to [-cap, cap].
[[nodiscard]] double FitContribution(const FitRule& rule);

// A readable reason the rule holds for `row`, e.g. "title has keyword 'director'".
[[nodiscard]] std::string DescribeFit(const FitRule& rule,
                                      const Population& population,
                                      std::uint32_t row);

// The field's value of `row` as text ("" when not set); numbers without text are formatted.
[[nodiscard]] std::string FieldText(const Population& population,
                                    std::string_view field,
                                    std::uint32_t row);

}  // namespace lb::scoring::detail
