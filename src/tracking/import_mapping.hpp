// How the columns of a lead CSV file map onto LeadInput fields: `--map COLUMN=FIELD` parsing, the
// per-column plan built from the header, and the conversion of one record into a LeadInput.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "domain/lead_input.hpp"
#include "tracking/csv_reader.hpp"

namespace lb::tracking {

// One `COLUMN=FIELD` pair. FIELD is a name of LeadImportFields(), `custom.NAME` (a custom field
// under another name) or `-` / `ignore` (skip the column).
struct ColumnMapping {
    std::string column;
    std::string field;
};

// Parses "Prospect ID=external_id", splitting at the last '=' (column names may contain '='; field
// names never do) and trimming both sides. kInvalidArgument (field "mapping") when either side is
// empty or there is no '='. The field name is checked later, by ImportPlan::Create.
[[nodiscard]] Result<ColumnMapping> ParseColumnMapping(std::string_view text);

// The FIELD names an import can fill: lead fields, then "company.*" fields.
[[nodiscard]] std::span<const std::string_view> LeadImportFields();

// What happens to each column of one file. Immutable after Create; thread-safe to share.
class ImportPlan final {
public:
    // Builds the plan of a file from its header fields. Columns with an empty name are ignored;
    // a column named like a field (case-insensitive, e.g. "Email") fills that field; every other
    // unmapped column becomes a custom field named by its header text. Values equal to one of
    // `placeholders` (after trimming) count as empty, and empty values leave the lead's field as
    // it is. kInvalidArgument (field "header" or "mapping") for a duplicate column name, a mapping
    // naming a column not in the header or an unknown field, a column mapped twice, or two
    // columns filling the same field.
    [[nodiscard]] static Result<ImportPlan> Create(std::span<const std::string> header,
                                                   std::span<const ColumnMapping> mappings,
                                                   std::vector<std::string> placeholders);

    // Converts one record to a LeadInput. kInvalidArgument with field "line N: FIELD" for a value
    // that does not parse (a number, a yes/no) and field "line N" for a record whose field count
    // differs from the header's.
    [[nodiscard]] Result<domain::LeadInput> ToLeadInput(const CsvRecord& record) const;

private:
    enum class Action { kIgnore, kField, kCustom };
    struct Column {
        std::string header;
        Action action = Action::kIgnore;
        std::size_t field_index = 0;  // into LeadImportFields() when kField
        std::string custom_name;      // when kCustom
    };

    [[nodiscard]] bool IsPlaceholder(std::string_view value) const;
    [[nodiscard]] Status CheckTargetsUnique() const;

    std::vector<Column> columns_;
    std::vector<std::string> placeholders_;
};

}  // namespace lb::tracking
