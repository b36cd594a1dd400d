#include "tracking/import_mapping.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <type_traits>
#include <variant>

#include "common/text.hpp"

namespace lb::tracking {
namespace {

using domain::CompanyInput;
using domain::LeadInput;
using domain::Update;

// Where a field's value goes: a member of LeadInput or of its CompanyInput.
using FieldTarget = std::variant<Update<std::string> LeadInput::*,
                                 Update<std::int64_t> LeadInput::*,
                                 Update<bool> LeadInput::*,
                                 Update<double> LeadInput::*,
                                 Update<std::string> CompanyInput::*,
                                 Update<std::int64_t> CompanyInput::*,
                                 Update<double> CompanyInput::*>;

struct FieldSpec {
    std::string_view name;
    FieldTarget target;
};

const std::array<FieldSpec, 26> kFields = {{
    {"email", &LeadInput::email},
    {"external_id", &LeadInput::external_id},
    {"first_name", &LeadInput::first_name},
    {"last_name", &LeadInput::last_name},
    {"title", &LeadInput::title},
    {"phone", &LeadInput::phone},
    {"channel", &LeadInput::channel},
    {"campaign", &LeadInput::campaign},
    {"business_area", &LeadInput::business_area},
    {"rating", &LeadInput::rating},
    {"horizon", &LeadInput::horizon},
    {"expected_month", &LeadInput::expected_month},
    {"potential", &LeadInput::potential},
    {"probability", &LeadInput::probability},
    {"stage", &LeadInput::stage},
    {"owner", &LeadInput::owner},
    {"do_not_email", &LeadInput::do_not_email},
    {"do_not_call", &LeadInput::do_not_call},
    {"deal_value", &LeadInput::deal_value},
    {"company.name", &CompanyInput::name},
    {"company.domain", &CompanyInput::domain},
    {"company.industry", &CompanyInput::industry},
    {"company.employees", &CompanyInput::employees},
    {"company.annual_revenue", &CompanyInput::annual_revenue},
    {"company.country", &CompanyInput::country},
    {"company.customer_status", &CompanyInput::customer_status},
}};

const std::array<std::string_view, kFields.size()> kFieldNames = [] {
    std::array<std::string_view, kFields.size()> names{};
    std::ranges::transform(kFields, names.begin(), &FieldSpec::name);
    return names;
}();

constexpr std::string_view kCustomPrefix = "custom.";

std::optional<std::size_t> FindField(std::string_view name) {
    const std::string lower = ToLower(name);
    for (std::size_t field_idx = 0; field_idx < kFields.size(); ++field_idx) {
        if (kFields[field_idx].name == lower) return field_idx;
    }
    return std::nullopt;
}

std::string JoinNames(std::span<const std::string_view> names) {
    std::string out;
    for (const std::string_view name : names) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

Result<std::int64_t> ParseWhole(std::string_view value, const std::string& field) {
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc() || end != value.data() + value.size()) {
        return Fail(InvalidArgument("\"" + std::string(value) + "\" is not a whole number", field));
    }
    return number;
}

Result<double> ParseNumber(std::string_view value, const std::string& field) {
    double number = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(number)) {
        return Fail(InvalidArgument("\"" + std::string(value) + "\" is not a number", field));
    }
    return number;
}

Result<bool> ParseYesNo(std::string_view value, const std::string& field) {
    const std::string lower = ToLower(value);
    if (lower == "yes" || lower == "true" || lower == "1" || lower == "y") return true;
    if (lower == "no" || lower == "false" || lower == "0" || lower == "n") return false;
    return Fail(InvalidArgument(
        "\"" + std::string(value) + "\" is not one of yes, no, true, false, 1, 0", field));
}

template <typename T>
struct UpdateValue;
template <typename T>
struct UpdateValue<Update<T>> {
    using type = T;
};

template <typename T>
Result<T> ParseAs(std::string_view value, const std::string& field) {
    if constexpr (std::is_same_v<T, std::string>) {
        return std::string(value);
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
        return ParseWhole(value, field);
    } else if constexpr (std::is_same_v<T, bool>) {
        return ParseYesNo(value, field);
    } else {
        return ParseNumber(value, field);
    }
}

// Sets the field of `spec` on `input` from text, creating the company input when needed.
Status SetField(LeadInput& input,
                const FieldSpec& spec,
                std::string_view value,
                const std::string& field) {
    return std::visit(
        [&](auto member) -> Status {
            using Owner = std::conditional_t<std::is_invocable_v<decltype(member), LeadInput&>,
                                             LeadInput,
                                             CompanyInput>;
            using Value = typename UpdateValue<
                std::remove_cvref_t<std::invoke_result_t<decltype(member), Owner&>>>::type;
            LB_ASSIGN_OR_RETURN(Value parsed, ParseAs<Value>(value, field));
            if constexpr (std::is_same_v<Owner, LeadInput>) {
                input.*member = Update<Value>::Set(std::move(parsed));
            } else {
                if (!input.company) input.company.emplace();
                (*input.company).*member = Update<Value>::Set(std::move(parsed));
            }
            return Ok();
        },
        spec.target);
}

std::string Quoted(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

}  // namespace

Result<ColumnMapping> ParseColumnMapping(std::string_view text) {
    const std::size_t equals = text.rfind('=');
    if (equals == std::string_view::npos) {
        return Fail(InvalidArgument("mapping " + Quoted(text) + " is not of the form COLUMN=FIELD",
                                    "mapping"));
    }
    ColumnMapping mapping{std::string(Trim(text.substr(0, equals))),
                          std::string(Trim(text.substr(equals + 1)))};
    if (mapping.column.empty() || mapping.field.empty()) {
        return Fail(InvalidArgument(
            "mapping " + Quoted(text) + " needs both a column and a field (COLUMN=FIELD)",
            "mapping"));
    }
    return mapping;
}

std::span<const std::string_view> LeadImportFields() {
    return kFieldNames;
}

bool ImportPlan::IsPlaceholder(std::string_view value) const {
    return value.empty() || std::ranges::find(placeholders_, value) != placeholders_.end();
}

namespace {

// The column index of each non-empty header name; kInvalidArgument for duplicates.
Result<std::map<std::string, std::size_t, std::less<>>> IndexHeader(
    std::span<const std::string> header) {
    std::map<std::string, std::size_t, std::less<>> index;
    for (std::size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
        const std::string name(Trim(header[column_idx]));
        if (name.empty()) continue;
        const auto [it, is_new] = index.emplace(name, column_idx);
        if (!is_new) {
            return Fail(InvalidArgument("the header names column " + Quoted(name) +
                                            " twice (columns " + std::to_string(it->second + 1) +
                                            " and " + std::to_string(column_idx + 1) + ")",
                                        "header"));
        }
    }
    return index;
}

}  // namespace

Result<ImportPlan> ImportPlan::Create(std::span<const std::string> header,
                                      std::span<const ColumnMapping> mappings,
                                      std::vector<std::string> placeholders) {
    LB_ASSIGN_OR_RETURN(const auto index, IndexHeader(header));
    ImportPlan plan;
    plan.placeholders_ = std::move(placeholders);
    plan.columns_.resize(header.size());
    std::vector<bool> is_mapped(header.size(), false);
    for (const ColumnMapping& mapping : mappings) {
        const auto found = index.find(mapping.column);
        if (found == index.end()) {
            std::vector<std::string_view> names;
            for (const auto& entry : index) names.push_back(entry.first);
            return Fail(
                InvalidArgument("mapped column " + Quoted(mapping.column) +
                                    " is not in the header; its columns are: " + JoinNames(names),
                                "mapping"));
        }
        const std::size_t column_idx = found->second;
        if (is_mapped[column_idx]) {
            return Fail(InvalidArgument("column " + Quoted(mapping.column) + " is mapped twice",
                                        "mapping"));
        }
        is_mapped[column_idx] = true;
        Column& column = plan.columns_[column_idx];
        column.header = mapping.column;
        const std::string field = ToLower(mapping.field);
        if (field == "-" || field == "ignore") continue;
        if (mapping.field.starts_with(kCustomPrefix) &&
            mapping.field.size() > kCustomPrefix.size()) {
            column.action = Action::kCustom;
            column.custom_name = mapping.field.substr(kCustomPrefix.size());
            continue;
        }
        const auto field_idx = FindField(field);
        if (!field_idx) {
            return Fail(InvalidArgument("unknown field " + Quoted(mapping.field) + " for column " +
                                            Quoted(mapping.column) +
                                            "; fields are: " + JoinNames(kFieldNames) +
                                            ", custom.NAME, or - to ignore the column",
                                        "mapping"));
        }
        column.action = Action::kField;
        column.field_index = *field_idx;
    }
    for (const auto& [name, column_idx] : index) {
        if (is_mapped[column_idx]) continue;
        Column& column = plan.columns_[column_idx];
        column.header = name;
        const auto field_idx = FindField(name);
        column.action = field_idx ? Action::kField : Action::kCustom;
        column.field_index = field_idx.value_or(0);
        if (!field_idx) column.custom_name = name;
    }
    LB_TRY(plan.CheckTargetsUnique());
    return plan;
}

Status ImportPlan::CheckTargetsUnique() const {
    std::map<std::string, std::string> target_to_column;
    for (const Column& column : columns_) {
        if (column.action == Action::kIgnore) continue;
        const std::string target = column.action == Action::kField
                                       ? std::string(kFields[column.field_index].name)
                                       : std::string(kCustomPrefix) + column.custom_name;
        const auto [it, is_new] = target_to_column.emplace(target, column.header);
        if (!is_new) {
            return Fail(InvalidArgument("columns " + Quoted(it->second) + " and " +
                                            Quoted(column.header) + " both fill " + target +
                                            "; map one of them elsewhere or to -",
                                        "mapping"));
        }
    }
    return Ok();
}

Result<domain::LeadInput> ImportPlan::ToLeadInput(const CsvRecord& record) const {
    const std::string line = "line " + std::to_string(record.line);
    if (record.fields.size() != columns_.size()) {
        return Fail(InvalidArgument("the row has " + std::to_string(record.fields.size()) +
                                        " fields but the header has " +
                                        std::to_string(columns_.size()),
                                    line));
    }
    LeadInput input;
    for (std::size_t column_idx = 0; column_idx < columns_.size(); ++column_idx) {
        const Column& column = columns_[column_idx];
        const std::string_view value = Trim(record.fields[column_idx]);
        if (column.action == Action::kIgnore || IsPlaceholder(value)) continue;
        if (column.action == Action::kCustom) {
            input.custom_fields[column.custom_name] = std::string(value);
            continue;
        }
        const FieldSpec& spec = kFields[column.field_index];
        LB_TRY(SetField(input, spec, value, line + ": " + std::string(spec.name)));
    }
    return input;
}

}  // namespace lb::tracking
