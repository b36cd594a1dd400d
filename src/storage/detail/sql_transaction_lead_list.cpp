// The lead list: filters, sorts and keyset pagination (see lead_cursor.hpp).
#include <array>
#include <charconv>
#include <string>
#include <system_error>

#include "common/text.hpp"
#include "storage/detail/lead_cursor.hpp"
#include "storage/detail/sql_rows.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

namespace {

enum class KeyKind { kNumber, kName, kReal };

// The predicted-conversion sort key; the migration's index is on this exact expression.
constexpr std::string_view kPredictedKey = "COALESCE(predicted_conversion, -1.0)";

double PredictedKeyOf(const domain::Lead& lead) {
    return lead.predicted ? lead.predicted->probability : -1.0;
}

// A double as the shortest text that reads back as the same double (exact cursor compares).
std::string RealText(double value) {
    std::array<char, 32> buffer{};
    const auto done = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), done.ptr);
}

Result<double> ParseRealText(const std::string& text) {
    double value = 0;
    const auto done = std::from_chars(text.data(), text.data() + text.size(), value);
    if (done.ec != std::errc() || done.ptr != text.data() + text.size())
        return Fail(InvalidArgument("the cursor is not valid for this list", "cursor"));
    return value;
}

// How one LeadSort orders rows; `key` is the column compared against the cursor before the id.
struct SortSpec {
    std::string_view tag;  // in the cursor, so a cursor of another sort is rejected
    std::string_view key;
    KeyKind kind;
    bool is_descending;
};

SortSpec SpecOf(LeadSort sort) {
    switch (sort) {
        case LeadSort::kCreatedDesc:
            return {"leads-created-desc", "created_at", KeyKind::kNumber, true};
        case LeadSort::kCreatedAsc:
            return {"leads-created-asc", "created_at", KeyKind::kNumber, false};
        case LeadSort::kUpdatedDesc:
            return {"leads-updated-desc", "updated_at", KeyKind::kNumber, true};
        case LeadSort::kScoreDesc:
            return {"leads-score-desc", "score_total", KeyKind::kNumber, true};
        case LeadSort::kScoreAsc:
            return {"leads-score-asc", "score_total", KeyKind::kNumber, false};
        case LeadSort::kNameAsc:
            return {"leads-name-asc", "last_name, first_name", KeyKind::kName, false};
        case LeadSort::kPredictedDesc:
            return {"leads-predicted-desc", kPredictedKey, KeyKind::kReal, true};
        case LeadSort::kPredictedAsc:
            return {"leads-predicted-asc", kPredictedKey, KeyKind::kReal, false};
    }
    return {"leads-created-desc", "created_at", KeyKind::kNumber, true};
}

CursorKey KeyOf(const domain::Lead& lead, LeadSort sort) {
    CursorKey key{.number = 0, .text = {}, .text2 = {}, .id = lead.id.value};
    switch (sort) {
        case LeadSort::kCreatedDesc:
        case LeadSort::kCreatedAsc:
            key.number = ToEpochMillis(lead.created_at);
            break;
        case LeadSort::kUpdatedDesc:
            key.number = ToEpochMillis(lead.updated_at);
            break;
        case LeadSort::kScoreDesc:
        case LeadSort::kScoreAsc:
            key.number = lead.score.total;
            break;
        case LeadSort::kNameAsc:
            key.text = lead.last_name;
            key.text2 = lead.first_name;
            break;
        case LeadSort::kPredictedDesc:
        case LeadSort::kPredictedAsc:
            key.text = RealText(PredictedKeyOf(lead));
            break;
    }
    return key;
}

// Accumulates " AND <condition>" clauses with their parameters numbered $1, $2, ... in order.
class WhereBuilder final {
public:
    explicit WhereBuilder(WorkspaceId ws) : params_{SqlInt(ws.value)} {}

    // A placeholder for `value`, e.g. "$3".
    [[nodiscard]] std::string Bind(SqlValue value) {
        params_.push_back(std::move(value));
        return "$" + std::to_string(params_.size());
    }
    void And(std::string_view condition) {
        sql_ += " AND ";
        sql_ += condition;
    }
    [[nodiscard]] const std::string& Sql() const { return sql_; }
    [[nodiscard]] std::vector<SqlValue>& Params() { return params_; }

private:
    std::string sql_;
    std::vector<SqlValue> params_;
};

void AddFilters(const LeadFilter& filter, WhereBuilder& where) {
    if (!filter.stage.empty()) where.And("stage = " + where.Bind(SqlText(filter.stage)));
    if (!filter.channel.empty()) where.And("channel = " + where.Bind(SqlText(filter.channel)));
    if (!filter.business_area.empty())
        where.And("business_area = " + where.Bind(SqlText(filter.business_area)));
    if (filter.owner) where.And("owner_id = " + where.Bind(SqlInt(filter.owner->value)));
    if (filter.only_unowned) where.And("owner_id IS NULL");
    if (filter.min_score) where.And("score_total >= " + where.Bind(SqlInt(*filter.min_score)));
    if (filter.min_predicted) {
        where.And(std::string(kPredictedKey) + " >= " + where.Bind(SqlReal(*filter.min_predicted)));
    }
    if (!filter.query.empty()) {
        const std::string like =
            " LIKE " + where.Bind(SqlText(LikePattern(ToLower(filter.query)))) + " ESCAPE '\\'";
        where.And("(lower(email)" + like + " OR lower(first_name)" + like + " OR lower(last_name)" +
                  like +
                  " OR company_id IN (SELECT id FROM companies WHERE workspace_id = $1 AND "
                  "lower(name)" +
                  like + "))");
    }
}

Status AddCursor(const LeadFilter& filter, const SortSpec& spec, WhereBuilder& where) {
    if (filter.cursor.empty()) return Ok();
    LB_ASSIGN_OR_RETURN(const CursorKey key, DecodeCursor(filter.cursor, spec.tag));
    std::string values;
    if (spec.kind == KeyKind::kNumber) {
        values = where.Bind(SqlInt(key.number));
    } else if (spec.kind == KeyKind::kReal) {
        LB_ASSIGN_OR_RETURN(const double real, ParseRealText(key.text));
        values = where.Bind(SqlReal(real));
    } else {
        values = where.Bind(SqlText(key.text));
        values += ", " + where.Bind(SqlText(key.text2));
    }
    values += ", " + where.Bind(SqlInt(key.id));
    where.And("(" + std::string(spec.key) + ", id) " + (spec.is_descending ? "<" : ">") + " (" +
              values + ")");
    return Ok();
}

std::string OrderBy(const SortSpec& spec) {
    const std::string_view direction = spec.is_descending ? " DESC" : "";
    if (spec.kind == KeyKind::kName) return " ORDER BY last_name, first_name, id";
    return " ORDER BY " + std::string(spec.key) + std::string(direction) + ", id" +
           std::string(direction);
}

}  // namespace

Result<Page<domain::Lead>> SqlTransaction::ListLeads(WorkspaceId ws, const LeadFilter& filter) {
    LB_TRY(ValidateLimit(filter.limit));
    const SortSpec spec = SpecOf(filter.sort);
    WhereBuilder where(ws);
    AddFilters(filter, where);
    LB_TRY(AddCursor(filter, spec, where));
    const std::string limit = where.Bind(SqlInt(filter.limit + 1));
    const std::string sql = Select(LeadColumns(), "FROM leads WHERE workspace_id = $1") +
                            where.Sql() + OrderBy(spec) + " LIMIT " + limit;
    LB_ASSIGN_OR_RETURN(std::vector<domain::Lead> leads, SelectLeads(sql, where.Params()));
    Page<domain::Lead> page{.items = std::move(leads), .next_cursor = {}};
    if (page.items.size() > static_cast<std::size_t>(filter.limit)) {
        page.items.pop_back();
        page.next_cursor = EncodeCursor(spec.tag, KeyOf(page.items.back(), filter.sort));
    }
    return page;
}

}  // namespace lb::storage::detail
