// The facts the engine scores, laid out in columns: one row per lead (dictionary-encoded text
// fields, numbers), and every lead's touchpoints in one array sorted by (lead row, time). Built
// with PopulationBuilder from the store (service), from the demo generator (bench) or by hand
// (tests).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/ids.hpp"

namespace lb::scoring {

// Interned strings: code 0 is "not set" (the empty string), codes count up from 1.
// Not thread-safe while interning; const use is thread-safe.
class Dictionary final {
public:
    Dictionary();
    [[nodiscard]] std::uint32_t Intern(std::string_view text);
    [[nodiscard]] std::optional<std::uint32_t> Find(std::string_view text) const;
    [[nodiscard]] const std::string& Text(std::uint32_t code) const { return texts_[code]; }
    [[nodiscard]] std::size_t size() const { return texts_.size(); }

private:
    // Transparent hash: lookups by string_view allocate nothing.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const noexcept {
            return std::hash<std::string_view>{}(text);
        }
    };
    std::vector<std::string> texts_;
    std::unordered_map<std::string, std::uint32_t, TextHash, std::equal_to<>> codes_;
};

// A text field of every lead (codes into `dictionary`, 0 = not set).
struct TextColumn {
    Dictionary dictionary;
    std::vector<std::uint32_t> codes;
};

// A number field of every lead; NaN = not set.
struct NumberColumn {
    std::vector<double> values;
};

// What kind of touchpoint a row is: the distinct (type, name, URL path, filtered reason) tuples,
// so a rule's match is decided once per kind, not once per touchpoint.
struct TouchKind {
    std::string type, name, path, filtered_reason;
};

// Thread-safe for concurrent const use.
struct Population {
    std::vector<LeadId> lead_ids;                         // row -> lead
    std::vector<std::int64_t> lead_created_at;            // epoch seconds
    std::map<std::string, TextColumn, std::less<>> text;  // field name (model.hpp) -> column
    std::map<std::string, NumberColumn, std::less<>> numbers;
    // Touchpoints of row r: [touch_offsets[r], touch_offsets[r + 1]), oldest first.
    std::vector<std::uint32_t> touch_offsets;
    std::vector<std::int64_t> touch_at;     // epoch seconds
    std::vector<std::uint32_t> touch_kind;  // index into kinds
    std::vector<TouchpointId> touch_ids;
    std::vector<TouchKind> kinds;

    [[nodiscard]] std::size_t LeadCount() const { return lead_ids.size(); }
    [[nodiscard]] std::size_t TouchCount() const { return touch_at.size(); }
};

// One lead as the builder takes it: field name (model.hpp) -> text or number. Fields left out are
// not set. A field given as text that parses as a number is also usable as a number ("custom.*").
struct LeadFacts {
    LeadId id;
    Timestamp created_at;
    std::vector<std::pair<std::string, std::string>> text;
    std::vector<std::pair<std::string, double>> numbers;
};

struct TouchFacts {
    TouchpointId id;
    Timestamp at;
    std::string_view type, name, url;  // url: full URL or path; the builder keeps the path only
    std::string_view filtered_reason;  // empty: clean
};

// Builds a Population. Touchpoints may come in any order; Finish sorts them per lead by time.
// Not thread-safe; one per build.
class PopulationBuilder final {
public:
    PopulationBuilder();
    ~PopulationBuilder();
    PopulationBuilder(const PopulationBuilder&) = delete;
    PopulationBuilder& operator=(const PopulationBuilder&) = delete;

    // Returns the lead's row.
    std::uint32_t AddLead(const LeadFacts& lead);
    // Requires: `row` was returned by AddLead.
    void AddTouch(std::uint32_t row, const TouchFacts& touch);
    [[nodiscard]] Population Finish() &&;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace lb::scoring
