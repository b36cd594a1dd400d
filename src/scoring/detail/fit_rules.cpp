#include "scoring/detail/fit_rules.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "domain/validation.hpp"
#include "scoring/detail/text_match.hpp"

namespace lb::scoring::detail {
namespace {

bool AnyValue(const FitRule& rule, auto&& predicate) {
    return std::ranges::any_of(rule.condition.values, predicate);
}

bool InRange(const FitCondition& condition, double value) {
    if (std::isnan(value)) return false;
    return (!condition.min || value >= *condition.min) &&
           (!condition.max || value <= *condition.max);
}

std::string FormatNumber(double value) {
    return fmt::format("{}", value);
}

// What an operator answers for a lead whose field is not set.
bool UnsetResult(FitOp op) {
    return op == FitOp::kMissing;
}

std::string_view OpVerb(FitOp op) {
    switch (op) {
        case FitOp::kEquals:
            return "is";
        case FitOp::kNotEquals:
            return "is not";
        case FitOp::kIn:
            return "is one of";
        case FitOp::kNotIn:
            return "is none of";
        case FitOp::kContains:
            return "contains";
        case FitOp::kPrefix:
            return "starts with";
        case FitOp::kSuffix:
            return "ends with";
        case FitOp::kRegex:
            return "matches";
        case FitOp::kKeywords:
            return "has keyword";
        case FitOp::kDomainIn:
            return "has domain in";
        default:
            return "";
    }
}

std::string QuotedList(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& value : values) {
        if (!out.empty()) out += ", ";
        out += "'" + value + "'";
    }
    return out;
}

// The values that make the rule hold for `lower_text` (for the explanation).
std::vector<std::string> MatchingValues(const FitRule& rule, std::string_view lower_text) {
    std::vector<std::string> matching;
    for (const std::string& value : rule.condition.values) {
        FitRule single = rule;
        single.condition.values = {value};
        if (MatchesText(single, lower_text)) matching.push_back(value);
    }
    return matching;
}

}  // namespace

FitRule CompileFitRule(const Rule& rule, std::size_t rule_idx) {
    FitRule compiled;
    compiled.rule_idx = rule_idx;
    compiled.condition = std::get<FitCondition>(rule.when);
    for (std::string& value : compiled.condition.values) value = Lower(value);
    if (compiled.condition.op == FitOp::kRegex && !compiled.condition.values.empty()) {
        compiled.regex.emplace(compiled.condition.values.front(),
                               std::regex::ECMAScript | std::regex::icase);
    }
    compiled.points = rule.points;
    compiled.cap = rule.cap;
    return compiled;
}

bool MatchesText(const FitRule& rule, std::string_view lower_text) {
    const auto& values = rule.condition.values;
    switch (rule.condition.op) {
        case FitOp::kEquals:
            return !values.empty() && lower_text == values.front();
        case FitOp::kNotEquals:
            return values.empty() || lower_text != values.front();
        case FitOp::kIn:
            return AnyValue(rule, [&](const auto& v) { return lower_text == v; });
        case FitOp::kNotIn:
            return !AnyValue(rule, [&](const auto& v) { return lower_text == v; });
        case FitOp::kContains:
            return AnyValue(rule,
                            [&](const auto& v) { return lower_text.find(v) != lower_text.npos; });
        case FitOp::kPrefix:
            return AnyValue(rule, [&](const auto& v) { return lower_text.starts_with(v); });
        case FitOp::kSuffix:
            return AnyValue(rule, [&](const auto& v) { return lower_text.ends_with(v); });
        case FitOp::kRegex:
            return rule.regex &&
                   std::regex_search(lower_text.begin(), lower_text.end(), *rule.regex);
        case FitOp::kKeywords:
            return AnyValue(rule, [&](const auto& v) { return HasWholeWord(lower_text, v); });
        case FitOp::kFreeMail:
            return domain::IsFreeMailDomain(EmailDomain(lower_text));
        case FitOp::kDomainIn:
            return AnyValue(
                rule, [&](const auto& v) { return IsSameOrSubdomain(EmailDomain(lower_text), v); });
        case FitOp::kExists:
            return true;
        case FitOp::kMissing:
            return false;
        case FitOp::kBetween:
            return false;
    }
    return false;
}

FitBinding::FitBinding(const FitRule& rule, const Population& population)
    : rule_(&rule),
      is_between_(rule.condition.op == FitOp::kBetween),
      unset_result_(UnsetResult(rule.condition.op)) {
    if (const auto numbers = population.numbers.find(rule.condition.field);
        numbers != population.numbers.end()) {
        numbers_ = numbers->second.values.data();
    }
    const auto text = population.text.find(rule.condition.field);
    if (is_between_ || text == population.text.end()) return;
    codes_ = text->second.codes.data();
    const Dictionary& dictionary = text->second.dictionary;
    const FitOp op = rule.condition.op;
    if (op == FitOp::kExists || op == FitOp::kMissing) {
        by_code_.assign(dictionary.size(), op == FitOp::kExists ? 1 : 0);
        by_code_[0] = unset_result_ ? 1 : 0;
        return;
    }
    by_code_.resize(dictionary.size());
    by_code_[0] = unset_result_ ? 1 : 0;
    std::string lower;  // reused: e-mail columns have a code per lead
    for (std::uint32_t code = 1; code < dictionary.size(); ++code) {
        LowerInto(dictionary.Text(code), lower);
        by_code_[code] = MatchesText(rule, lower) ? 1 : 0;
    }
}

// With no column bound, Matches answers unset_result_: that is set to the row's answer.
FitBinding FitBinding::ForRow(const FitRule& rule,
                              const Population& population,
                              std::uint32_t row) {
    const FitCondition& condition = rule.condition;
    double number = std::numeric_limits<double>::quiet_NaN();
    if (const auto numbers = population.numbers.find(condition.field);
        numbers != population.numbers.end()) {
        number = numbers->second.values[row];
    }
    FitBinding binding(rule);
    binding.unset_result_ = UnsetResult(condition.op);
    if (condition.op == FitOp::kBetween) {
        binding.unset_result_ = InRange(condition, number);
        return binding;
    }
    std::uint32_t code = 0;
    const auto text = population.text.find(condition.field);
    if (text != population.text.end()) code = text->second.codes[row];
    if (code != 0) {
        binding.unset_result_ = MatchesText(rule, Lower(text->second.dictionary.Text(code)));
    } else if (!std::isnan(number)) {
        binding.unset_result_ = MatchesText(rule, FormatNumber(number));
    }
    return binding;
}

bool FitBinding::MatchesRange(std::uint32_t row) const {
    if (numbers_ == nullptr) return false;
    const double value = numbers_[row];
    if (std::isnan(value)) return false;
    const auto& condition = rule_->condition;
    return (!condition.min || value >= *condition.min) &&
           (!condition.max || value <= *condition.max);
}

bool FitBinding::MatchesNumberText(std::uint32_t row) const {
    return MatchesText(*rule_, FormatNumber(numbers_[row]));
}

double FitContribution(const FitRule& rule) {
    return rule.cap ? std::clamp(rule.points, -*rule.cap, *rule.cap) : rule.points;
}

std::string FieldText(const Population& population, std::string_view field, std::uint32_t row) {
    if (const auto text = population.text.find(field); text != population.text.end()) {
        const std::uint32_t code = text->second.codes[row];
        if (code != 0) return text->second.dictionary.Text(code);
    }
    if (const auto numbers = population.numbers.find(field); numbers != population.numbers.end()) {
        const double value = numbers->second.values[row];
        if (!std::isnan(value)) return FormatNumber(value);
    }
    return {};
}

std::string DescribeFit(const FitRule& rule, const Population& population, std::uint32_t row) {
    const FitCondition& condition = rule.condition;
    const std::string value = FieldText(population, condition.field, row);
    switch (condition.op) {
        case FitOp::kExists:
            return fmt::format("{} is set ('{}')", condition.field, value);
        case FitOp::kMissing:
            return fmt::format("{} is not set", condition.field);
        case FitOp::kFreeMail:
            return fmt::format(
                "{} is at free-mail domain '{}'", condition.field, EmailDomain(value));
        case FitOp::kBetween: {
            const std::string low = condition.min ? FormatNumber(*condition.min) : "-inf";
            const std::string high = condition.max ? FormatNumber(*condition.max) : "inf";
            return fmt::format("{} {} is between {} and {}", condition.field, value, low, high);
        }
        case FitOp::kNotEquals:
        case FitOp::kNotIn:
            return fmt::format("{} '{}' {} {}",
                               condition.field,
                               value,
                               OpVerb(condition.op),
                               QuotedList(condition.values));
        default:
            break;
    }
    const std::vector<std::string> matching = MatchingValues(rule, Lower(value));
    return fmt::format("{} '{}' {} {}",
                       condition.field,
                       value,
                       OpVerb(condition.op),
                       QuotedList(matching.empty() ? condition.values : matching));
}

}  // namespace lb::scoring::detail
