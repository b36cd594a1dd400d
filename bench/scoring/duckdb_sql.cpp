#include "duckdb_sql.hpp"

#include <array>

#include <fmt/format.h>

#include "domain/validation.hpp"

namespace lb::bench {
namespace {

using scoring::Aggregation;
using scoring::FitOp;

std::string Quote(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

std::string LowerText(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string List(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "" : ", ") + Quote(LowerText(value));
    return out;
}

std::string Number(double value) {
    return fmt::format("{:.17g}", value);
}

std::string AnyOf(const std::vector<std::string>& values, auto&& term) {
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "(" : " OR ") + term(LowerText(value));
    return out.empty() ? "false" : out + ")";
}

std::string RegexEscape(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string GlobToLike(std::string_view glob) {
    std::string out;
    for (const char c : glob) {
        if (c == '*')
            out += '%';
        else if (c == '?')
            out += '_';
        else if (c == '%' || c == '_' || c == '\\')
            out += std::string("\\") + c;
        else
            out += c;
    }
    return out;
}

std::string FreeMailList() {
    static constexpr std::array<std::string_view, 24> kCandidates = {
        "gmail.com",      "googlemail.com", "hotmail.com", "hotmail.dk", "outlook.com",
        "outlook.dk",     "live.com",       "live.dk",     "msn.com",    "yahoo.com",
        "yahoo.dk",       "ymail.com",      "icloud.com",  "me.com",     "mac.com",
        "aol.com",        "gmx.com",        "gmx.net",     "mail.com",   "proton.me",
        "protonmail.com", "jubii.dk",       "mail.dk",     "yandex.com"};
    std::string out;
    for (const auto domain : kCandidates) {
        if (domain::IsFreeMailDomain(domain)) out += (out.empty() ? "" : ", ") + Quote(domain);
    }
    return out;
}

Result<std::string> FitPredicate(const scoring::FitCondition& condition,
                                 const LeadColumns& columns) {
    const bool has_text = columns.text_fields.contains(condition.field);
    const bool has_number = columns.number_fields.contains(condition.field);
    const std::string text =
        has_text ? fmt::format("lower(coalesce({}, ''))", ColumnName("t_", condition.field)) : "''";
    const std::string number = has_number ? ColumnName("n_", condition.field) : "NULL";
    const std::string is_set = fmt::format("({} <> '' OR {} IS NOT NULL)", text, number);
    const std::string domain = fmt::format("regexp_replace({}, '^.*@', '')", text);
    if (has_number && !has_text && condition.op != FitOp::kBetween &&
        condition.op != FitOp::kExists && condition.op != FitOp::kMissing) {
        return Fail(
            InvalidArgument("text operators on number fields are not translated", condition.field));
    }
    const auto& values = condition.values;
    const std::string first = values.empty() ? "''" : Quote(LowerText(values.front()));
    switch (condition.op) {
        case FitOp::kEquals:
            return text + " = " + first;
        case FitOp::kNotEquals:
            return fmt::format("({} <> '' AND {} <> {})", text, text, first);
        case FitOp::kIn:
            return fmt::format("{} IN ({})", text, List(values));
        case FitOp::kNotIn:
            return fmt::format("({} <> '' AND {} NOT IN ({}))", text, text, List(values));
        case FitOp::kContains:
            return AnyOf(values, [&](const std::string& v) {
                return fmt::format("strpos({}, {}) > 0", text, Quote(v));
            });
        case FitOp::kPrefix:
            return AnyOf(values, [&](const std::string& v) {
                return fmt::format("starts_with({}, {})", text, Quote(v));
            });
        case FitOp::kSuffix:
            return AnyOf(values, [&](const std::string& v) {
                return fmt::format("ends_with({}, {})", text, Quote(v));
            });
        case FitOp::kBetween: {
            std::string range = number + " IS NOT NULL";
            if (condition.min)
                range += fmt::format(" AND {} >= {}", number, Number(*condition.min));
            if (condition.max)
                range += fmt::format(" AND {} <= {}", number, Number(*condition.max));
            return "(" + range + ")";
        }
        case FitOp::kExists:
            return is_set;
        case FitOp::kMissing:
            return "NOT " + is_set;
        case FitOp::kFreeMail:
            return fmt::format("{} IN ({})", domain, FreeMailList());
        case FitOp::kDomainIn:
            return AnyOf(values, [&](const std::string& v) {
                return fmt::format(
                    "({} = {} OR ends_with({}, {}))", domain, Quote(v), domain, Quote("." + v));
            });
        case FitOp::kKeywords: {
            std::string words;
            for (const auto& value : values)
                words += (words.empty() ? "" : "|") + RegexEscape(LowerText(value));
            return fmt::format(
                "regexp_matches({}, {})", text, Quote("(^|[^a-z0-9])(" + words + ")($|[^a-z0-9])"));
        }
        case FitOp::kRegex:
            break;
    }
    return Fail(InvalidArgument("regex conditions are not translated", condition.field));
}

std::string KindPredicate(const scoring::TouchMatch& match) {
    std::string out;
    if (match.filtered.empty())
        out = "coalesce(filtered, '') = ''";
    else if (match.filtered == "any")
        out = "coalesce(filtered, '') <> ''";
    else
        out = "lower(coalesce(filtered, '')) = " + Quote(LowerText(match.filtered));
    if (!match.types.empty())
        out += fmt::format(" AND lower(coalesce(type, '')) IN ({})", List(match.types));
    if (!match.names.empty())
        out += fmt::format(" AND lower(coalesce(name, '')) IN ({})", List(match.names));
    if (!match.url_patterns.empty()) {
        out += " AND " + AnyOf(match.url_patterns, [](const std::string& glob) {
                   return fmt::format("lower(coalesce(path, '')) LIKE {} ESCAPE '\\'",
                                      Quote(GlobToLike(glob)));
               });
    }
    return out;
}

std::string Clamp(const std::string& value, const std::optional<double>& cap) {
    if (!cap) return value;
    return fmt::format("least(greatest({}, {}), {})", value, Number(-*cap), Number(*cap));
}

std::string Decay(const scoring::Rule& rule, const std::string& age) {
    if (!rule.half_life_days) return "1.0";
    return fmt::format("pow(2.0, -(CAST({} AS DOUBLE) * {}))",
                       age,
                       Number(1.0 / (*rule.half_life_days * 86400.0)));
}

struct EngagementSql {
    std::string kind_columns, aggregates, contributions;
};

void AddBehaviour(const scoring::Rule& rule,
                  std::size_t idx,
                  std::int64_t now,
                  EngagementSql& sql) {
    const auto& condition = std::get<scoring::BehaviourCondition>(rule.when);
    const std::string m = fmt::format("m{}", idx);
    sql.kind_columns += fmt::format(", ({}) AS {}", KindPredicate(condition.match), m);
    const std::int64_t window = std::int64_t{condition.within_days} * 86'400;
    const std::string in_window = window > 0 ? fmt::format("({} AND age <= {})", m, window) : m;
    const std::string latest_age = fmt::format("greatest({} - l{}, 0)", now, idx);
    const std::string once =
        Clamp(fmt::format("{} * {}", Number(rule.points), Decay(rule, latest_age)), rule.cap);
    switch (condition.aggregation) {
        case Aggregation::kEach:
            sql.aggregates += fmt::format(", sum({} * {}) FILTER (WHERE {}) AS s{}",
                                          Number(rule.points),
                                          Decay(rule, "age"),
                                          in_window,
                                          idx);
            sql.contributions += " + " + Clamp(fmt::format("coalesce(s{}, 0)", idx), rule.cap);
            return;
        case Aggregation::kDistinctDays:
            sql.aggregates += fmt::format(
                ", count(DISTINCT ts // 86400) FILTER (WHERE {}) AS c{}", in_window, idx);
            break;
        default:
            sql.aggregates += fmt::format(", count(*) FILTER (WHERE {}) AS c{}", in_window, idx);
    }
    sql.aggregates += fmt::format(", max(ts) FILTER (WHERE {}) AS l{}", m, idx);
    const std::string count = fmt::format("coalesce(c{}, 0)", idx);
    switch (condition.aggregation) {
        case Aggregation::kCount:
        case Aggregation::kDistinctDays:
            sql.contributions += fmt::format(
                " + (CASE WHEN {} >= {} THEN {} ELSE 0 END)", count, condition.at_least, once);
            return;
        case Aggregation::kRecency:
            sql.contributions +=
                fmt::format(" + (CASE WHEN {} > 0 THEN {} ELSE 0 END)", count, once);
            return;
        case Aggregation::kInactivity:
            sql.contributions +=
                fmt::format(" + (CASE WHEN {} = 0 AND {} - l.created_at > {} THEN {} ELSE 0 END)",
                            count,
                            now,
                            window,
                            Clamp(Number(rule.points), rule.cap));
            return;
        case Aggregation::kEach:
            return;
    }
}

std::string Percent(const std::string& raw, double max) {
    if (max <= 0) return "0";
    return fmt::format("least(greatest(floor(100.0 * {} / {} + 0.5), 0), 100)", raw, Number(max));
}

}  // namespace

std::string ColumnName(std::string_view prefix, std::string_view field) {
    std::string out(prefix);
    for (const char c : field) out += (c == '.' ? '_' : c);
    return out;
}

Result<std::string> ScoringQuery(const scoring::CompiledModel& model,
                                 const LeadColumns& columns,
                                 std::int64_t now) {
    std::string fit = "0";
    EngagementSql engagement;
    std::string any_kind = "false";
    const auto& rules = model.Source().rules;
    for (std::size_t idx = 0; idx < rules.size(); ++idx) {
        const scoring::Rule& rule = rules[idx];
        if (const auto* condition = std::get_if<scoring::FitCondition>(&rule.when)) {
            LB_ASSIGN_OR_RETURN(const std::string predicate, FitPredicate(*condition, columns));
            fit += fmt::format(" + (CASE WHEN {} THEN {} ELSE 0 END)",
                               predicate,
                               Clamp(Number(rule.points), rule.cap));
            continue;
        }
        AddBehaviour(rule, idx, now, engagement);
        any_kind += fmt::format(" OR m{}", idx);
    }
    const double weight = model.Source().fit_weight;
    return fmt::format(
        "WITH k AS (SELECT kind{0} FROM kinds),\n"
        "a AS (SELECT t.lead, t.ts, greatest({1} - t.ts, 0) AS age, k.* EXCLUDE (kind)\n"
        "      FROM touches t JOIN k ON t.kind = k.kind WHERE {2}),\n"
        "g AS (SELECT lead{3} FROM a GROUP BY lead),\n"
        "r AS (SELECT l.lead, ({4}) AS raw_fit, (0{5}) AS raw_engagement\n"
        "      FROM leads l LEFT JOIN g ON g.lead = l.lead),\n"
        "s AS (SELECT lead, {6} AS fit, {7} AS engagement FROM r)\n"
        "SELECT lead, CAST(fit AS INTEGER) AS fit, CAST(engagement AS INTEGER) AS engagement,\n"
        "       CAST(least(greatest(floor({8} * fit + {9} * engagement + 0.5), 0), 100) AS "
        "INTEGER) AS total\n"
        "FROM s ORDER BY lead",
        engagement.kind_columns,
        now,
        any_kind,
        engagement.aggregates,
        fit,
        engagement.contributions,
        Percent("raw_fit", model.FitMax()),
        Percent("raw_engagement", model.EngagementMax()),
        Number(weight),
        Number(1.0 - weight));
}

}  // namespace lb::bench
