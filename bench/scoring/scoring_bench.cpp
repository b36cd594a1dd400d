// bench/run scoring: builds a demo-shaped population straight into PopulationBuilder, times the
// full rescore (median of runs), the incremental rescore of one lead per event and the population
// build, and exports the same data and the same model as SQL for the DuckDB peer (peer.mjs).
// Prints key=value lines.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>

#include "demo/demo_population.hpp"
#include "duckdb_sql.hpp"
#include "population_export.hpp"
#include "scoring/engine.hpp"
#include "scoring/model_parser.hpp"

namespace lb::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::int64_t leads = 1'000'000;
    std::int64_t touches = 20'000'000;
    int threads = 2;
    int runs = 5;
    int events = 2'000;
    std::string model_path = "bench/scoring/bench_model.json";
    std::string out_dir;  // empty: no export for the peer
    bool auc = false;
};

double Seconds(Clock::duration elapsed) {
    return std::chrono::duration<double>(elapsed).count();
}

// CPU seconds of this process (all threads): on a shared machine wall time also counts waiting.
double ProcessCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double Median(std::vector<double> values) {
    std::ranges::sort(values);
    return values[values.size() / 2];
}

Options ParseOptions(int argc, char** argv) {
    Options options;
    for (int arg_idx = 1; arg_idx + 1 < argc + 1; ++arg_idx) {
        const std::string arg = argv[arg_idx];
        const auto next = [&] { return std::string(arg_idx + 1 < argc ? argv[++arg_idx] : ""); };
        if (arg == "--leads")
            options.leads = std::stoll(next());
        else if (arg == "--touches")
            options.touches = std::stoll(next());
        else if (arg == "--threads")
            options.threads = std::stoi(next());
        else if (arg == "--runs")
            options.runs = std::stoi(next());
        else if (arg == "--events")
            options.events = std::stoi(next());
        else if (arg == "--model")
            options.model_path = next();
        else if (arg == "--out")
            options.out_dir = next();
        else if (arg == "--auc")
            options.auc = true;
        else
            throw std::invalid_argument("unknown argument " + arg);
    }
    return options;
}

Timestamp BenchNow() {
    return *ParseIso8601("2026-11-01T00:00:00Z");
}

// Generates the demo workspace lead by lead (batches of 2,000 leads with their touchpoints) and
// adds each to the builder; only the builder's share of the time counts as build time.
struct BuildTimes {
    double total_s = 0;      // generation and build, wall
    double build_s = 0;      // the builder's share, wall
    double build_cpu_s = 0;  // the builder's share, CPU
};

scoring::Population BuildPopulation(const Options& options, BuildTimes& times) {
    demo::DemoOptions demo_options;
    demo_options.leads = options.leads;
    demo_options.events = static_cast<std::int64_t>(static_cast<double>(options.touches) / 0.85);
    demo::DemoGenerator generator(demo_options, BenchNow());
    scoring::PopulationBuilder builder;
    const auto start = Clock::now();
    Clock::duration in_builder{};
    double builder_cpu = 0;
    std::int64_t next_touch_id = 1, next_lead_id = 1;
    for (auto batch = generator.NextLeads(2'000); !batch.empty();
         batch = generator.NextLeads(2'000)) {
        const auto batch_start = Clock::now();
        const double cpu_start = ProcessCpuSeconds();
        for (const demo::DemoLead& lead : batch) {
            demo::AddDemoLead(builder,
                              lead,
                              generator.Companies()[lead.company_index],
                              LeadId(next_lead_id++),
                              next_touch_id);
        }
        builder_cpu += ProcessCpuSeconds() - cpu_start;
        in_builder += Clock::now() - batch_start;
    }
    const auto finish_start = Clock::now();
    const double finish_cpu_start = ProcessCpuSeconds();
    scoring::Population population = std::move(builder).Finish();
    builder_cpu += ProcessCpuSeconds() - finish_cpu_start;
    in_builder += Clock::now() - finish_start;
    times = {Seconds(Clock::now() - start), Seconds(in_builder), builder_cpu};
    return population;
}

scoring::CompiledModel LoadModel(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto model = scoring::ParseModelJson(text.str());
    if (!model)
        throw std::runtime_error(path + ": " + model.error().field + ": " + model.error().message);
    auto compiled = scoring::CompiledModel::Compile(*model);
    if (!compiled) throw std::runtime_error(path + ": " + compiled.error().message);
    return std::move(*compiled);
}

struct Timing {
    double wall_s = 0;  // median
    double cpu_s = 0;   // median, all threads together
};

Timing TimeFullRescore(const scoring::CompiledModel& model,
                       const scoring::Population& population,
                       int threads,
                       int runs,
                       std::vector<scoring::CompactScore>& out) {
    std::vector<double> wall, cpu;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        const double cpu_start = ProcessCpuSeconds();
        scoring::ScoreAll(model, population, BenchNow(), out, threads);
        cpu.push_back(ProcessCpuSeconds() - cpu_start);
        wall.push_back(Seconds(Clock::now() - start));
    }
    return {Median(wall), Median(cpu)};
}

// Per event: a touchpoint is appended to a random lead, whose facts (read back from the
// population, as the server reads them from the store) become a one-lead population that
// ExplainLead scores. Returns the latencies in microseconds, sorted.
std::vector<double> TimeIncremental(const scoring::CompiledModel& model,
                                    const scoring::Population& population,
                                    int events,
                                    const std::vector<scoring::CompactScore>& full) {
    std::mt19937_64 rng(7);
    std::vector<double> micros;
    const Timestamp now = BenchNow();
    for (int event = 0; event < events; ++event) {
        const auto row = static_cast<std::uint32_t>(rng() % population.LeadCount());
        const LeadSnapshot snapshot = Snapshot(population, row);
        const auto start = Clock::now();
        scoring::PopulationBuilder builder;
        const std::uint32_t one = builder.AddLead(snapshot.facts);
        for (const auto& touch : snapshot.touches) builder.AddTouch(one, touch);
        builder.AddTouch(
            one,
            {TouchpointId(1), now, "page", "Pricing", "https://www.nordlys-media.dk/pricing", ""});
        const scoring::Population single = std::move(builder).Finish();
        const domain::LeadScore score = scoring::ExplainLead(model, single, 0, now);
        micros.push_back(Seconds(Clock::now() - start) * 1e6);
        if (score.total < full[row].total)
            throw std::runtime_error("a pricing visit lowered a score");
    }
    std::ranges::sort(micros);
    return micros;
}

long PeakRssMib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

void PrintAuc() {
    const scoring::Model model = scoring::DefaultModel();
    if (model.rules.empty()) {
        std::cout << "default_model_auc=n/a (DefaultModel() has no rules yet)\n";
        return;
    }
    auto compiled = scoring::CompiledModel::Compile(model);
    if (!compiled) throw std::runtime_error("DefaultModel(): " + compiled.error().message);
    std::cout << fmt::format("default_model_auc={:.4f}\n",
                             demo::WonLostAuc(*compiled, demo::DemoOptions{}, BenchNow()));
}

// Prints the population and full-rescore figures; returns the full rescore's median wall time.
double MeasureFull(const Options& options,
                   const scoring::CompiledModel& model,
                   const scoring::Population& population,
                   std::vector<scoring::CompactScore>& scores) {
    const Timing one_thread = TimeFullRescore(model, population, 1, 3, scores);
    const Timing timing = TimeFullRescore(model, population, options.threads, options.runs, scores);
    std::cout << fmt::format(
        "full_rescore_1_thread_s={:.4f} (cpu {:.4f})\n", one_thread.wall_s, one_thread.cpu_s);
    std::cout << fmt::format("full_rescore_s={:.4f} (median of {}, {} threads; cpu {:.4f} s)\n",
                             timing.wall_s,
                             options.runs,
                             options.threads,
                             timing.cpu_s);
    std::cout << fmt::format("leads_per_s={:.0f}\n",
                             static_cast<double>(population.LeadCount()) / timing.wall_s);
    return timing.wall_s;
}

int Run(const Options& options) {
    const scoring::CompiledModel model = LoadModel(options.model_path);
    BuildTimes build;
    const double cpu_start = ProcessCpuSeconds();
    const scoring::Population population = BuildPopulation(options, build);
    std::cout << fmt::format("leads={} touchpoints={} kinds={} rules={}\n",
                             population.LeadCount(),
                             population.TouchCount(),
                             population.kinds.size(),
                             model.Source().rules.size());
    std::cout << fmt::format(
        "generate_and_build_s={:.3f} (cpu {:.3f})\npopulation_build_s={:.3f} (cpu {:.3f})\n",
        build.total_s,
        ProcessCpuSeconds() - cpu_start,
        build.build_s,
        build.build_cpu_s);
    std::vector<scoring::CompactScore> scores(population.LeadCount());
    const double full = MeasureFull(options, model, population, scores);
    const std::vector<double> micros = TimeIncremental(model, population, options.events, scores);
    std::cout << fmt::format("incremental_p50_us={:.1f}\nincremental_p99_us={:.1f} ({} events)\n",
                             micros[micros.size() / 2],
                             micros[micros.size() * 99 / 100],
                             micros.size());
    std::cout << fmt::format("peak_rss_mib={}\n", PeakRssMib());
    if (!options.out_dir.empty()) {
        const auto start = Clock::now();
        if (auto exported = ExportForPeer(model, population, scores, BenchNow(), options.out_dir);
            !exported) {
            throw std::runtime_error("export: " + exported.error().field + ": " +
                                     exported.error().message);
        }
        std::cout << fmt::format("export_s={:.1f}\n", Seconds(Clock::now() - start));
    }
    if (options.auc) PrintAuc();
    std::cout << fmt::format("ours_s={:.4f}\n", full);
    return 0;
}

}  // namespace
}  // namespace lb::bench

int main(int argc, char** argv) {
    try {
        return lb::bench::Run(lb::bench::ParseOptions(argc, argv));
    } catch (const std::exception& error) {
        std::cerr << "scoring_bench: " << error.what() << "\n";
        return 1;
    }
}
