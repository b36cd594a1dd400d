#include "scoring/engine.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "scoring/detail/compiled_model.hpp"
#include "scoring/detail/explain.hpp"
#include "scoring/detail/text_match.hpp"
#include "scoring/model_parser.hpp"

namespace lb::scoring {
namespace detail {
namespace {

int Percent(double raw, double max) {
    if (max <= 0) return 0;
    return static_cast<int>(std::clamp<long>(std::lround(100.0 * raw / max), 0L, 100L));
}

char GradeLetter(int fit) {
    return fit >= 75 ? 'A' : fit >= 50 ? 'B' : fit >= 25 ? 'C' : 'D';
}

char GradeDigit(int engagement) {
    return engagement >= 75 ? '1' : engagement >= 50 ? '2' : engagement >= 25 ? '3' : '4';
}

}  // namespace

BoundModel Bind(const CompiledModel::Impl& impl, const Population& population) {
    BoundModel bound;
    bound.impl = &impl;
    bound.fits.reserve(impl.fits.size());
    for (const FitRule& rule : impl.fits) bound.fits.emplace_back(rule, population);
    bound.masks = BindKinds(impl.behaviours, population);
    return bound;
}

BoundModel BindRow(const CompiledModel::Impl& impl,
                   const Population& population,
                   std::uint32_t row) {
    BoundModel bound;
    bound.impl = &impl;
    bound.fits.reserve(impl.fits.size());
    for (const FitRule& rule : impl.fits)
        bound.fits.push_back(FitBinding::ForRow(rule, population, row));
    bound.masks = BindKindsOfRow(impl.behaviours, population, row);
    return bound;
}

RawScore ScoreRow(const BoundModel& bound,
                  const Population& population,
                  std::uint32_t row,
                  double now_seconds,
                  std::span<RuleTally> tallies,
                  std::vector<EachHit>* hits) {
    const CompiledModel::Impl& impl = *bound.impl;
    RawScore raw;
    for (std::size_t fit_idx = 0; fit_idx < bound.fits.size(); ++fit_idx) {
        if (bound.fits[fit_idx].Matches(row)) raw.fit += FitContribution(impl.fits[fit_idx]);
    }
    if (impl.behaviours.empty()) return raw;
    TallyLead(impl.behaviours, bound.masks, population, row, now_seconds, tallies, hits);
    const auto created_at = static_cast<double>(population.lead_created_at[row]);
    for (std::size_t rule_idx = 0; rule_idx < impl.behaviours.size(); ++rule_idx) {
        raw.engagement += BehaviourContribution(
            impl.behaviours[rule_idx], tallies[rule_idx], now_seconds, created_at);
    }
    return raw;
}

CompactScore Finish(const CompiledModel::Impl& impl, RawScore raw) {
    const int fit = Percent(raw.fit, impl.fit_max);
    const int engagement = Percent(raw.engagement, impl.engagement_max);
    const double weight = impl.model.fit_weight;
    const double weighted = weight * fit + (1.0 - weight) * engagement;
    CompactScore score;
    score.total = static_cast<std::uint8_t>(std::clamp<long>(std::lround(weighted), 0L, 100L));
    score.fit = static_cast<std::uint8_t>(fit);
    score.engagement = static_cast<std::uint8_t>(engagement);
    score.grade[0] = GradeLetter(fit);
    score.grade[1] = GradeDigit(engagement);
    return score;
}

double NowSeconds(Timestamp now) {
    return static_cast<double>(ToEpochMillis(now)) / 1000.0;
}

}  // namespace detail

namespace {

void ResolveMaxima(CompiledModel::Impl& impl) {
    double fit_sum = 0, engagement_sum = 0;
    for (const Rule& rule : impl.model.rules) {
        if (rule.points <= 0) continue;
        if (rule.category == Category::kFit) fit_sum += rule.points;
        if (rule.category == Category::kEngagement)
            engagement_sum += rule.cap.value_or(rule.points);
    }
    impl.fit_max = impl.model.fit_max.value_or(fit_sum);
    impl.engagement_max = impl.model.engagement_max.value_or(engagement_sum);
}

// Runs `score_rows(begin, end)` over [0, rows) split into `threads` contiguous ranges.
void ForEachRange(std::size_t rows, int threads, const auto& score_rows) {
    const auto parts = static_cast<std::size_t>(std::max(threads, 1));
    if (parts == 1 || rows < 2 * parts) {
        score_rows(std::size_t{0}, rows);
        return;
    }
    std::vector<std::jthread> workers;
    workers.reserve(parts - 1);
    const std::size_t chunk = (rows + parts - 1) / parts;
    for (std::size_t part = 1; part < parts; ++part) {
        const std::size_t begin = std::min(rows, part * chunk);
        const std::size_t end = std::min(rows, begin + chunk);
        workers.emplace_back([&score_rows, begin, end] { score_rows(begin, end); });
    }
    score_rows(std::size_t{0}, std::min(rows, chunk));
}

std::size_t MaxBehaviourRules(std::span<const CompiledModel> models) {
    std::size_t most = 0;
    for (const CompiledModel& model : models) {
        most = std::max(most, model.Internals().behaviours.size());
    }
    return most;
}

// The index of the model that scores leads of business area `area` (lowercase), or -1.
int ClaimingModel(std::span<const CompiledModel> models, std::string_view area) {
    int fallback = -1;
    for (std::size_t model_idx = 0; model_idx < models.size(); ++model_idx) {
        const auto& areas = models[model_idx].Source().business_areas;
        if (areas.empty() && fallback < 0) fallback = static_cast<int>(model_idx);
        const bool claims = std::ranges::any_of(
            areas, [&](const std::string& key) { return detail::Lower(key) == area; });
        if (claims && !area.empty()) return static_cast<int>(model_idx);
    }
    return fallback;
}

// For every code of the "business_area" column: the model that claims it, or -1.
std::vector<int> ModelByArea(std::span<const CompiledModel> models, const Population& population) {
    const auto column = population.text.find("business_area");
    if (column == population.text.end()) return {ClaimingModel(models, "")};
    const Dictionary& dictionary = column->second.dictionary;
    std::vector<int> by_code(dictionary.size());
    for (std::uint32_t code = 0; code < dictionary.size(); ++code) {
        by_code[code] = ClaimingModel(models, detail::Lower(dictionary.Text(code)));
    }
    return by_code;
}

// The "business_area" codes of every row; nullptr when no lead has one.
const std::uint32_t* AreaCodes(const Population& population) {
    const auto column = population.text.find("business_area");
    return column == population.text.end() ? nullptr : column->second.codes.data();
}

}  // namespace

Result<CompiledModel> CompiledModel::Compile(const Model& model) {
    LB_TRY(ValidateModel(model));
    auto impl = std::make_unique<Impl>();
    impl->model = model;
    for (std::size_t rule_idx = 0; rule_idx < model.rules.size(); ++rule_idx) {
        const Rule& rule = model.rules[rule_idx];
        if (std::holds_alternative<FitCondition>(rule.when)) {
            impl->fits.push_back(detail::CompileFitRule(rule, rule_idx));
        } else {
            impl->behaviours.push_back(detail::CompileBehaviourRule(rule, rule_idx));
        }
    }
    ResolveMaxima(*impl);
    return CompiledModel(std::move(impl));
}

CompiledModel::CompiledModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
}
CompiledModel::CompiledModel(CompiledModel&&) noexcept = default;
CompiledModel& CompiledModel::operator=(CompiledModel&&) noexcept = default;
CompiledModel::~CompiledModel() = default;

const Model& CompiledModel::Source() const {
    return impl_->model;
}
double CompiledModel::FitMax() const {
    return impl_->fit_max;
}
double CompiledModel::EngagementMax() const {
    return impl_->engagement_max;
}

void ScoreAll(const CompiledModel& model,
              const Population& population,
              Timestamp now,
              std::span<CompactScore> out,
              int threads) {
    const detail::BoundModel bound = detail::Bind(model.Internals(), population);
    const double now_seconds = detail::NowSeconds(now);
    ForEachRange(population.LeadCount(), threads, [&](std::size_t begin, std::size_t end) {
        std::vector<detail::RuleTally> tallies(model.Internals().behaviours.size());
        for (std::size_t row = begin; row < end; ++row) {
            const auto lead_row = static_cast<std::uint32_t>(row);
            const auto raw =
                detail::ScoreRow(bound, population, lead_row, now_seconds, tallies, nullptr);
            out[row] = detail::Finish(model.Internals(), raw);
        }
    });
}

void ScoreAll(std::span<const CompiledModel> models,
              const Population& population,
              Timestamp now,
              std::span<CompactScore> out,
              int threads) {
    std::vector<detail::BoundModel> bound;
    bound.reserve(models.size());
    for (const CompiledModel& model : models)
        bound.push_back(detail::Bind(model.Internals(), population));
    const std::vector<int> model_by_area = ModelByArea(models, population);
    const std::uint32_t* area_codes = AreaCodes(population);
    const double now_seconds = detail::NowSeconds(now);
    ForEachRange(population.LeadCount(), threads, [&](std::size_t begin, std::size_t end) {
        std::vector<detail::RuleTally> tallies(MaxBehaviourRules(models));
        for (std::size_t row = begin; row < end; ++row) {
            const auto lead_row = static_cast<std::uint32_t>(row);
            const int model_idx = model_by_area[area_codes == nullptr ? 0 : area_codes[row]];
            if (model_idx < 0) {
                out[row] = CompactScore{};
                continue;
            }
            const auto& model = bound[static_cast<std::size_t>(model_idx)];
            const auto raw =
                detail::ScoreRow(model, population, lead_row, now_seconds, tallies, nullptr);
            out[row] = detail::Finish(*model.impl, raw);
        }
    });
}

domain::LeadScore ExplainLead(const CompiledModel& model,
                              const Population& population,
                              std::uint32_t row,
                              Timestamp now) {
    const detail::BoundModel bound = detail::BindRow(model.Internals(), population, row);
    const double now_seconds = detail::NowSeconds(now);
    std::vector<detail::RuleTally> tallies(model.Internals().behaviours.size());
    std::vector<detail::EachHit> hits;
    const auto raw = detail::ScoreRow(bound, population, row, now_seconds, tallies, &hits);
    const CompactScore compact = detail::Finish(model.Internals(), raw);
    domain::LeadScore score;
    score.total = compact.total;
    score.fit = compact.fit;
    score.engagement = compact.engagement;
    score.grade = compact.grade;
    score.breakdown = detail::ExplainRow(bound, population, row, now_seconds, tallies, hits);
    return score;
}

const CompiledModel* ModelFor(std::span<const CompiledModel> models,
                              const Population& population,
                              std::uint32_t row) {
    const std::uint32_t* area_codes = AreaCodes(population);
    const auto column = population.text.find("business_area");
    const std::string area =
        area_codes == nullptr ? "" : detail::Lower(column->second.dictionary.Text(area_codes[row]));
    const int model_idx = ClaimingModel(models, area);
    return model_idx < 0 ? nullptr : &models[static_cast<std::size_t>(model_idx)];
}

}  // namespace lb::scoring
