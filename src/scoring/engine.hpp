// The scoring engine: compiles a Model once, then scores a whole Population (full rescore, all
// cores) or one lead with its full explanation (incremental scoring, API).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/entities.hpp"
#include "scoring/model.hpp"
#include "scoring/population.hpp"

namespace lb::scoring {

// A lead's score without its explanation (what a full rescore produces per lead).
struct CompactScore {
    std::uint8_t total = 0, fit = 0, engagement = 0;
    char grade[3] = {0, 0, 0};  // e.g. "B2"; empty when no model scored the lead
};

// A validated model prepared for evaluation (patterns compiled, maxima resolved).
// Thread-safe for concurrent const use. Owns everything it needs (copies the Model).
class CompiledModel final {
public:
    // kInvalidArgument naming the rule path ("rules[2].when.pattern") for what ValidateModel
    // rejects.
    [[nodiscard]] static Result<CompiledModel> Compile(const Model& model);
    CompiledModel(CompiledModel&&) noexcept;
    CompiledModel& operator=(CompiledModel&&) noexcept;
    ~CompiledModel();

    [[nodiscard]] const Model& Source() const;
    [[nodiscard]] double FitMax() const;
    [[nodiscard]] double EngagementMax() const;

    struct Impl;
    [[nodiscard]] const Impl& Internals() const { return *impl_; }

private:
    explicit CompiledModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Scores every lead of `population` as of `now` into out[row]. `threads` >= 1 splits the rows.
// Requires: out.size() == population.LeadCount().
void ScoreAll(const CompiledModel& model,
              const Population& population,
              Timestamp now,
              std::span<CompactScore> out,
              int threads);

// The same choosing a model per lead: the first model whose business_areas holds the lead's
// "business_area", else the first with none; leads no model claims get an empty CompactScore.
void ScoreAll(std::span<const CompiledModel> models,
              const Population& population,
              Timestamp now,
              std::span<CompactScore> out,
              int threads);

// One lead's score with its breakdown: one ScoreItem per rule that gave points (per touchpoint
// for kEach rules, newest first), with the decay applied. Requires: row < LeadCount().
[[nodiscard]] domain::LeadScore ExplainLead(const CompiledModel& model,
                                            const Population& population,
                                            std::uint32_t row,
                                            Timestamp now);

// The model that scores `row` (see ScoreAll above); nullptr when none does.
[[nodiscard]] const CompiledModel* ModelFor(std::span<const CompiledModel> models,
                                            const Population& population,
                                            std::uint32_t row);

}  // namespace lb::scoring
