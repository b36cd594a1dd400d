// sqlite_floor: the raw-SQLite peer of `bench/run ingest`'s batched run. It stores the same events
// (new visitors' page views with lb.js's version 7 ids) in a store made by `leadbase` (so the
// schema and its indexes are the server's own, from its migrations), with no server around them:
// one thread, prepared statements bound in place, transactions as large as the batched run's
// groups, and the store's guarantees (WAL, synchronous=FULL, foreign keys on). Per event it runs
// what storing a tracked event needs at least: the messageId lookup (a retry is skipped), the
// visitor lookup, the touchpoint insert and the visitor upsert. What it leaves out is everything
// else the server does (HTTP, JSON, channels, stitching, answers, and the checkpoints it runs on a
// thread of their own; here SQLite's default auto-checkpoint runs inside the commits), so its
// rate is the most one SQLite writer on this machine can store, and so the bound for the batched
// rate of a server whose writes go through one SQLite writer.
//
//   lb_sqlite_floor --db PATH --seconds 10 --group 1600 [--leave-out PARTS]
//
// --leave-out takes a comma-separated list of parts to leave out, to see what each costs:
// `lookups` (both), `visitor` (the upsert), `message-index` and `anonymous-index` (dropped from
// the store, which must be a throwaway one), `foreign-keys`, `sync` (synchronous=OFF). With all
// of them it stores bare touchpoint rows.
//
// Writes for --seconds (whole transactions), then prints one line: events= seconds= (the time
// spent writing, from each BEGIN to its COMMIT's return) events_per_s= cpu_us_per_event=. Exits 1
// on a wrong argument or an SQLite error.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "support/uuid.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string db;
    double seconds = 10;
    int group = 1'600;
    std::set<std::string, std::less<>> leave_out;
};

constexpr std::string_view kParts[] = {
    "lookups", "visitor", "message-index", "anonymous-index", "foreign-keys", "sync"};

// Splits a comma-separated --leave-out list; false on a part it does not know.
bool ParseParts(std::string_view list, std::set<std::string, std::less<>>& parts) {
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view part = list.substr(0, comma);
        if (std::find(std::begin(kParts), std::end(kParts), part) == std::end(kParts)) {
            std::fprintf(stderr,
                         "lb_sqlite_floor: --leave-out: unknown part '%.*s'\n",
                         static_cast<int>(part.size()),
                         part.data());
            return false;
        }
        parts.emplace(part);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return true;
}

[[noreturn]] void Die(std::string_view what, sqlite3* db) {
    std::fprintf(stderr,
                 "lb_sqlite_floor: %.*s: %s\n",
                 static_cast<int>(what.size()),
                 what.data(),
                 db != nullptr ? sqlite3_errmsg(db) : "error");
    std::exit(1);
}

void Exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Die(sql, db);
}

// A prepared statement, finalized at exit of scope; Run steps it to the end and resets it.
class Statement final {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
            SQLITE_OK)
            Die(sql, db);
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& Int(int index, std::int64_t value) {
        sqlite3_bind_int64(stmt_, index, value);
        return *this;
    }
    Statement& Text(int index, std::string_view value) {
        sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
        return *this;
    }
    Statement& Null(int index) {
        sqlite3_bind_null(stmt_, index);
        return *this;
    }
    // Steps to the end; the rows it found.
    int Run() {
        int rows = 0;
        for (;;) {
            const int rc = sqlite3_step(stmt_);
            if (rc == SQLITE_ROW) {
                ++rows;
                continue;
            }
            if (rc != SQLITE_DONE) Die(sqlite3_sql(stmt_), db_);
            break;
        }
        sqlite3_reset(stmt_);
        return rows;
    }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

bool Parse(int argc, char** argv, Options& options) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        const char* value = argv[i + 1];
        if (flag == "--db") {
            options.db = value;
        } else if (flag == "--seconds") {
            options.seconds = std::atof(value);
        } else if (flag == "--group") {
            options.group = std::atoi(value);
        } else if (flag == "--leave-out") {
            if (!ParseParts(value, options.leave_out)) return false;
        } else {
            return false;
        }
    }
    return argc % 2 == 1 && !options.db.empty() && options.seconds > 0 && options.group > 0;
}

double ProcessCpuSeconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!Parse(argc, argv, options)) {
        std::fprintf(stderr,
                     "usage: lb_sqlite_floor --db PATH [--seconds S] [--group EVENTS] [--leave-out "
                     "PARTS]\n"
                     "  PATH: a store made by leadbase (its migrations), with a workspace\n");
        return 1;
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(options.db.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        Die("cannot open " + options.db, db);
    // The store's settings (src/storage/sqlite/sqlite_connection.cpp).
    Exec(db,
         "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
         "PRAGMA cache_size = -65536");
    const auto leaves_out = [&](std::string_view part) {
        return options.leave_out.find(part) != options.leave_out.end();
    };
    if (leaves_out("sync")) Exec(db, "PRAGMA synchronous = OFF");
    if (leaves_out("foreign-keys")) Exec(db, "PRAGMA foreign_keys = OFF");
    if (leaves_out("message-index")) Exec(db, "DROP INDEX ux_touchpoints_message");
    if (leaves_out("anonymous-index")) Exec(db, "DROP INDEX ix_touchpoints_anonymous");
    const bool is_looking_up = !leaves_out("lookups");
    const bool is_upserting_visitor = !leaves_out("visitor");
    std::int64_t workspace = 0;
    {
        sqlite3_stmt* raw = nullptr;
        sqlite3_prepare_v2(db, "SELECT min(id) FROM workspaces", -1, &raw, nullptr);
        if (raw == nullptr || sqlite3_step(raw) != SQLITE_ROW) Die("no workspace", db);
        workspace = sqlite3_column_int64(raw, 0);
        sqlite3_finalize(raw);
        if (workspace == 0) Die("the store has no workspace", db);
    }
    Statement begin(db, "BEGIN IMMEDIATE");
    Statement commit(db, "COMMIT");
    Statement find_message(db,
                           "SELECT message_id FROM touchpoints WHERE workspace_id = ?1 AND "
                           "message_id <> '' AND message_id = ?2");
    Statement find_visitor(db,
                           "SELECT lead_id, first_seen, last_seen, session_id, "
                           "first_touch_channel, first_touch_campaign, latest_touch_channel, "
                           "latest_touch_campaign FROM visitors WHERE workspace_id = ?1 AND "
                           "anonymous_id = ?2");
    Statement insert_touchpoint(
        db,
        "INSERT INTO touchpoints (workspace_id, lead_id, anonymous_id, type, name, url, channel, "
        "campaign, properties_json, filtered_reason, occurred_at, message_id, session_id, "
        "user_agent, ip, referrer, utm_source, utm_medium, utm_term, utm_content) VALUES (?1, "
        "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) "
        "ON CONFLICT DO NOTHING");
    Statement upsert_visitor(
        db,
        "INSERT INTO visitors (workspace_id, anonymous_id, lead_id, first_seen, last_seen, "
        "session_id, first_touch_channel, first_touch_campaign, latest_touch_channel, "
        "latest_touch_campaign) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT "
        "(workspace_id, anonymous_id) DO UPDATE SET lead_id = excluded.lead_id, first_seen = "
        "excluded.first_seen, last_seen = excluded.last_seen, session_id = excluded.session_id, "
        "first_touch_channel = excluded.first_touch_channel, first_touch_campaign = "
        "excluded.first_touch_campaign, latest_touch_channel = excluded.latest_touch_channel, "
        "latest_touch_campaign = excluded.latest_touch_campaign");

    std::mt19937_64 random(std::random_device{}());
    const auto group = static_cast<std::size_t>(options.group);
    std::vector<std::string> anonymous_ids(group);
    std::vector<std::string> message_ids(group);
    std::vector<std::string> session_ids(group);
    std::int64_t events = 0;
    // Only the writes count: from each BEGIN to its COMMIT's return.
    Clock::duration writing{};
    double cpu = 0;
    const auto deadline = Clock::now() + std::chrono::duration<double>(options.seconds);
    while (Clock::now() < deadline) {
        // The events of one group, made as the load generator makes them (not counted).
        const std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
        for (std::size_t i = 0; i < group; ++i) {
            anonymous_ids[i] = lb::bench::Uuid7(now_ms, random);
            message_ids[i] = lb::bench::Uuid7(now_ms, random);
            session_ids[i] = anonymous_ids[i] + ":" + std::to_string(now_ms);
        }
        const double cpu_start = ProcessCpuSeconds();
        const auto start = Clock::now();
        begin.Run();
        for (std::size_t i = 0; i < group; ++i) {
            if (is_looking_up) {
                if (find_message.Int(1, workspace).Text(2, message_ids[i]).Run() > 0) continue;
                find_visitor.Int(1, workspace).Text(2, anonymous_ids[i]).Run();
            }
            insert_touchpoint.Int(1, workspace)
                .Null(2)
                .Text(3, anonymous_ids[i])
                .Text(4, "page")
                .Text(5, "")
                .Text(6, "https://x.dk/p")
                .Text(7, "direct")
                .Text(8, "")
                .Text(9, "{}")
                .Text(10, "")
                .Int(11, now_ms)
                .Text(12, message_ids[i])
                .Text(13, session_ids[i]);
            for (int column = 14; column <= 20; ++column) insert_touchpoint.Text(column, "");
            insert_touchpoint.Run();
            if (!is_upserting_visitor) continue;
            upsert_visitor.Int(1, workspace)
                .Text(2, anonymous_ids[i])
                .Null(3)
                .Int(4, now_ms)
                .Int(5, now_ms)
                .Text(6, session_ids[i])
                .Text(7, "direct")
                .Text(8, "")
                .Text(9, "direct")
                .Text(10, "")
                .Run();
        }
        commit.Run();
        writing += Clock::now() - start;
        cpu += ProcessCpuSeconds() - cpu_start;
        events += static_cast<std::int64_t>(group);
    }
    const double seconds = std::chrono::duration<double>(writing).count();
    sqlite3_close_v2(db);
    std::string left_out;
    for (const std::string& part : options.leave_out)
        left_out += (left_out.empty() ? "" : ",") + part;
    std::printf("events=%lld seconds=%.2f events_per_s=%.0f cpu_us_per_event=%.2f left_out=%s\n",
                static_cast<long long>(events),
                seconds,
                static_cast<double>(events) / seconds,
                cpu * 1e6 / static_cast<double>(events),
                left_out.empty() ? "none" : left_out.c_str());
    return 0;
}
