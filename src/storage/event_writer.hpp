// EventWriter: the one writer of tracked events. Many request threads submit write jobs; one
// thread runs the jobs queued together in ONE transaction (group commit) and completes each
// job's future only after that transaction has committed durably.
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
};

// Thread-safe: Submit and Stop may be called from any thread. Owns its writer thread, started by
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
    // the job's writes are committed, or the job's error; kUnavailable (at once) after Stop or
    // when the queue is full, or when the store cannot commit.
    [[nodiscard]] std::future<Status> Submit(WriteJob job, std::size_t event_count);
    // The same, reporting the outcome to `done` instead of a future (for asynchronous callers
    // that must not block a thread while the group commits).
    void Submit(WriteJob job, std::size_t event_count, WriteDone done) LB_EXCLUDES(mu_);

    // Stops accepting jobs, writes every job queued so far, and joins the writer thread.
    // Idempotent. Must not be called from inside a job.
    void Stop() LB_EXCLUDES(mu_);

    // Jobs committed and groups (transactions) committed so far; for tests and metrics.
    [[nodiscard]] std::size_t CommittedJobs() const LB_EXCLUDES(mu_);
    [[nodiscard]] std::size_t CommittedGroups() const LB_EXCLUDES(mu_);

private:
    struct Pending {
        WriteJob job;
        std::size_t event_count = 0;
        WriteDone done;
    };

    void Run() LB_EXCLUDES(mu_);
    // Blocks until jobs are queued (or stop); takes a group. Empty: stopped and drained.
    [[nodiscard]] std::vector<Pending> TakeGroup() LB_EXCLUDES(mu_);
    void WriteGroup(std::vector<Pending>& group) LB_EXCLUDES(mu_);

    Store& store_;
    const EventWriterOptions options_;
    mutable std::mutex mu_;
    std::condition_variable queued_;
    std::deque<Pending> queue_ LB_GUARDED_BY(mu_);
    std::size_t queued_events_ LB_GUARDED_BY(mu_) = 0;
    bool is_stopping_ LB_GUARDED_BY(mu_) = false;
    std::size_t committed_jobs_ LB_GUARDED_BY(mu_) = 0;
    std::size_t committed_groups_ LB_GUARDED_BY(mu_) = 0;
    std::thread thread_;  // last: starts after every other member is ready
};

}  // namespace lb::storage
