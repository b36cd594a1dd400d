#include "population_export.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "duckdb_sql.hpp"

namespace lb::bench {
namespace {

// Buffered CSV writer: fields are appended to a 1 MiB buffer flushed with fwrite.
class CsvFile final {
public:
    explicit CsvFile(const std::string& path)
        : file_(std::fopen(path.c_str(), "wb"), &std::fclose) {}
    [[nodiscard]] bool IsOpen() const { return file_ != nullptr; }
    void Integer(std::int64_t value) {
        Separator();
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        buffer_.append(digits, end);
    }
    void Number(double value) {
        Separator();
        if (!std::isnan(value)) buffer_ += fmt::format("{}", value);
    }
    void Text(std::string_view value) {
        Separator();
        if (value.empty()) return;
        buffer_ += '"';
        for (const char c : value) {
            if (c == '"') buffer_ += '"';
            buffer_ += c;
        }
        buffer_ += '"';
    }
    void EndRow() {
        buffer_ += '\n';
        at_row_start_ = true;
        if (buffer_.size() > (1U << 20)) Flush();
    }
    bool Flush() {
        const bool ok =
            std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) == buffer_.size();
        buffer_.clear();
        return ok;
    }

private:
    void Separator() {
        if (!at_row_start_) buffer_ += ',';
        at_row_start_ = false;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
    std::string buffer_;
    bool at_row_start_ = true;
};

Status WriteLeads(const scoring::Population& population,
                  const std::string& path,
                  LeadColumns& columns) {
    CsvFile csv(path);
    if (!csv.IsOpen()) return Fail(Unavailable("cannot write " + path));
    csv.Text("lead");
    csv.Text("created_at");
    for (const auto& [field, column] : population.text) {
        csv.Text(ColumnName("t_", field));
        columns.text_fields.insert(field);
    }
    for (const auto& [field, column] : population.numbers) {
        csv.Text(ColumnName("n_", field));
        columns.number_fields.insert(field);
    }
    csv.EndRow();
    for (std::uint32_t row = 0; row < population.LeadCount(); ++row) {
        csv.Integer(row);
        csv.Integer(population.lead_created_at[row]);
        for (const auto& [field, column] : population.text)
            csv.Text(column.dictionary.Text(column.codes[row]));
        for (const auto& [field, column] : population.numbers) csv.Number(column.values[row]);
        csv.EndRow();
    }
    return csv.Flush() ? Ok() : Fail(Unavailable("cannot write " + path));
}

Status WriteTouches(const scoring::Population& population, const std::string& dir) {
    CsvFile touches(dir + "/touches.csv");
    CsvFile kinds(dir + "/kinds.csv");
    if (!touches.IsOpen() || !kinds.IsOpen()) return Fail(Unavailable("cannot write in " + dir));
    for (std::uint32_t row = 0; row < population.LeadCount(); ++row) {
        for (std::uint32_t idx = population.touch_offsets[row];
             idx < population.touch_offsets[row + 1];
             ++idx) {
            touches.Integer(row);
            touches.Integer(population.touch_at[idx]);
            touches.Integer(population.touch_kind[idx]);
            touches.EndRow();
        }
    }
    for (std::size_t kind_idx = 0; kind_idx < population.kinds.size(); ++kind_idx) {
        const scoring::TouchKind& kind = population.kinds[kind_idx];
        kinds.Integer(static_cast<std::int64_t>(kind_idx));
        kinds.Text(kind.type);
        kinds.Text(kind.name);
        kinds.Text(kind.path);
        kinds.Text(kind.filtered_reason);
        kinds.EndRow();
    }
    return touches.Flush() && kinds.Flush() ? Ok() : Fail(Unavailable("cannot write in " + dir));
}

}  // namespace

LeadSnapshot Snapshot(const scoring::Population& population, std::uint32_t row) {
    LeadSnapshot snapshot;
    snapshot.facts.id = population.lead_ids[row];
    snapshot.facts.created_at = FromEpochMillis(population.lead_created_at[row] * 1000);
    for (const auto& [field, column] : population.text) {
        if (column.codes[row] != 0)
            snapshot.facts.text.emplace_back(field, column.dictionary.Text(column.codes[row]));
    }
    for (const auto& [field, column] : population.numbers) {
        const auto text = population.text.find(field);
        const bool is_from_text = text != population.text.end() && text->second.codes[row] != 0;
        if (!std::isnan(column.values[row]) && !is_from_text) {
            snapshot.facts.numbers.emplace_back(field, column.values[row]);
        }
    }
    for (std::uint32_t idx = population.touch_offsets[row]; idx < population.touch_offsets[row + 1];
         ++idx) {
        const scoring::TouchKind& kind = population.kinds[population.touch_kind[idx]];
        snapshot.touches.push_back({population.touch_ids[idx],
                                    FromEpochMillis(population.touch_at[idx] * 1000),
                                    kind.type,
                                    kind.name,
                                    kind.path,
                                    kind.filtered_reason});
    }
    return snapshot;
}

Status ExportForPeer(const scoring::CompiledModel& model,
                     const scoring::Population& population,
                     std::span<const scoring::CompactScore> scores,
                     Timestamp now,
                     const std::string& dir) {
    LeadColumns columns;
    LB_TRY(WriteLeads(population, dir + "/leads.csv", columns));
    LB_TRY(WriteTouches(population, dir));
    LB_ASSIGN_OR_RETURN(const std::string query,
                        ScoringQuery(model, columns, ToEpochMillis(now) / 1000));
    std::ofstream(dir + "/query.sql") << query << "\n";
    std::ofstream totals(dir + "/ours.bin", std::ios::binary);
    for (const scoring::CompactScore& score : scores) totals.put(static_cast<char>(score.total));
    if (!totals) return Fail(Unavailable("cannot write " + dir + "/ours.bin"));
    return Ok();
}

}  // namespace lb::bench
