#include "storage/event_writer.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "common/log.hpp"

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
    : store_(store), options_(options), thread_([this] { Run(); }) {
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
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

std::size_t EventWriter::CommittedJobs() const {
    std::lock_guard lock(mu_);
    return committed_jobs_;
}

std::size_t EventWriter::CommittedGroups() const {
    std::lock_guard lock(mu_);
    return committed_groups_;
}

void EventWriter::Run() {
    for (;;) {
        std::vector<Pending> group = TakeGroup();
        if (group.empty()) return;
        WriteGroup(group);
    }
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

void EventWriter::WriteGroup(std::vector<Pending>& group) {
    const Status together = store_.Write([&](Transaction& tx) -> Status {
        for (Pending& pending : group) LB_TRY(RunJob(pending.job, tx));
        return Ok();
    });
    std::vector<Status> outcomes;
    outcomes.reserve(group.size());
    if (together) {
        outcomes.assign(group.size(), Ok());
    } else {
        // Isolate the failure: every job gets its own transaction and its own outcome.
        log::warn("event group of {} jobs failed ({}); writing them one by one",
                  group.size(),
                  together.error().message);
        for (Pending& pending : group) {
            outcomes.push_back(
                store_.Write([&](Transaction& tx) -> Status { return RunJob(pending.job, tx); }));
        }
    }
    const auto committed = static_cast<std::size_t>(std::count_if(
        outcomes.begin(), outcomes.end(), [](const Status& s) { return s.has_value(); }));
    {
        // Counters first, so that a caller whose future is ready sees its job counted.
        std::lock_guard lock(mu_);
        committed_jobs_ += committed;
        committed_groups_ += together ? 1 : committed;
    }
    for (std::size_t job_idx = 0; job_idx < group.size(); ++job_idx)
        Complete(group[job_idx].done, std::move(outcomes[job_idx]));
}

}  // namespace lb::storage
