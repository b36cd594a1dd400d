// Synthetic lead tables with a known answer, for the predictive tests only.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "common/rng.hpp"
#include "scoring/predictive/table.hpp"

namespace lb::scoring::predictive::testing {

enum class Signal {
    kSeparable,  // converted exactly when source == "event"
    kNoise,      // converted at random, 40 %, independent of every column
    kVisits,     // converted more often with more visits (honest AUC about 0.75)
};

// Columns: "Lead Id" (unique), "source" (web/event/cold/partner, "Select" now and then),
// "visits" (0-20, empty now and then), "colour" (random noise), "leak" (a copy of the outcome
// as "closed-won"/"closed-lost"), "converted" ("yes"/"no").
inline Table SyntheticLeads(int rows, Signal signal, std::uint64_t seed = 7) {
    Rng rng(seed);
    Table table({"Lead Id", "source", "visits", "colour", "leak", "converted"});
    const std::vector<std::string> sources = {"web", "event", "cold", "partner"};
    const std::vector<std::string> colours = {"red", "green", "blue"};
    for (int row = 0; row < rows; ++row) {
        const auto source = sources[static_cast<std::size_t>(rng.Uniform(0, 3))];
        const std::int64_t visits = rng.Uniform(0, 20);
        bool converted = false;
        if (signal == Signal::kSeparable) converted = source == "event";
        if (signal == Signal::kNoise) converted = rng.Chance(0.4);
        if (signal == Signal::kVisits) {
            converted = rng.Chance(1 / (1 + std::exp(-(static_cast<double>(visits) - 10) / 3)));
        }
        const std::vector<std::string> values = {
            "L" + std::to_string(row),
            rng.Chance(0.05) && signal != Signal::kSeparable ? "Select" : source,
            rng.Chance(0.05) ? "" : std::to_string(visits),
            colours[static_cast<std::size_t>(rng.Uniform(0, 2))],
            converted ? "closed-won" : "closed-lost",
            converted ? "yes" : "no"};
        (void)table.AppendRow(values);
    }
    return table;
}

}  // namespace lb::scoring::predictive::testing
