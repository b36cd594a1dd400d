// `leadbase train`: learns a predictive score from historical outcomes in a CSV (API.md).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace lb::cli {

// Adds `train --csv FILE --target COLUMN [--positive V,...] [--exclude COL,...] [--folds K]
// [--model logistic|boosted] [--seed N] [--missing V,...] [--min-outcomes N]
// [--min-level-count N] [--suggest-rules FILE] [--save FILE] [--folds-out FILE]
// [--score-rows N] [--explain N] [--rounds N] [--learning-rate X] [--max-depth N] [--threads N]`.
// Prints the class counts, one line per fold, `auc=` and `logloss=` (each alone on a line), the
// reliability table and the deciles on stdout. Exit 1 with "leadbase: FIELD: MESSAGE" on stderr for
// bad input (missing column, a single class, too few outcomes, a malformed CSV line), nothing
// written then. `--explain N` prints, for the first N labelled leads, `explain row=I p=P [feature
// +log-odds] ...` (the 3 largest contributions). With `--db FILE` / `--postgres URL` instead of
// --csv it trains on the store's won and lost leads (too few: exit 1 naming found and needed);
// there `--suggest-rules FILE` writes service::SuggestRulesFromOutcomes's model (key "suggested")
// as a scoring model document and prints `suggested_rules=FILE rules=N`.
void AddTrainCommand(CLI::App& root, CliContext& ctx, int& exit_code);

}  // namespace lb::cli
