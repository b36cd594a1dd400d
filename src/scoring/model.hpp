// A scoring model as marketing defines it: fit rules on lead and company fields, engagement rules
// on touchpoints, with points, caps and decay. Plain values; model_parser.hpp reads and writes them
// (JSON and YAML) and validates them, engine.hpp evaluates them.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lb::scoring {

enum class Category { kFit, kEngagement };

// Operators of fit conditions. Text comparisons ignore case; numbers compare as doubles.
enum class FitOp {
    kEquals,     // value == values[0]
    kNotEquals,  // value set and != values[0]
    kIn,         // value is one of values
    kNotIn,      // value set and none of values
    kContains,   // value contains values[0] (or any of values)
    kPrefix,     // value starts with any of values (industry codes: "58" matches "58.1")
    kSuffix,     // value ends with any of values
    kRegex,      // value matches the ECMAScript regex values[0] anywhere (std::regex_search, icase)
    kBetween,    // min <= number <= max; either bound may be absent (then open)
    kExists,     // value set (non-empty text, number present)
    kMissing,    // value not set
    kFreeMail,   // field "email": its domain is a free-mail provider (gmail.com, hotmail.com, ...)
    kDomainIn,   // field "email": its domain (or a parent domain) is one of values (competitors)
    kKeywords,   // any of values occurs as a whole word (e.g. title seniority: "ceo", "director")
};

// Fields a fit condition can read: "email", "email_domain", "first_name", "last_name", "title",
// "phone", "channel", "campaign", "business_area", "rating", "horizon", "potential",
// "probability" (number), "stage", "owner" (owner's e-mail), "first_touch_channel",
// "latest_touch_channel", "company.name", "company.domain", "company.industry",
// "company.employees" (number), "company.annual_revenue" (number, major units),
// "company.country", "company.customer_status", and "custom.<name>" (a custom field; a number
// when it parses as one).
struct FitCondition {
    std::string field;
    FitOp op = FitOp::kEquals;
    std::vector<std::string> values;
    std::optional<double> min, max;  // kBetween only

    friend bool operator==(const FitCondition&, const FitCondition&) = default;
};

// Which touchpoints a behaviour rule looks at. Every non-empty list must match (AND across
// lists, OR within one); a rule may name several of these, any of which selects a touchpoint.
// `url_patterns` are globs over the URL's path ("/pricing*", "/cases/*":
// `*` any run of characters, `?` one), matched without scheme, host, query and fragment.
// `filtered`: "" looks only at clean touchpoints (the default; noise never scores), "bot" or
// "spam" only at touchpoints filtered for that reason, "any" at every filtered one.
struct TouchMatch {
    std::vector<std::string> types;  // "page", "track", "form", "call", "meeting", "demo_booked"...
    std::vector<std::string> names;  // event names, e.g. "whitepaper_download"
    std::vector<std::string> url_patterns;
    std::string filtered;

    friend bool operator==(const TouchMatch&, const TouchMatch&) = default;
};

enum class Aggregation {
    kEach,          // every matching touchpoint gives the points (decayed), up to the cap
    kCount,         // once, when >= at_least matches lie within the last within_days days
    kDistinctDays,  // once, when matches fall on >= at_least distinct UTC days within the window
    kRecency,       // once, when the latest match is within the last within_days days
    kInactivity,    // once, when no match within the last within_days days (nor since creation)
};

struct BehaviourCondition {
    // A touchpoint counts (once) when any of these selects it, e.g. a demo booked through the
    // site (event name demo_booked) or logged by sales (type demo_booked). Never empty; one
    // empty TouchMatch is every clean touchpoint (inactivity rules only).
    std::vector<TouchMatch> matches{TouchMatch{}};
    Aggregation aggregation = Aggregation::kEach;
    int at_least = 1;     // kCount, kDistinctDays
    int within_days = 0;  // 0: all time (kEach, kCount, kDistinctDays); > 0 required otherwise

    friend bool operator==(const BehaviourCondition&, const BehaviourCondition&) = default;
};

// One rule. Points may be negative. `cap` bounds the rule's whole contribution to
// [-cap, +cap]. `half_life_days` (engagement only) halves a touchpoint's points every that many
// days: points * 0.5^(age_days / half_life_days); the once-rules decay from their latest match.
struct Rule {
    std::string id;    // unique within the model; shown in every explanation
    std::string name;  // human label; defaults to id
    Category category = Category::kFit;
    double points = 0;
    std::optional<double> cap;
    std::optional<double> half_life_days;
    std::variant<FitCondition, BehaviourCondition> when;

    friend bool operator==(const Rule&, const Rule&) = default;
};

// A model. fit = round(100 * sum(fit points) / fit_max), engagement likewise with
// engagement_max, both clamped to 0-100; total = round(fit_weight * fit + (1 - fit_weight) *
// engagement). Grade: fit letter A (>= 75), B (>= 50), C (>= 25), D, then engagement digit
// 1 (>= 75), 2 (>= 50), 3 (>= 25), 4; e.g. "B2".
struct Model {
    std::string key;   // slug, unique in the workspace
    std::string name;  // defaults to key
    // The business areas (keys) whose leads this model scores; empty: every lead no other
    // model claims.
    std::vector<std::string> business_areas;
    double fit_weight = 0.5;               // 0-1
    std::optional<double> fit_max;         // default: the sum of positive fit points
    std::optional<double> engagement_max;  // default: sum of positive engagement maxima
    std::vector<Rule> rules;

    friend bool operator==(const Model&, const Model&) = default;
};

}  // namespace lb::scoring
