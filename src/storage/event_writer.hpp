// EventWriter: the one writer of tracked events. Many request threads submit write jobs; one
// thread runs the jobs queued together in ONE transaction (group commit) and completes each
// job's future only after that transaction has committed durably.
//
// Pipelined: the writer commits a group without waiting for the disk (Store::WriteUnsynced) and
// hands it to a second thread, which makes it durable (Store::SyncCommits, one disk flush for
// every group committed meanwhile) and only then completes its jobs. So the writer runs the next
// group's statements while the previous one reaches the disk. A flush for only a few events
// waits a little (EventWriterOptions::flush_spacing) so that the disk gets fewer, fuller ones.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "common/result.hpp"
#include "common/thread_annotations.hpp"
#include "storage/store.hpp"

namespace lb::storage {

// A unit of work run inside a group's write transaction. It must leave the transaction usable
// when it returns an error (a failed statement is its caller's problem only if it returns Ok).
using WriteJob = std::function<Status(Transaction&)>;
// Called once with a job's outcome, on the writer thread (or at once on the caller's thread when
// the job is refused). Must be quick and must not throw: hand the outcome to another thread.
using WriteDone = std::function<void(Status)>;

struct EventWriterOptions {
    // A group holds at most this many events (a single larger job forms a group of its own).
    std::size_t max_group_events = 5'000;
    // After the first job of a group, wait at most this long for more before committing. Zero
    // (the default) commits what is queued at once: under load, jobs queue up while the previous
    // group commits, so groups grow by themselves without adding latency when the load is low.
    std::chrono::microseconds max_group_delay{0};
    // Submit answers kUnavailable when this many events wait already (back-pressure).
    std::size_t max_queued_events = 200'000;
    // Fewer, fuller disk flushes. A flush that would make fewer than `full_flush_events` events
    // durable waits until `flush_spacing` has passed since the previous one began, while the
    // writer goes on committing (it ends early once that many are committed). Each flush is a
    // device cache flush; a disk sent thousands a second stalls them all for 5-15 ms now and
    // then, and a stall is what the slowest answers wait for
    // (docs/adr/0003-durable-collector.md). Zero spacing flushes as soon as a group is committed,
    // and so does a store whose every commit is durable by itself (Store::DefersSync).
    std::size_t full_flush_events = 12;
    std::chrono::microseconds flush_spacing{1'500};
    // A flush that takes longer than this is a slow disk that every answer of its groups waited
    // for: it is counted (SlowFlushes) and logged as a warning, at most one warning every
    // `slow_flush_warning_every` (it tells how many more there were meanwhile, and the slowest).
    std::chrono::milliseconds slow_flush{100};
    std::chrono::seconds slow_flush_warning_every{10};
};

// Thread-safe: Submit and Stop may be called from any thread. Owns its two threads, started by
// the constructor and joined by Stop (or the destructor). Holds a reference to `store`, which must
// outlive it.
//
// Failure isolation: when a group's transaction fails (a job returns an error, or the commit
// fails), the writer runs each job of the group again in a transaction of its own, so one bad
// job fails only its own future. Jobs must therefore be safe to run twice when the first run was
// rolled back (any state outside the transaction they touch must tolerate that).
class EventWriter final {
public:
    EventWriter(Store& store, EventWriterOptions options);
    ~EventWriter();
    EventWriter(const EventWriter&) = delete;
    EventWriter& operator=(const EventWriter&) = delete;

    // Queues `job` (carrying `event_count` events, for the group bounds). The future holds Ok once
    // the job's writes are committed and on disk, or the job's error; kUnavailable (at once) after
    // Stop or when the queue is full, or when the store cannot commit or sync.
    [[nodiscard]] std::future<Status> Submit(WriteJob job, std::size_t event_count);
    // The same, reporting the outcome to `done` instead of a future (for asynchronous callers
    // that must not block a thread while the group commits).
    void Submit(WriteJob job, std::size_t event_count, WriteDone done) LB_EXCLUDES(mu_);

    // Stops accepting jobs, writes every job queued so far, and joins both threads.
    // Idempotent. Must not be called from inside a job.
    void Stop() LB_EXCLUDES(mu_);

    // Jobs and groups (transactions) committed durably so far; for tests and metrics.
    [[nodiscard]] std::size_t CommittedJobs() const LB_EXCLUDES(mu_);
    [[nodiscard]] std::size_t CommittedGroups() const LB_EXCLUDES(mu_);
    // Disk flushes begun so far (each makes every group committed before it durable).
    [[nodiscard]] std::size_t Flushes() const LB_EXCLUDES(mu_);
    // Flushes that took longer than EventWriterOptions::slow_flush.
    [[nodiscard]] std::size_t SlowFlushes() const LB_EXCLUDES(mu_);

private:
    struct Pending {
        WriteJob job;
        std::size_t event_count = 0;
        WriteDone done;
    };

    // A group committed (but maybe not yet on disk), with each job's outcome so far.
    struct Committed {
        std::vector<Pending> group;
        std::vector<Status> outcomes;
        bool is_together = false;  // one transaction for the whole group
    };

    void Run() LB_EXCLUDES(mu_);
    // Blocks until jobs are queued (or stop); takes a group. Empty: stopped and drained.
    [[nodiscard]] std::vector<Pending> TakeGroup() LB_EXCLUDES(mu_);
    [[nodiscard]] Committed CommitGroup(std::vector<Pending> group);
    void RunSync() LB_EXCLUDES(mu_);
    // Blocks until committed groups wait for their sync (or stop), and, for a small flush, until
    // flush_spacing has passed or enough are committed; takes them all. Empty: stopped and
    // drained.
    [[nodiscard]] std::vector<Committed> TakeCommitted() LB_EXCLUDES(mu_);
    [[nodiscard]] bool IsFlushFull() const LB_REQUIRES(mu_);
    void SyncAndComplete(std::vector<Committed>& committed) LB_EXCLUDES(mu_);
    // Counts a flush of `committed` that took `took`, and warns when it was slow.
    void NoteFlush(std::chrono::steady_clock::duration took,
                   const std::vector<Committed>& committed) LB_EXCLUDES(mu_);

    Store& store_;
    const EventWriterOptions options_;
    const std::chrono::microseconds flush_spacing_;  // zero when the store does not defer sync
    mutable std::mutex mu_;
    std::condition_variable queued_;
    std::deque<Pending> queue_ LB_GUARDED_BY(mu_);
    std::size_t queued_events_ LB_GUARDED_BY(mu_) = 0;
    bool is_stopping_ LB_GUARDED_BY(mu_) = false;
    std::condition_variable committed_;  // a group was committed, or the writer is done
    std::condition_variable taken_;      // the sync thread took the committed groups
    std::vector<Committed> unsynced_ LB_GUARDED_BY(mu_);
    std::size_t unsynced_events_ LB_GUARDED_BY(mu_) = 0;  // in unsynced_
    bool is_writer_done_ LB_GUARDED_BY(mu_) = false;      // no more groups will be committed
    // The sync thread waits for a fuller flush (flush_spacing); the writer commits meanwhile.
    bool is_flush_held_ LB_GUARDED_BY(mu_) = false;
    std::condition_variable flush_ready_;  // enough events committed to end a held flush, or stop
    std::chrono::steady_clock::time_point last_flush_ LB_GUARDED_BY(mu_){};
    std::size_t flushes_ LB_GUARDED_BY(mu_) = 0;
    std::size_t slow_flushes_ LB_GUARDED_BY(mu_) = 0;
    // The slow-flush warning; the sync thread's alone.
    std::chrono::steady_clock::time_point last_slow_warning_{};
    std::size_t unwarned_slow_flushes_ = 0;  // since the last warning
    std::chrono::steady_clock::duration slowest_unwarned_{};
    std::size_t committed_jobs_ LB_GUARDED_BY(mu_) = 0;
    std::size_t committed_groups_ LB_GUARDED_BY(mu_) = 0;
    std::mutex stop_mu_;  // serialises Stop's joins
    // Last: they start after every other member is ready.
    std::thread sync_thread_;
    std::thread thread_;
};

}  // namespace lb::storage
