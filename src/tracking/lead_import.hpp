// ImportLeads: loads leads from a CSV file into a workspace, with column mapping, de-duplication
// (by external_id, then e-mail, also within the file) and a line-numbered report of rejected rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/result.hpp"
#include "storage/store.hpp"
#include "tracking/import_mapping.hpp"

namespace lb::tracking {

struct ImportOptions {
    std::vector<ColumnMapping> mappings;  // see ImportPlan::Create for the unmapped columns
    // Values that count as empty besides "" (compared after trimming, case-sensitive).
    std::vector<std::string> placeholders = {"Select"};
    char delimiter = '\0';         // ',' or ';'; '\0': detected from the header line
    std::string actor = "import";  // written to the leads' history
    // Rows written per transaction. A rejected row rolls its batch back; the rows before it are
    // written again without it, so a rejected row never leaves anything behind. Larger batches
    // rewrite fewer index pages per commit (100,000 demo leads into SQLite: 500 rows 3,777/s,
    // 5,000 rows 6,022/s, 20,000 rows 7,642/s); 5,000 keeps SQLite's one write lock held for
    // under a second, so a running server's writes wait little during an import.
    std::size_t batch_rows = 5000;
    std::size_t max_messages = 1000;  // rejection messages kept in the report (the count is exact)
};

struct ImportReport {
    std::int64_t rows = 0;  // data rows read (the header excluded)
    std::int64_t created = 0;
    std::int64_t updated = 0;  // also a later row of the same file matching an earlier one
    std::int64_t rejected = 0;
    std::int64_t channels_created = 0;
    std::int64_t business_areas_created = 0;
    std::vector<std::string> messages;  // "line N: field: reason", the first max_messages
};

// Imports the CSV read from `input` into `workspace`, creating unknown channels and business areas
// (keyed by the slug of their text). Rows that fail (a bad value, an e-mail taken by another
// lead, ...) are counted and described in the report; the others are written.
// When `input` is seekable the whole file is checked first, so that a CSV syntax error (an
// unterminated quote, invalid UTF-8) fails the import before anything is written; on a stream that
// cannot seek, rows of the batches before the error stay written.
// Errors: kInvalidArgument for a bad header, mapping or CSV syntax (message with the line),
// kTooLarge for an overlong record, and the store's kUnavailable / kInternal, which end the
// import (batches committed before stay).
// Requires: `workspace` exists.
[[nodiscard]] Result<ImportReport> ImportLeads(storage::Store& store,
                                               WorkspaceId workspace,
                                               std::istream& input,
                                               const ImportOptions& options,
                                               Timestamp now);

}  // namespace lb::tracking
