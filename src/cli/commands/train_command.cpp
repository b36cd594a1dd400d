#include "cli/commands/train_command.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands/report.hpp"
#include "cli/commands/store_flags.hpp"
#include "cli/commands/train_report.hpp"
#include "scoring/model.hpp"
#include "scoring/model_parser.hpp"
#include "scoring/predictive/cross_validation.hpp"
#include "scoring/predictive/suggested_rules.hpp"
#include "scoring/predictive/trained_model.hpp"
#include "service/lead_prediction.hpp"
#include "service/predictive_training.hpp"
#include "service/suggested_model.hpp"
#include "tracking/csv_reader.hpp"

namespace lb::cli {
namespace {

namespace predictive = scoring::predictive;

struct TrainArgs {
    std::string csv;
    StoreOptions store;  // --db / --postgres: train on the store's won and lost leads
    bool is_store = false;
    bool save_to_store = false;  // --save without a file (store mode)
    std::optional<std::int64_t> workspace;
    std::string outcome_by;
    std::string outcome_stage = "won";
    std::string target;
    std::vector<std::string> positives = predictive::DefaultPositiveValues();
    std::vector<std::string> excluded;
    std::vector<std::string> missing{"", "Select"};
    std::string model = "boosted";
    int folds = 5;
    std::uint64_t seed = 42;
    std::int64_t min_outcomes = service::kDefaultMinOutcomes;
    std::int64_t min_level_count = 10;
    std::string suggest_rules;
    std::string save;
    std::string folds_out;
    std::int64_t score_rows = 0;
    std::int64_t explain = 0;
    predictive::BoostedOptions boosted;
};

// The header's columns, except unnamed ones that hold no value (a trailing delimiter on every
// line, as some exports write).
Result<std::vector<std::size_t>> NamedColumns(const std::vector<std::string>& header) {
    std::vector<std::size_t> kept;
    for (std::size_t column = 0; column < header.size(); ++column) {
        if (!header[column].empty()) kept.push_back(column);
        if (std::count(header.begin(), header.end(), header[column]) > 1) {
            return Fail(InvalidArgument("the header names column '" + header[column] + "' twice",
                                        "line 1"));
        }
    }
    return kept;
}

Result<predictive::Table> ReadCsvTable(const std::string& path) {
    std::ifstream input(path, std::ios::binary);
    if (!input) return Fail(NotFound("cannot open " + path));
    tracking::CsvReader reader(input);
    tracking::CsvRecord record;
    LB_ASSIGN_OR_RETURN(const bool has_header, reader.Next(record));
    if (!has_header) return Fail(InvalidArgument("the file is empty", path));
    const std::vector<std::string> header = record.fields;
    LB_ASSIGN_OR_RETURN(const std::vector<std::size_t> kept, NamedColumns(header));
    std::vector<std::string> names;
    for (const std::size_t column : kept) names.push_back(header[column]);
    predictive::Table table(names);
    std::vector<std::string> values(kept.size());
    while (true) {
        LB_ASSIGN_OR_RETURN(const bool has_record, reader.Next(record));
        if (!has_record) break;
        const std::string where = "line " + std::to_string(record.line);
        if (record.fields.size() != header.size()) {
            return Fail(InvalidArgument(
                fmt::format("has {} fields, the header {}", record.fields.size(), header.size()),
                where));
        }
        for (std::size_t column = 0; column < header.size(); ++column) {
            if (header[column].empty() && !record.fields[column].empty()) {
                return Fail(InvalidArgument(
                    fmt::format("column {} has a value but no name in the header", column + 1),
                    where));
            }
        }
        for (std::size_t idx = 0; idx < kept.size(); ++idx) values[idx] = record.fields[kept[idx]];
        LB_TRY(table.AppendRow(values));
    }
    return table;
}

// Writes `content` to `path` through a temporary file, so a failure leaves nothing half-written.
Status WriteFileAtomically(const std::string& path, const std::string& content) {
    const std::string temporary = path + ".tmp";
    {
        std::ofstream output(temporary, std::ios::binary | std::ios::trunc);
        output << content;
        if (!output.flush()) return Fail(Unavailable("cannot write " + temporary));
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) return Fail(Unavailable("cannot write " + path + ": " + error.message()));
    return Ok();
}

predictive::ModelOptions ToModelOptions(const TrainArgs& args, predictive::ModelKind kind) {
    predictive::ModelOptions options;
    options.kind = kind;
    options.features.missing_values = args.missing;
    options.features.excluded_columns = args.excluded;
    options.features.min_level_count = args.min_level_count;
    options.boosted = args.boosted;
    options.boosted.seed = args.seed;
    return options;
}

// Fits on every labelled row and writes what the flags ask for.
Status WriteArtifacts(const TrainArgs& args,
                      const predictive::Table& table,
                      const predictive::Outcomes& outcomes,
                      predictive::ModelKind kind,
                      std::ostream& out) {
    if (!args.save.empty() || args.score_rows > 0 || args.explain > 0) {
        LB_ASSIGN_OR_RETURN(const predictive::TrainedModel model,
                            predictive::TrainedModel::Train(
                                table, outcomes.labels, args.target, ToModelOptions(args, kind)));
        if (args.score_rows > 0) LB_TRY(MeasureScoring(model, table, args.score_rows, out));
        if (args.explain > 0) LB_TRY(PrintExplanations(model, table, args.explain, out));
        if (!args.save.empty()) {
            LB_ASSIGN_OR_RETURN(const std::string json, model.ToJson());
            LB_TRY(WriteFileAtomically(args.save, json));
            out << "saved=" << args.save << '\n';
        }
    }
    if (args.suggest_rules.empty()) return Ok();
    const predictive::ModelOptions options = ToModelOptions(args, predictive::ModelKind::kLogistic);
    LB_ASSIGN_OR_RETURN(
        const predictive::TrainedModel logistic,
        predictive::TrainedModel::Train(table, outcomes.labels, args.target, options));
    LB_ASSIGN_OR_RETURN(const scoring::Model rules, predictive::SuggestRules(logistic, table));
    LB_TRY(WriteFileAtomically(args.suggest_rules, predictive::SuggestedRulesJson(rules)));
    out << "suggested_rules=" << args.suggest_rules << " rules=" << rules.rules.size() << '\n';
    return Ok();
}

Status RunCsvTrain(const TrainArgs& args, CliContext& ctx) {
    if (args.target.empty()) return Fail(InvalidArgument("--csv needs --target", "--target"));
    if (args.save_to_store) return Fail(InvalidArgument("--csv needs --save FILE", "--save"));
    LB_ASSIGN_OR_RETURN(const predictive::ModelKind kind, predictive::ParseModelKind(args.model));
    LB_ASSIGN_OR_RETURN(const predictive::Table csv, ReadCsvTable(args.csv));
    LB_ASSIGN_OR_RETURN(const predictive::Outcomes outcomes,
                        predictive::ReadOutcomes(
                            csv, args.target, args.positives, args.missing, args.min_outcomes));
    *ctx.out << fmt::format("rows={} positives={} negatives={} dropped_without_target={}\n",
                            outcomes.rows.size(),
                            outcomes.positives,
                            outcomes.negatives,
                            outcomes.dropped);
    const predictive::Table table = csv.SelectRows(outcomes.rows);
    const std::vector<int> folds =
        predictive::StratifiedFolds(outcomes.labels, args.folds, args.seed);
    if (!args.folds_out.empty()) {
        LB_TRY(WriteFileAtomically(args.folds_out, FoldAssignment(outcomes, folds)));
    }
    LB_ASSIGN_OR_RETURN(
        const predictive::CvReport report,
        predictive::CrossValidate(
            table, outcomes.labels, folds, args.target, ToModelOptions(args, kind)));
    *ctx.out << "model=" << args.model << " folds=" << args.folds << " seed=" << args.seed << '\n';
    PrintFolds(report, *ctx.out);
    PrintTables(report, *ctx.out);
    return WriteArtifacts(args, table, outcomes, kind, *ctx.out);
}

// A bare date ("2026-06-30") means the end of that day (UTC).
Result<std::optional<Timestamp>> ParseOutcomeBy(const std::string& text) {
    if (text.empty()) return std::optional<Timestamp>{};
    LB_ASSIGN_OR_RETURN(Timestamp at, ParseIso8601(text));
    if (text.size() == 10) at += std::chrono::days(1) - std::chrono::milliseconds(1);
    return std::optional<Timestamp>(at);
}

// --suggest-rules on the store: the points model learned from the same outcomes (an L2 logistic
// fit whatever --model says), written as a model document PUT /api/v1/scoring/models/{key} takes.
Status WriteStoreSuggestion(const TrainArgs& args,
                            storage::Store& store,
                            WorkspaceId workspace,
                            CliContext& ctx) {
    service::SuggestedModelOptions options;
    options.outcomes.min_outcomes = args.min_outcomes;
    options.outcomes.outcome_stage = args.outcome_stage;
    LB_ASSIGN_OR_RETURN(options.outcomes.outcome_by, ParseOutcomeBy(args.outcome_by));
    LB_ASSIGN_OR_RETURN(
        const service::SuggestedModel suggested,
        service::SuggestRulesFromOutcomes(store, workspace, options, ctx.clock->Now()));
    LB_TRY(WriteFileAtomically(args.suggest_rules, scoring::WriteModelJson(suggested.model)));
    *ctx.out << "suggested_rules=" << args.suggest_rules
             << " rules=" << suggested.model.rules.size() << '\n';
    return Ok();
}

// Cross-validates on the workspace's won and lost leads; --save stores the model as a version,
// --suggest-rules writes the suggested points model.
Status RunStoreTrain(const TrainArgs& args, CliContext& ctx) {
    for (const auto& [flag, is_set] : {std::pair{"--target", !args.target.empty()},
                                       std::pair{"--save FILE", !args.save.empty()},
                                       std::pair{"--folds-out", !args.folds_out.empty()},
                                       std::pair{"--explain", args.explain > 0},
                                       std::pair{"--score-rows", args.score_rows > 0}}) {
        if (is_set) return Fail(InvalidArgument(std::string(flag) + " is for --csv only", flag));
    }
    LB_ASSIGN_OR_RETURN(const predictive::ModelKind kind, predictive::ParseModelKind(args.model));
    if (args.save_to_store && args.outcome_stage != "won")
        return Fail(
            InvalidArgument("only models of --outcome-stage won are stored: a lead's "
                            "predicted_conversion is its chance to be won",
                            "--save"));
    service::OutcomeTableOptions options{.min_outcomes = args.min_outcomes,
                                         .outcome_stage = args.outcome_stage};
    LB_ASSIGN_OR_RETURN(options.outcome_by, ParseOutcomeBy(args.outcome_by));
    LB_ASSIGN_OR_RETURN(auto store, ctx.open_store(args.store));
    LB_ASSIGN_OR_RETURN(const WorkspaceId workspace,
                        service::ResolveTrainingWorkspace(*store, args.workspace));
    LB_ASSIGN_OR_RETURN(const service::OutcomeTable outcomes,
                        service::BuildOutcomeTable(*store, workspace, options));
    *ctx.out << fmt::format("workspace={} rows={} outcome_stage={} {}={} lost={}\n",
                            workspace.value,
                            outcomes.labels.size(),
                            outcomes.outcome_stage,
                            outcomes.outcome_stage == "won" ? "won" : "reached",
                            outcomes.won,
                            outcomes.lost);
    const predictive::ModelOptions model_options = ToModelOptions(args, kind);
    LB_ASSIGN_OR_RETURN(
        const predictive::CvReport report,
        service::CrossValidateOutcomes(outcomes, args.folds, args.seed, model_options));
    *ctx.out << "model=" << args.model << " folds=" << args.folds << " seed=" << args.seed << '\n';
    PrintFolds(report, *ctx.out);
    PrintTables(report, *ctx.out);
    if (!args.suggest_rules.empty()) LB_TRY(WriteStoreSuggestion(args, *store, workspace, ctx));
    if (!args.save_to_store) return Ok();
    LB_ASSIGN_OR_RETURN(const storage::StoredPredictiveModel saved,
                        service::SavePredictiveModel(
                            *store, workspace, outcomes, report, model_options, ctx.clock->Now()));
    *ctx.out << "saved_version=" << saved.version << '\n';
    service::LeadPredictor predictor;
    LB_ASSIGN_OR_RETURN(const std::int64_t predicted,
                        predictor.RefreshWorkspace(*store, workspace, ctx.clock->Now()));
    *ctx.out << "predicted_leads=" << predicted << '\n';
    return Ok();
}

Status RunTrain(const TrainArgs& args, CliContext& ctx) {
    if (!args.csv.empty()) return RunCsvTrain(args, ctx);
    if (args.is_store) return RunStoreTrain(args, ctx);
    return Fail(InvalidArgument("give --csv FILE (with --target) or --db FILE", "--csv"));
}

void AddBoostedOptions(CLI::App& train, predictive::BoostedOptions& boosted) {
    train.add_option("--rounds", boosted.rounds, "Boosted: trees")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    train.add_option("--learning-rate", boosted.learning_rate, "Boosted: shrinkage per tree")
        ->check(CLI::Range(1e-6, 1.0))
        ->capture_default_str();
    train.add_option("--max-depth", boosted.max_depth, "Boosted: depth of each tree")
        ->check(CLI::Range(1, 20))
        ->capture_default_str();
    train.add_option("--threads", boosted.threads, "Boosted: XGBoost threads (0: all cores)")
        ->check(CLI::Range(0, 256))
        ->capture_default_str();
    train.add_option("--colsample", boosted.colsample_bytree, "Boosted: features per tree")
        ->check(CLI::Range(0.01, 1.0))
        ->capture_default_str();
    train.add_option("--subsample", boosted.subsample, "Boosted: rows per tree")
        ->check(CLI::Range(0.01, 1.0))
        ->capture_default_str();
    train.add_option("--min-child-weight", boosted.min_child_weight, "Boosted: least hessian")
        ->check(CLI::Range(0.0, 1000.0))
        ->capture_default_str();
    train.add_option("--max-bin", boosted.max_bin, "Boosted: histogram bins per feature")
        ->check(CLI::Range(2, 1024))
        ->capture_default_str();
}

void AddTrainOptions(CLI::App& train, TrainArgs& args) {
    auto* csv =
        train.add_option("--csv", args.csv, "CSV of past leads with their outcome (',' or ';')");
    AddStoreFlags(train, args.store);
    csv->excludes(train.get_option("--db"))->excludes(train.get_option("--postgres"));
    train.add_option("--workspace", args.workspace, "Store: workspace id (default: the first)");
    train.add_option("--outcome-by", args.outcome_by, "Store: only outcomes by this date/time");
    train
        .add_option("--outcome-stage",
                    args.outcome_stage,
                    "Store: converted means reaching this stage (mql, sal, sql, opportunity, won)")
        ->capture_default_str();
    train.add_option("--target", args.target, "CSV: column holding the outcome");
    train.add_option("--positive", args.positives, "Outcome values meaning converted")
        ->delimiter(',')
        ->capture_default_str();
    train.add_option("--exclude", args.excluded, "Columns not to learn from (ids, leakage)")
        ->delimiter(',');
    train.add_option("--folds", args.folds, "Cross-validation folds")
        ->check(CLI::Range(2, 100))
        ->capture_default_str();
    train.add_option("--model", args.model, "logistic or boosted")
        ->check(CLI::IsMember({"logistic", "boosted"}))
        ->capture_default_str();
    train.add_option("--seed", args.seed, "Seed of the folds and the trees")->capture_default_str();
    train.add_option("--missing", args.missing, "Values meaning empty (replace: '',Select)")
        ->delimiter(',');
    train.add_option("--min-outcomes", args.min_outcomes, "Fewest positives and negatives")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    train.add_option("--min-level-count", args.min_level_count, "Rarer levels become __other__")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    train.add_option(
        "--suggest-rules", args.suggest_rules, "Write a points model (JSON) here (CSV or store)");
    train
        .add_option("--save",
                    args.save,
                    "CSV: write the model trained on all rows (JSON) to FILE; store: store it as "
                    "the workspace's next version (no FILE)")
        ->expected(0, 1);
    train.add_option("--folds-out", args.folds_out, "Write the fold of each CSV data row here");
    train.add_option("--score-rows", args.score_rows, "Time scoring this many rows (benchmark)")
        ->check(CLI::NonNegativeNumber);
    train.add_option("--explain", args.explain, "Print why the first N leads score as they do")
        ->check(CLI::NonNegativeNumber);
    AddBoostedOptions(train, args.boosted);
}

}  // namespace

void AddTrainCommand(CLI::App& root, CliContext& ctx, int& exit_code) {
    auto* train = root.add_subcommand(
        "train", "Learn a predictive score from past outcomes and cross-validate it");
    auto args = std::make_shared<TrainArgs>();
    AddTrainOptions(*train, *args);
    train->callback([train, args, &ctx, &exit_code] {
        args->is_store =
            train->get_option("--db")->count() > 0 || train->get_option("--postgres")->count() > 0;
        args->save_to_store = train->get_option("--save")->count() > 0 && args->save.empty();
        exit_code = Report(RunTrain(*args, ctx), ctx);
    });
}

}  // namespace lb::cli
