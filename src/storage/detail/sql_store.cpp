#include "storage/detail/sql_store.hpp"

#include <exception>
#include <utility>

#include "storage/detail/migrator.hpp"
#include "storage/detail/sql_transaction.hpp"

namespace lb::storage::detail {

// A pooled connection, returned to the pool when the lease ends.
class SqlStore::Lease final {
public:
    Lease(SqlStore& store, std::unique_ptr<SqlConnection> conn)
        : store_(&store), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept
        : store_(std::exchange(other.store_, nullptr)),
          conn_(std::move(other.conn_)),
          discard_(other.discard_) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
        if (discard_) conn_.reset();  // Release then only counts it as closed
        if (store_ != nullptr) store_->Release(std::move(conn_));
    }
    [[nodiscard]] SqlConnection& Connection() { return *conn_; }
    // Closes the connection instead of returning it to the pool.
    void Discard() { discard_ = true; }

private:
    SqlStore* store_;
    std::unique_ptr<SqlConnection> conn_;
    bool discard_ = false;
};

SqlStore::SqlStore(const SqlDialect& dialect,
                   ConnectionFactory factory,
                   int pool_size,
                   std::optional<DeferredSync> deferred_sync)
    : dialect_(dialect),
      factory_(std::move(factory)),
      pool_size_(pool_size),
      deferred_sync_(std::move(deferred_sync)) {
}

Result<std::unique_ptr<Store>> SqlStore::Open(const SqlDialect& dialect,
                                              ConnectionFactory factory,
                                              int pool_size,
                                              std::span<const EmbeddedFile> migrations,
                                              std::optional<DeferredSync> deferred_sync) {
    if (pool_size < 1)
        return Fail(InvalidArgument("the pool size must be at least 1", "pool_size"));
    auto store = std::make_unique<SqlStore>(
        dialect, std::move(factory), pool_size, std::move(deferred_sync));
    {
        LB_ASSIGN_OR_RETURN(Lease lease, store->Acquire());
        LB_TRY(ApplyMigrations(lease.Connection(), dialect, migrations));
    }
    return std::unique_ptr<Store>(std::move(store));
}

Result<SqlStore::Lease> SqlStore::Acquire() {
    {
        std::unique_lock lock(mu_);
        freed_.wait(lock, [this] { return !idle_.empty() || open_count_ < pool_size_; });
        if (!idle_.empty()) {
            std::unique_ptr<SqlConnection> conn = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(conn));
        }
        ++open_count_;
    }
    auto opened = factory_();
    if (!opened) {
        std::lock_guard lock(mu_);
        --open_count_;
        freed_.notify_one();
        return Fail(opened.error());
    }
    return Lease(*this, std::move(*opened));
}

void SqlStore::Release(std::unique_ptr<SqlConnection> conn) {
    const bool is_healthy = conn && conn->IsHealthy();
    if (!is_healthy) conn.reset();  // closed outside the lock
    std::lock_guard lock(mu_);
    if (is_healthy) {
        idle_.push_back(std::move(conn));
    } else {
        --open_count_;
    }
    freed_.notify_one();
}

Status SqlStore::Run(std::string_view begin, bool is_write, const TransactionFn& fn) {
    LB_ASSIGN_OR_RETURN(Lease lease, Acquire());
    return RunOn(lease.Connection(), begin, is_write, fn);
}

Status SqlStore::RunOn(SqlConnection& conn,
                       std::string_view begin,
                       bool is_write,
                       const TransactionFn& fn) {
    LB_TRY(conn.ExecScript(begin));
    Status result = Ok();
    try {
        SqlTransaction tx(conn, dialect_, is_write);
        result = fn(tx);
    } catch (const std::exception& e) {
        result = Fail(Internal(std::string("transaction failed: ") + e.what()));
    }
    if (!result) {
        (void)conn.ExecScript("ROLLBACK");
        return result;
    }
    if (auto committed = conn.ExecScript("COMMIT"); !committed) {
        (void)conn.ExecScript("ROLLBACK");
        Error error = committed.error().WithContext("commit failed");
        if (error.code == ErrorCode::kInternal) error.code = ErrorCode::kUnavailable;
        return Fail(std::move(error));
    }
    return Ok();
}

Status SqlStore::Read(const TransactionFn& fn) {
    return Run(dialect_.begin_read, false, fn);
}

Status SqlStore::Write(const TransactionFn& fn) {
    if (!dialect_.serialize_writes) return Run(dialect_.begin_write, true, fn);
    std::lock_guard lock(write_mu_);
    return Run(dialect_.begin_write, true, fn);
}

Status SqlStore::WriteUnsynced(const TransactionFn& fn) {
    if (!deferred_sync_) return Write(fn);
    std::unique_lock<FairMutex> lock;
    if (dialect_.serialize_writes) lock = std::unique_lock(write_mu_);
    LB_ASSIGN_OR_RETURN(Lease lease, Acquire());
    SqlConnection& conn = lease.Connection();
    // A connection left without durable commits would make a later Write unsafe: one whose
    // settings did not change both ways is closed, never returned to the pool.
    if (Status prepared = conn.ExecScript(deferred_sync_->before); !prepared) {
        lease.Discard();
        return prepared;
    }
    Status result = RunOn(conn, dialect_.begin_write, true, fn);
    if (!conn.ExecScript(deferred_sync_->after)) lease.Discard();
    return result;
}

Status SqlStore::SyncCommits() {
    if (!deferred_sync_) return Ok();
    return deferred_sync_->sync();
}

Result<int> SqlStore::SchemaVersion() {
    LB_ASSIGN_OR_RETURN(Lease lease, Acquire());
    return ReadSchemaVersion(lease.Connection());
}

}  // namespace lb::storage::detail
