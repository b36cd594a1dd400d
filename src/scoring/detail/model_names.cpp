#include "scoring/detail/model_names.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include "scoring/model_parser.hpp"

namespace lb::scoring::detail {

namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<Category, 2> kCategories{{
    {Category::kFit, "fit"},
    {Category::kEngagement, "engagement"},
}};

constexpr NameTable<FitOp, 14> kFitOps{{
    {FitOp::kEquals, "equals"},
    {FitOp::kNotEquals, "not_equals"},
    {FitOp::kIn, "in"},
    {FitOp::kNotIn, "not_in"},
    {FitOp::kContains, "contains"},
    {FitOp::kPrefix, "prefix"},
    {FitOp::kSuffix, "suffix"},
    {FitOp::kRegex, "regex"},
    {FitOp::kBetween, "between"},
    {FitOp::kExists, "exists"},
    {FitOp::kMissing, "missing"},
    {FitOp::kFreeMail, "free_mail"},
    {FitOp::kDomainIn, "domain_in"},
    {FitOp::kKeywords, "keywords"},
}};

constexpr NameTable<Aggregation, 5> kAggregations{{
    {Aggregation::kEach, "each"},
    {Aggregation::kCount, "count"},
    {Aggregation::kDistinctDays, "distinct_days"},
    {Aggregation::kRecency, "recency"},
    {Aggregation::kInactivity, "inactivity"},
}};

constexpr std::array<std::string_view, 24> kFields{
    "email",
    "email_domain",
    "first_name",
    "last_name",
    "title",
    "phone",
    "channel",
    "campaign",
    "business_area",
    "rating",
    "horizon",
    "potential",
    "probability",
    "stage",
    "owner",
    "first_touch_channel",
    "latest_touch_channel",
    "company.name",
    "company.domain",
    "company.industry",
    "company.employees",
    "company.annual_revenue",
    "company.country",
    "company.customer_status",
};

constexpr std::array<std::string_view, 3> kNumberFields{
    "probability", "company.employees", "company.annual_revenue"};

constexpr std::string_view kCustomPrefix = "custom.";

template <typename Enum, std::size_t N>
std::string_view NameOf(const NameTable<Enum, N>& table, Enum value) {
    for (const auto& [entry, name] : table)
        if (entry == value) return name;
    return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> ValueOf(const NameTable<Enum, N>& table, std::string_view name) {
    for (const auto& [entry, entry_name] : table)
        if (entry_name == name) return entry;
    return std::nullopt;
}

bool IsCustomField(std::string_view field) {
    return field.starts_with(kCustomPrefix) && field.size() > kCustomPrefix.size();
}

}  // namespace

std::string_view CategoryName(Category category) {
    return NameOf(kCategories, category);
}

std::optional<Category> CategoryFromName(std::string_view name) {
    return ValueOf(kCategories, name);
}

std::string_view FitOpName(FitOp op) {
    return NameOf(kFitOps, op);
}

std::optional<FitOp> FitOpFromName(std::string_view name) {
    return ValueOf(kFitOps, name);
}

std::string_view FitOpNames() {
    return "equals, not_equals, in, not_in, contains, prefix, suffix, regex, between, exists, "
           "missing, free_mail, domain_in, keywords";
}

std::string_view AggregationName(Aggregation aggregation) {
    return NameOf(kAggregations, aggregation);
}

std::optional<Aggregation> AggregationFromName(std::string_view name) {
    return ValueOf(kAggregations, name);
}

std::string_view AggregationNames() {
    return "each, count, distinct_days, recency, inactivity";
}

bool IsKnownField(std::string_view field) {
    return IsCustomField(field) || std::ranges::find(kFields, field) != kFields.end();
}

bool IsNumberField(std::string_view field) {
    return IsCustomField(field) || std::ranges::find(kNumberFields, field) != kNumberFields.end();
}

}  // namespace lb::scoring::detail

namespace lb::scoring {

std::span<const std::string_view> LeadFieldNames() {
    return detail::kFields;
}

}  // namespace lb::scoring
