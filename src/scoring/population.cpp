#include "scoring/population.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

#include "scoring/detail/text_match.hpp"

namespace lb::scoring {
namespace {

constexpr double kNotSet = std::numeric_limits<double>::quiet_NaN();

std::int64_t EpochSeconds(Timestamp at) {
    const std::int64_t millis = ToEpochMillis(at);
    return millis >= 0 ? millis / 1000 : -((-millis + 999) / 1000);
}

std::optional<double> ParseNumber(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

Dictionary::Dictionary() : texts_{std::string()} {
    codes_.emplace(std::string(), 0);
}

std::uint32_t Dictionary::Intern(std::string_view text) {
    if (const auto found = Find(text)) return *found;
    const auto code = static_cast<std::uint32_t>(texts_.size());
    texts_.emplace_back(text);
    codes_.emplace(texts_.back(), code);
    return code;
}

std::optional<std::uint32_t> Dictionary::Find(std::string_view text) const {
    const auto found = codes_.find(text);
    if (found == codes_.end()) return std::nullopt;
    return found->second;
}

struct PopulationBuilder::State {
    Population population;
    std::unordered_map<std::string, std::uint32_t> kind_codes;
    std::string kind_key;  // reused for every touch: no allocation per touchpoint
    std::vector<std::uint32_t> touch_rows;
    bool rows_in_order = true;

    void SetText(std::uint32_t row, const std::string& field, std::string_view text) {
        auto& column = population.text[field];
        column.codes.resize(row + 1, 0);
        column.codes[row] = column.dictionary.Intern(text);
    }
    void SetNumber(std::uint32_t row, const std::string& field, double value) {
        auto& column = population.numbers[field];
        column.values.resize(row + 1, kNotSet);
        column.values[row] = value;
    }
    std::uint32_t KindOf(const TouchFacts& touch);
    void SortTouches();
};

std::uint32_t PopulationBuilder::State::KindOf(const TouchFacts& touch) {
    const std::string_view path = detail::UrlPath(touch.url);
    kind_key.clear();
    for (std::string_view part : {touch.type, touch.name, path, touch.filtered_reason}) {
        kind_key.append(part);
        kind_key.push_back('\x1f');
    }
    if (const auto found = kind_codes.find(kind_key); found != kind_codes.end()) {
        return found->second;
    }
    const auto code = static_cast<std::uint32_t>(population.kinds.size());
    population.kinds.push_back(TouchKind{std::string(touch.type),
                                         std::string(touch.name),
                                         std::string(path),
                                         std::string(touch.filtered_reason)});
    kind_codes.emplace(kind_key, code);
    return code;
}

PopulationBuilder::PopulationBuilder() : state_(std::make_unique<State>()) {
}
PopulationBuilder::~PopulationBuilder() = default;

std::uint32_t PopulationBuilder::AddLead(const LeadFacts& lead) {
    Population& population = state_->population;
    const auto row = static_cast<std::uint32_t>(population.lead_ids.size());
    population.lead_ids.push_back(lead.id);
    population.lead_created_at.push_back(EpochSeconds(lead.created_at));
    for (const auto& [field, text] : lead.text) {
        if (text.empty()) continue;
        state_->SetText(row, field, text);
        if (const auto number = ParseNumber(text)) state_->SetNumber(row, field, *number);
    }
    for (const auto& [field, value] : lead.numbers) {
        if (!std::isnan(value)) state_->SetNumber(row, field, value);
    }
    return row;
}

void PopulationBuilder::AddTouch(std::uint32_t row, const TouchFacts& touch) {
    Population& population = state_->population;
    if (!state_->touch_rows.empty() && state_->touch_rows.back() > row) {
        state_->rows_in_order = false;
    }
    state_->touch_rows.push_back(row);
    population.touch_at.push_back(EpochSeconds(touch.at));
    population.touch_kind.push_back(state_->KindOf(touch));
    population.touch_ids.push_back(touch.id);
}

// Touchpoints usually arrive grouped by lead (from the store and the generators): then only each
// lead's run is sorted by time; otherwise a counting sort by row comes first.
void PopulationBuilder::State::SortTouches() {
    const std::size_t lead_count = population.lead_ids.size();
    const std::size_t touch_count = touch_rows.size();
    auto& offsets = population.touch_offsets;
    offsets.assign(lead_count + 1, 0);
    for (const std::uint32_t row : touch_rows) ++offsets[row + 1];
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    std::vector<std::uint32_t> order(touch_count);
    if (rows_in_order) {
        std::iota(order.begin(), order.end(), 0U);
    } else {
        std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
        for (std::uint32_t touch_idx = 0; touch_idx < touch_count; ++touch_idx) {
            order[next[touch_rows[touch_idx]]++] = touch_idx;
        }
    }
    const auto& at = population.touch_at;
    bool is_sorted = rows_in_order;
    for (std::size_t row = 0; row < lead_count; ++row) {
        const auto begin = order.begin() + offsets[row];
        const auto end = order.begin() + offsets[row + 1];
        if (std::ranges::is_sorted(begin, end, {}, [&](std::uint32_t i) { return at[i]; }))
            continue;
        std::ranges::stable_sort(begin, end, {}, [&](std::uint32_t i) { return at[i]; });
        is_sorted = false;
    }
    if (is_sorted) return;
    const auto permute = [&order](auto& values) {
        std::remove_reference_t<decltype(values)> sorted(values.size());
        for (std::size_t idx = 0; idx < order.size(); ++idx) sorted[idx] = values[order[idx]];
        values = std::move(sorted);
    };
    permute(population.touch_at);
    permute(population.touch_kind);
    permute(population.touch_ids);
}

Population PopulationBuilder::Finish() && {
    Population& population = state_->population;
    const std::size_t lead_count = population.lead_ids.size();
    for (auto& [field, column] : population.text) column.codes.resize(lead_count, 0);
    for (auto& [field, column] : population.numbers) column.values.resize(lead_count, kNotSet);
    state_->SortTouches();
    state_->touch_rows = {};
    return std::move(population);
}

}  // namespace lb::scoring
