// `leadbase import leads FILE.csv`: loads leads from CSV (API.md).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace lb::cli {

// Adds `import leads FILE [--map COLUMN=FIELD ...] [--placeholder VALUE ...] [--delimiter ,|;]
// [--db PATH | --postgres URL]`. Prints `created=N updated=N rejected=N` on stdout and one
// `line N: field: reason` per rejected row on stderr (the first 1,000); exit code 1 when rows were
// rejected or the file could not be imported at all. `--placeholder` values replace the default
// placeholder list ("Select").
void AddImportCommand(CLI::App& root, CliContext& ctx, int& exit_code);

}  // namespace lb::cli
