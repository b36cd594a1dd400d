#include "tracking/lead_import.hpp"

#include <algorithm>
#include <istream>
#include <optional>
#include <utility>

#include "tracking/csv_reader.hpp"
#include "tracking/lead_writer.hpp"

namespace lb::tracking {
namespace {

struct PendingRow {
    std::int64_t line = 0;
    domain::LeadInput input;
};

// Errors caused by a row's content; any other error (the database) ends the import.
bool IsRowError(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
        case ErrorCode::kAlreadyExists:
        case ErrorCode::kNotFound:
        case ErrorCode::kConflict:
        case ErrorCode::kPermissionDenied:
        case ErrorCode::kTooLarge:
            return true;
        default:
            return false;
    }
}

std::string LinePrefix(std::int64_t line) {
    return "line " + std::to_string(line) + ": ";
}

// Reads the whole file once, so that syntax errors are found before anything is written.
Status CheckSyntax(std::istream& input, char delimiter) {
    CsvReader reader(input, CsvOptions{.delimiter = delimiter});
    CsvRecord record;
    while (true) {
        LB_ASSIGN_OR_RETURN(const bool has_record, reader.Next(record));
        if (!has_record) return Ok();
    }
}

// Writes batches of rows, one transaction each, and keeps the tally.
class BatchWriter final {
public:
    BatchWriter(storage::Store& store,
                WorkspaceId workspace,
                const ImportOptions& options,
                Timestamp now,
                ImportReport& report)
        : store_(store), workspace_(workspace), options_(options), now_(now), report_(report) {}

    // Counts a rejected row; its message is added to the report, in line order, by Flush.
    void Reject(std::int64_t line, const Error& error) {
        ++report_.rejected;
        const std::string prefix = LinePrefix(line);
        std::string label = error.field.empty() ? prefix.substr(0, prefix.size() - 2) : error.field;
        if (!error.field.empty() && !label.starts_with(prefix)) label = prefix + label;
        batch_messages_.emplace_back(line, label + ": " + error.message);
    }

    // Writes `rows`: on a row's error the batch is rolled back, the rows before it are written
    // alone, and the failing row is tried once more on its own, then reported.
    Status Flush(std::vector<PendingRow>& rows) {
        std::size_t start = 0;
        std::size_t end = rows.size();
        while (start < rows.size()) {
            const Attempt attempt = WriteRange(rows, start, end);
            if (attempt.is_ok) {
                start = end;
                end = rows.size();
            } else if (!attempt.failed_at) {
                return Fail(attempt.error);
            } else if (*attempt.failed_at == start) {
                Reject(rows[start].line, attempt.error);
                ++start;
                end = rows.size();
            } else {
                end = *attempt.failed_at;
            }
        }
        rows.clear();
        std::ranges::stable_sort(batch_messages_, {}, &LineMessage::first);
        for (LineMessage& message : batch_messages_) {
            if (report_.messages.size() >= options_.max_messages) break;
            report_.messages.push_back(std::move(message.second));
        }
        batch_messages_.clear();
        return Ok();
    }

private:
    using LineMessage = std::pair<std::int64_t, std::string>;

    struct Attempt {
        bool is_ok = false;
        std::optional<std::size_t> failed_at;  // the row whose content failed
        Error error;
    };

    Attempt WriteRange(const std::vector<PendingRow>& rows, std::size_t start, std::size_t end) {
        Attempt attempt;
        ImportReport tally;
        const Status status = store_.Write([&](storage::Transaction& tx) -> Status {
            tally = ImportReport{};
            attempt.failed_at.reset();
            for (std::size_t row_idx = start; row_idx < end; ++row_idx) {
                UpsertOptions upsert;
                upsert.mode = UpsertMode::kCreateOrUpdate;
                upsert.unknown_keys = UnknownKeys::kCreate;
                upsert.actor = options_.actor;
                upsert.field_prefix = LinePrefix(rows[row_idx].line);
                auto outcome = UpsertLead(tx, workspace_, rows[row_idx].input, now_, upsert);
                if (!outcome) {
                    if (IsRowError(outcome.error().code)) attempt.failed_at = row_idx;
                    return Fail(std::move(outcome).error());
                }
                ++(outcome->is_created ? tally.created : tally.updated);
                tally.channels_created += outcome->channels_created;
                tally.business_areas_created += outcome->business_areas_created;
            }
            return Ok();
        });
        if (!status) {
            attempt.error = status.error();
            return attempt;
        }
        attempt.is_ok = true;
        report_.created += tally.created;
        report_.updated += tally.updated;
        report_.channels_created += tally.channels_created;
        report_.business_areas_created += tally.business_areas_created;
        return attempt;
    }

    storage::Store& store_;
    WorkspaceId workspace_;
    const ImportOptions& options_;
    Timestamp now_;
    ImportReport& report_;
    std::vector<LineMessage> batch_messages_;  // rejections of the current batch
};

}  // namespace

Result<ImportReport> ImportLeads(storage::Store& store,
                                 WorkspaceId workspace,
                                 std::istream& input,
                                 const ImportOptions& options,
                                 Timestamp now) {
    const std::istream::pos_type start = input.tellg();
    if (start != std::istream::pos_type(-1)) {
        LB_TRY(CheckSyntax(input, options.delimiter));
        input.clear();
        input.seekg(start);
    }
    CsvReader reader(input, CsvOptions{.delimiter = options.delimiter});
    CsvRecord record;
    LB_ASSIGN_OR_RETURN(const bool has_header, reader.Next(record));
    if (!has_header)
        return Fail(InvalidArgument("the file is empty; expected a header line", "header"));
    LB_ASSIGN_OR_RETURN(const ImportPlan plan,
                        ImportPlan::Create(record.fields, options.mappings, options.placeholders));

    ImportReport report;
    BatchWriter writer(store, workspace, options, now, report);
    std::vector<PendingRow> batch;
    const std::size_t batch_rows = std::max<std::size_t>(options.batch_rows, 1);
    while (true) {
        LB_ASSIGN_OR_RETURN(const bool has_record, reader.Next(record));
        if (!has_record) break;
        ++report.rows;
        auto lead_input = plan.ToLeadInput(record);
        if (!lead_input) {
            writer.Reject(record.line, lead_input.error());
            continue;
        }
        batch.push_back(PendingRow{record.line, std::move(*lead_input)});
        if (batch.size() >= batch_rows) LB_TRY(writer.Flush(batch));
    }
    LB_TRY(writer.Flush(batch));
    return report;
}

}  // namespace lb::tracking
