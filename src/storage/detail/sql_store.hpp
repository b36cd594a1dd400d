// The Store shared by both backends: a connection pool, transactions run through SqlTransaction,
// migrations on open. Drivers only supply connections and a dialect.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/fair_mutex.hpp"
#include "storage/detail/embedded_file.hpp"
#include "storage/detail/sql_connection.hpp"
#include "storage/store.hpp"

namespace lb::storage::detail {

// Opens a new connection. Called from any thread, never while the pool's mutex is held.
using ConnectionFactory = std::function<Result<std::unique_ptr<SqlConnection>>()>;

// How a backend lets a write transaction commit without waiting for the disk
// (Store::WriteUnsynced). Without one, WriteUnsynced is Write and SyncCommits does nothing.
struct DeferredSync {
    std::string before;  // run on the connection before BEGIN: commits stop syncing
    std::string after;   // run after COMMIT or ROLLBACK: restores durable commits
    // Makes every commit so far durable (Store::SyncCommits). Called by one thread at a time.
    std::function<Status()> sync;
};

// A Store over any SqlConnection. Thread-safe. Owns its connections; opens them lazily up to
// `pool_size` and makes callers wait for a free one beyond that.
class SqlStore final : public Store {
public:
    // Opens one connection, applies `migrations`, and returns the store.
    // Errors: kInvalidArgument when pool_size < 1, the factory's and the migrator's errors.
    [[nodiscard]] static Result<std::unique_ptr<Store>> Open(
        const SqlDialect& dialect,
        ConnectionFactory factory,
        int pool_size,
        std::span<const EmbeddedFile> migrations,
        std::optional<DeferredSync> deferred_sync = std::nullopt);

    [[nodiscard]] Status Read(const TransactionFn& fn) override;
    [[nodiscard]] Status Write(const TransactionFn& fn) override;
    [[nodiscard]] Status WriteUnsynced(const TransactionFn& fn) override;
    [[nodiscard]] Status SyncCommits() override;
    [[nodiscard]] bool DefersSync() const override { return deferred_sync_.has_value(); }
    [[nodiscard]] std::string_view Backend() const override { return dialect_.backend; }
    [[nodiscard]] Result<int> SchemaVersion() override;

    SqlStore(const SqlDialect& dialect,
             ConnectionFactory factory,
             int pool_size,
             std::optional<DeferredSync> deferred_sync);

private:
    class Lease;
    [[nodiscard]] Result<Lease> Acquire();
    void Release(std::unique_ptr<SqlConnection> conn);
    [[nodiscard]] Status Run(std::string_view begin, bool is_write, const TransactionFn& fn);
    // Run on `conn`, already leased.
    [[nodiscard]] Status RunOn(SqlConnection& conn,
                               std::string_view begin,
                               bool is_write,
                               const TransactionFn& fn);

    SqlDialect dialect_;
    ConnectionFactory factory_;
    int pool_size_;
    const std::optional<DeferredSync> deferred_sync_;
    std::mutex mu_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<SqlConnection>> idle_;  // guarded by mu_
    int open_count_ = 0;                                // guarded by mu_
    // Held for the whole of a Write when dialect_.serialize_writes: SQLite allows one writer, and
    // queueing here is fairer and faster than its busy-wait polling. Spans I/O by design. Fair:
    // a request waits for the batch in progress, never for the rest of a full rescore's loop.
    FairMutex write_mu_;
};

}  // namespace lb::storage::detail
