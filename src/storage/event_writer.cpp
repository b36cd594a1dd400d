#include "storage/event_writer.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "common/log.hpp"
#include "common/thread_name.hpp"

namespace lb::storage {

namespace {

// A job that throws fails alone; exceptions never reach the writer loop (STYLE.md §5).
Status RunJob(const WriteJob& job, Transaction& tx) {
    try {
        return job(tx);
    } catch (const std::exception& e) {
        return Fail(Internal(std::string("event write job threw: ") + e.what()));
    } catch (...) {
        return Fail(Internal("event write job threw a non-standard exception"));
    }
}

// Runs `done`, logging rather than letting an exception reach the writer loop.
void Complete(const WriteDone& done, Status status) noexcept {
    try {
        done(std::move(status));
    } catch (const std::exception& e) {
        log::error("event write callback threw: {}", e.what());
    } catch (...) {
        log::error("event write callback threw a non-standard exception");
    }
}

}  // namespace

EventWriter::EventWriter(Store& store, EventWriterOptions options)
    : store_(store),
      options_(options),
      flush_spacing_(store.DefersSync() ? options.flush_spacing : std::chrono::microseconds(0)),
      sync_thread_([this] {
          NameThisThread("lb-event-sync");
          RunSync();
      }),
      thread_([this] {
          NameThisThread("lb-event-writer");
          Run();
      }) {
}

EventWriter::~EventWriter() {
    Stop();
}

std::future<Status> EventWriter::Submit(WriteJob job, std::size_t event_count) {
    // shared_ptr: WriteDone must be copyable, a promise is not.
    auto promise = std::make_shared<std::promise<Status>>();
    std::future<Status> future = promise->get_future();
    Submit(std::move(job), event_count, [promise](Status status) {
        promise->set_value(std::move(status));
    });
    return future;
}

void EventWriter::Submit(WriteJob job, std::size_t event_count, WriteDone done) {
    std::optional<Status> refused;
    {
        std::lock_guard lock(mu_);
        if (is_stopping_) {
            refused = Fail(Unavailable("the event writer is stopping"));
        } else if (queued_events_ + event_count > options_.max_queued_events && !queue_.empty()) {
            refused = Fail(Unavailable("too many events waiting to be written; retry"));
        } else {
            queue_.push_back({std::move(job), event_count, std::move(done)});
            queued_events_ += event_count;
        }
    }
    if (refused) return Complete(done, std::move(*refused));
    queued_.notify_one();
}

void EventWriter::Stop() {
    {
        std::lock_guard lock(mu_);
        is_stopping_ = true;
    }
    queued_.notify_one();
    flush_ready_.notify_one();
    std::lock_guard stop_lock(stop_mu_);
    // The writer commits what is queued, then marks itself done; the sync thread then makes
    // the last groups durable and ends.
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
    if (sync_thread_.joinable() && sync_thread_.get_id() != std::this_thread::get_id())
        sync_thread_.join();
}

std::size_t EventWriter::CommittedJobs() const {
    std::lock_guard lock(mu_);
    return committed_jobs_;
}

std::size_t EventWriter::CommittedGroups() const {
    std::lock_guard lock(mu_);
    return committed_groups_;
}

std::size_t EventWriter::Flushes() const {
    std::lock_guard lock(mu_);
    return flushes_;
}

std::size_t EventWriter::SlowFlushes() const {
    std::lock_guard lock(mu_);
    return slow_flushes_;
}

void EventWriter::Run() {
    for (;;) {
        std::vector<Pending> group = TakeGroup();
        if (group.empty()) break;
        Committed committed = CommitGroup(std::move(group));
        std::unique_lock lock(mu_);
        for (const Pending& pending : committed.group) unsynced_events_ += pending.event_count;
        unsynced_.push_back(std::move(committed));
        committed_.notify_one();
        if (is_flush_held_ && IsFlushFull()) flush_ready_.notify_one();
        // At most one group waits for the sync in progress: the next one starts only when the
        // sync thread has taken this one. Jobs queue up meanwhile, so groups grow with the load
        // instead of each commit writing its pages for one event. While the sync thread holds
        // back a small flush, though, the writer commits on, so that the flush covers more.
        taken_.wait(lock, [this] { return unsynced_.empty() || is_flush_held_; });
    }
    {
        std::lock_guard lock(mu_);
        is_writer_done_ = true;
    }
    committed_.notify_one();
}

std::vector<EventWriter::Pending> EventWriter::TakeGroup() {
    std::unique_lock lock(mu_);
    queued_.wait(lock, [this] { return !queue_.empty() || is_stopping_; });
    if (queue_.empty()) return {};
    if (options_.max_group_delay.count() > 0 && !is_stopping_) {
        const auto deadline = std::chrono::steady_clock::now() + options_.max_group_delay;
        queued_.wait_until(lock, deadline, [this] {
            return queued_events_ >= options_.max_group_events || is_stopping_;
        });
    }
    std::vector<Pending> group;
    std::size_t events = 0;
    while (!queue_.empty() &&
           (group.empty() || events + queue_.front().event_count <= options_.max_group_events)) {
        events += queue_.front().event_count;
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
    }
    queued_events_ -= events;
    return group;
}

EventWriter::Committed EventWriter::CommitGroup(std::vector<Pending> group) {
    Committed committed;
    const Status together = store_.WriteUnsynced([&](Transaction& tx) -> Status {
        for (Pending& pending : group) LB_TRY(RunJob(pending.job, tx));
        return Ok();
    });
    committed.is_together = together.has_value();
    committed.group = std::move(group);
    if (committed.is_together) {
        committed.outcomes.assign(committed.group.size(), Ok());
        return committed;
    }
    // Isolate the failure: every job gets its own transaction and its own outcome.
    log::warn("event group of {} jobs failed ({}); writing them one by one",
              committed.group.size(),
              together.error().message);
    committed.outcomes.reserve(committed.group.size());
    for (Pending& pending : committed.group) {
        committed.outcomes.push_back(store_.WriteUnsynced(
            [&](Transaction& tx) -> Status { return RunJob(pending.job, tx); }));
    }
    return committed;
}

void EventWriter::RunSync() {
    for (;;) {
        std::vector<Committed> committed = TakeCommitted();
        if (committed.empty()) return;
        SyncAndComplete(committed);
    }
}

bool EventWriter::IsFlushFull() const {
    return unsynced_events_ >= options_.full_flush_events || is_stopping_ || is_writer_done_;
}

std::vector<EventWriter::Committed> EventWriter::TakeCommitted() {
    std::unique_lock lock(mu_);
    committed_.wait(lock, [this] { return !unsynced_.empty() || is_writer_done_; });
    // A small flush waits for the spacing, or until the writer has committed enough events
    // meanwhile: the flush then covers them all. The first never waits: before it, last_flush_
    // is the steady clock's epoch (the boot, on Linux), and a machine up for less than the
    // spacing held it that long.
    const auto due = last_flush_ + flush_spacing_;
    if (flushes_ > 0 && !IsFlushFull() && std::chrono::steady_clock::now() < due) {
        is_flush_held_ = true;
        taken_.notify_one();  // the writer may commit on
        flush_ready_.wait_until(lock, due, [this] { return IsFlushFull(); });
        is_flush_held_ = false;
    }
    std::vector<Committed> taken = std::exchange(unsynced_, {});
    unsynced_events_ = 0;
    if (!taken.empty()) {
        last_flush_ = std::chrono::steady_clock::now();
        ++flushes_;
    }
    taken_.notify_one();
    return taken;
}

void EventWriter::SyncAndComplete(std::vector<Committed>& committed) {
    std::size_t ok_jobs = 0;
    std::size_t transactions = 0;  // a group that failed together was rewritten job by job
    for (const Committed& one : committed) {
        const auto ok = static_cast<std::size_t>(
            std::count_if(one.outcomes.begin(), one.outcomes.end(), [](const Status& s) {
                return s.has_value();
            }));
        ok_jobs += ok;
        transactions += one.is_together ? 1 : ok;
    }
    // One flush makes every group committed so far durable.
    const auto flush_start = std::chrono::steady_clock::now();
    const Status synced = ok_jobs > 0 ? store_.SyncCommits() : Ok();
    if (ok_jobs > 0) NoteFlush(std::chrono::steady_clock::now() - flush_start, committed);
    if (!synced) {
        log::error("event commits could not be made durable: {}", synced.error().message);
        for (Committed& one : committed)
            for (Status& outcome : one.outcomes)
                if (outcome)
                    outcome = Fail(Unavailable("the events could not be made durable: " +
                                               synced.error().message));
        ok_jobs = 0;
        transactions = 0;
    }
    {
        // Counters first, so that a caller whose future is ready sees its job counted.
        std::lock_guard lock(mu_);
        committed_jobs_ += ok_jobs;
        committed_groups_ += transactions;
    }
    for (Committed& one : committed) {
        for (std::size_t job_idx = 0; job_idx < one.group.size(); ++job_idx)
            Complete(one.group[job_idx].done, std::move(one.outcomes[job_idx]));
    }
}

void EventWriter::NoteFlush(std::chrono::steady_clock::duration took,
                            const std::vector<Committed>& committed) {
    if (took < options_.slow_flush) return;  // the usual case: nothing to count
    std::size_t events = 0;
    for (const Committed& one : committed)
        for (const Pending& pending : one.group) events += pending.event_count;
    {
        std::lock_guard lock(mu_);
        ++slow_flushes_;
    }
    ++unwarned_slow_flushes_;
    slowest_unwarned_ = std::max(slowest_unwarned_, took);
    const auto now = std::chrono::steady_clock::now();
    if (last_slow_warning_ != std::chrono::steady_clock::time_point{} &&
        now - last_slow_warning_ < options_.slow_flush_warning_every)
        return;
    using Ms = std::chrono::duration<double, std::milli>;
    log::warn(
        "slow disk: a flush took {:.0f} ms, and the answers for its events waited for it "
        "(events: {}; flushes over {} ms since the previous warning or the start: {}, the "
        "slowest {:.0f} ms)",
        Ms(took).count(),
        events,
        options_.slow_flush.count(),
        unwarned_slow_flushes_,
        Ms(slowest_unwarned_).count());
    last_slow_warning_ = now;
    unwarned_slow_flushes_ = 0;
    slowest_unwarned_ = {};
}

}  // namespace lb::storage
