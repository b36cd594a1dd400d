// Tracking storage: idempotent touchpoints (message_id), visitors, attaching anonymous
// touchpoints to a lead, first/latest touch on leads, and the group-commit EventWriter.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "storage/event_writer.hpp"
#include "storage_contract/contract_fixture.hpp"

namespace lb::storage {
namespace {

using TrackingContract = StoreContract;

domain::Touchpoint Page(WorkspaceId ws, std::string anonymous_id, std::string message_id, int at) {
    domain::Touchpoint event;
    event.workspace_id = ws;
    event.anonymous_id = std::move(anonymous_id);
    event.type = "page";
    event.name = "Pricing";
    event.url = "https://acme.dk/pricing";
    event.channel = "paid-search";
    event.campaign = "spring";
    event.occurred_at = At(1'700'000'000'000 + at);
    event.message_id = std::move(message_id);
    event.session_id = event.anonymous_id + ":1700000000000";
    event.user_agent = "Mozilla/5.0";
    event.ip = "203.0.113.0";
    event.referrer = "https://www.google.com/";
    event.utm_source = "google";
    event.utm_medium = "cpc";
    event.utm_term = "radio ads";
    event.utm_content = "v2";
    return event;
}

// Queues one job on `writer` that appends `event`.
std::future<Status> SubmitAppend(EventWriter& writer, const domain::Touchpoint& event) {
    return writer.Submit(
        [event](Transaction& tx) {
            return tx.AppendTouchpoints(std::span<const domain::Touchpoint>(&event, 1));
        },
        1);
}

TEST_P(TrackingContract, RepeatedMessageIdsAreStoredOnce) {
    const std::vector<domain::Touchpoint> batch = {
        Page(ws_, "a1", "m1", 1), Page(ws_, "a1", "m2", 2), Page(ws_, "a1", "", 3)};
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.AppendTouchpoints(batch); }));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.AppendTouchpoints(batch); }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountTouchpoints(ws_));
        EXPECT_EQ(count, 4);  // m1, m2 once; the event without a message id twice
        const std::vector<std::string> asked = {"m1", "m3", "m2"};
        LB_ASSIGN_OR_RETURN(auto found, tx.FindTouchpointMessageIds(ws_, asked));
        std::sort(found.begin(), found.end());
        EXPECT_EQ(found, (std::vector<std::string>{"m1", "m2"}));
        return Ok();
    }));
}

TEST_P(TrackingContract, VisitorTouchpointsRoundTripEveryField) {
    const domain::Touchpoint event = Page(ws_, "a2", "m9", 5);
    LB_ASSERT_OK(InWrite([&](Transaction& tx) {
        return tx.AppendTouchpoints(std::span<const domain::Touchpoint>(&event, 1));
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto events, tx.ListVisitorTouchpoints(ws_, "a2"));
        EXPECT_EQ(events.size(), 1u);
        if (events.empty()) return Ok();
        const domain::Touchpoint& got = events[0];
        EXPECT_FALSE(got.lead_id.IsSet());
        EXPECT_EQ(got.message_id, "m9");
        EXPECT_EQ(got.session_id, event.session_id);
        EXPECT_EQ(got.user_agent, event.user_agent);
        EXPECT_EQ(got.ip, event.ip);
        EXPECT_EQ(got.referrer, event.referrer);
        EXPECT_EQ(got.utm_source, "google");
        EXPECT_EQ(got.utm_medium, "cpc");
        EXPECT_EQ(got.utm_term, "radio ads");
        EXPECT_EQ(got.utm_content, "v2");
        EXPECT_EQ(got.occurred_at, event.occurred_at);
        return Ok();
    }));
}

TEST_P(TrackingContract, AttachingAVisitorMovesItsAnonymousTouchpointsToTheLead) {
    const domain::Lead lead = Create(BareLead());
    const std::vector<domain::Touchpoint> batch = {
        Page(ws_, "a3", "", 2), Page(ws_, "a3", "", 1), Page(ws_, "other", "", 3)};
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.AppendTouchpoints(batch); }));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto attached, tx.AttachVisitorTouchpoints(ws_, "a3", lead.id));
        EXPECT_EQ(attached, 2);
        return Ok();
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto events, tx.ListLeadTouchpoints(ws_, lead.id));
        EXPECT_EQ(events.size(), 2u);
        if (events.size() == 2) {
            EXPECT_LT(events[0].occurred_at, events[1].occurred_at);
        }
        return Ok();
    }));
}

TEST_P(TrackingContract, VisitorsAreSavedAndReplaced) {
    const domain::Lead lead = Create(BareLead());
    domain::Visitor visitor;
    visitor.workspace_id = ws_;
    visitor.anonymous_id = "a4";
    visitor.first_seen = At(1);
    visitor.last_seen = At(2);
    visitor.session_id = "a4:1";
    visitor.first_touch_channel = "paid-search";
    visitor.first_touch_campaign = "spring";
    visitor.latest_touch_channel = "direct";
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.SaveVisitor(visitor); }));
    visitor.lead_id = lead.id;
    visitor.last_seen = At(3);
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.SaveVisitor(visitor); }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto found, tx.FindVisitor(ws_, "a4"));
        EXPECT_TRUE(found.has_value());
        if (!found) return Ok();
        EXPECT_EQ(found->lead_id, lead.id);
        EXPECT_EQ(found->first_seen, At(1));
        EXPECT_EQ(found->last_seen, At(3));
        EXPECT_EQ(found->first_touch_channel, "paid-search");
        EXPECT_EQ(found->latest_touch_channel, "direct");
        LB_ASSIGN_OR_RETURN(const auto missing, tx.FindVisitor(ws_, "nobody"));
        EXPECT_FALSE(missing.has_value());
        return Ok();
    }));
}

// The bulk path of the collector: 45 visitors (statements of 32, 8 and 1 rows) are saved,
// then 40 of them replaced together with 5 new ones, and found again in one call that also
// names an unknown id.
TEST_P(TrackingContract, VisitorsAreSavedAndFoundInBulk) {
    const domain::Lead lead = Create(BareLead());
    const auto make = [&](int idx) {
        domain::Visitor visitor;
        visitor.workspace_id = ws_;
        visitor.anonymous_id = "bulk-" + std::to_string(idx);
        visitor.first_seen = At(idx);
        visitor.last_seen = At(idx);
        visitor.session_id = visitor.anonymous_id + ":1";
        visitor.first_touch_channel = "paid-search";
        return visitor;
    };
    std::vector<domain::Visitor> first;
    for (int idx = 0; idx < 45; ++idx) first.push_back(make(idx));
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.SaveVisitors(first); }));
    std::vector<domain::Visitor> second;
    for (int idx = 5; idx < 50; ++idx) {
        domain::Visitor visitor = make(idx);
        visitor.last_seen = At(1'000 + idx);
        if (idx % 2 == 0) visitor.lead_id = lead.id;
        second.push_back(visitor);
    }
    LB_ASSERT_OK(InWrite([&](Transaction& tx) { return tx.SaveVisitors(second); }));
    std::vector<std::string> ids;
    for (int idx = 0; idx < 50; ++idx) ids.push_back("bulk-" + std::to_string(idx));
    ids.push_back("nobody");
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(auto found, tx.FindVisitors(ws_, ids));
        EXPECT_EQ(found.size(), 50U);
        for (const domain::Visitor& visitor : found) {
            const int idx = std::stoi(visitor.anonymous_id.substr(5));
            EXPECT_EQ(visitor.first_seen, At(idx)) << visitor.anonymous_id;
            EXPECT_EQ(visitor.last_seen, At(idx < 5 ? idx : 1'000 + idx)) << visitor.anonymous_id;
            EXPECT_EQ(visitor.lead_id.IsSet(), idx >= 5 && idx % 2 == 0) << visitor.anonymous_id;
            EXPECT_EQ(visitor.first_touch_channel, "paid-search");
        }
        return Ok();
    }));
}

TEST_P(TrackingContract, LeadTouchesKeepTheEarliestAndTheLatest) {
    const domain::Lead lead = Create(BareLead());
    LB_ASSERT_OK(InWrite([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto none, tx.GetLeadTouches(ws_, lead.id));
        EXPECT_FALSE(none.first_at.has_value());
        LB_TRY(tx.RecordLeadTouch(ws_, lead.id, "referral", "", At(200)));
        LB_TRY(tx.RecordLeadTouch(ws_, lead.id, "paid-search", "spring", At(100)));
        LB_TRY(tx.RecordLeadTouch(ws_, lead.id, "email-campaign", "news", At(300)));
        return tx.RecordLeadTouch(ws_, lead.id, "direct", "", At(150));
    }));
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto touches, tx.GetLeadTouches(ws_, lead.id));
        EXPECT_EQ(touches.first_channel, "paid-search");
        EXPECT_EQ(touches.first_campaign, "spring");
        EXPECT_EQ(touches.first_at, At(100));
        EXPECT_EQ(touches.latest_channel, "email-campaign");
        EXPECT_EQ(touches.latest_campaign, "news");
        EXPECT_EQ(touches.latest_at, At(300));
        EXPECT_EQ(tx.GetLeadTouches(ws_, LeadId(999'999)).error().code, ErrorCode::kNotFound);
        LB_ASSIGN_OR_RETURN(const domain::Lead read, tx.GetLead(ws_, lead.id));
        EXPECT_EQ(read.touches.first_channel, "paid-search");
        EXPECT_EQ(read.touches.latest_at, At(300));
        return Ok();
    }));
}

// The EventWriter over a real store: several threads submit at once; every future completes Ok
// after its events are committed, and each event is stored exactly once.
TEST_P(TrackingContract, EventWriterCommitsEveryJobFromManyThreads) {
    EventWriter writer(TheStore(), {});
    constexpr int kThreads = 4;
    constexpr int kJobsPerThread = 25;
    std::vector<std::future<std::vector<std::future<Status>>>> submitters;
    for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
        submitters.push_back(std::async(std::launch::async, [&, thread_idx] {
            std::vector<std::future<Status>> done;
            for (int job_idx = 0; job_idx < kJobsPerThread; ++job_idx) {
                const std::string id =
                    "t" + std::to_string(thread_idx) + "-" + std::to_string(job_idx);
                auto event = Page(ws_, id, id, job_idx);
                done.push_back(SubmitAppend(writer, event));
            }
            return done;
        }));
    }
    for (auto& submitter : submitters)
        for (auto& done : submitter.get()) LB_ASSERT_OK(done.get());
    EXPECT_EQ(writer.CommittedJobs(), static_cast<std::size_t>(kThreads * kJobsPerThread));
    EXPECT_LE(writer.CommittedGroups(), writer.CommittedJobs());
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountTouchpoints(ws_));
        EXPECT_EQ(count, kThreads * kJobsPerThread);
        return Ok();
    }));
}

TEST_P(TrackingContract, EventWriterFailsOnlyTheFailingJobOfAGroup) {
    EventWriter writer(TheStore(), {});
    // Block the writer on a first job so that the next three form one group.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    auto blocker = writer.Submit(
        [released](Transaction&) {
            released.wait();
            return Ok();
        },
        1);
    const auto good = [&](std::string id) {
        auto event = Page(ws_, id, id, 1);
        return SubmitAppend(writer, event);
    };
    auto first = good("g1");
    auto bad = writer.Submit([](Transaction&) { return Status(Fail(InvalidArgument("no"))); }, 1);
    auto second = good("g2");
    release.set_value();
    LB_ASSERT_OK(blocker.get());
    LB_ASSERT_OK(first.get());
    EXPECT_EQ(bad.get().error().code, ErrorCode::kInvalidArgument);
    LB_ASSERT_OK(second.get());
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountTouchpoints(ws_));
        EXPECT_EQ(count, 2);
        return Ok();
    }));
}

TEST_P(TrackingContract, EventWriterDrainsOnStopAndRefusesAfterwards) {
    EventWriter writer(TheStore(), {});
    std::vector<std::future<Status>> done;
    for (int job_idx = 0; job_idx < 20; ++job_idx) {
        auto event = Page(ws_, "d", "d" + std::to_string(job_idx), job_idx);
        done.push_back(SubmitAppend(writer, event));
    }
    writer.Stop();
    for (auto& future : done) LB_ASSERT_OK(future.get());
    EXPECT_EQ(writer.Submit([](Transaction&) { return Ok(); }, 1).get().error().code,
              ErrorCode::kUnavailable);
}

// Fewer, fuller flushes (SQLite, whose commits wait for a flush): after a flush, one for fewer
// than full_flush_events events waits while the writer commits on; here the spacing is an hour,
// so only the count can end the wait, and the next flush makes all of them durable at once.
TEST_P(TrackingContract, EventWriterHoldsASmallFlushUntilEnoughEventsAreCommitted) {
    if (!TheStore().DefersSync()) GTEST_SKIP() << "every commit is durable by itself";
    EventWriter writer(TheStore(),
                       {.full_flush_events = 4, .flush_spacing = std::chrono::hours(1)});
    LB_ASSERT_OK(SubmitAppend(writer, Page(ws_, "h", "h0", 0)).get());  // the first: at once
    EXPECT_EQ(writer.Flushes(), 1U);
    std::vector<std::future<Status>> held;
    for (int job_idx = 1; job_idx <= 3; ++job_idx)
        held.push_back(SubmitAppend(writer, Page(ws_, "h", "h" + std::to_string(job_idx), 0)));
    // The writer commits them while the flush waits: readers see them, callers are not answered.
    std::int64_t visible = 0;
    for (int poll = 0; poll < 500 && visible < 4; ++poll) {
        LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
            LB_ASSIGN_OR_RETURN(visible, tx.CountTouchpoints(ws_));
            return Ok();
        }));
        if (visible < 4) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(visible, 4);
    for (auto& future : held)
        EXPECT_EQ(future.wait_for(std::chrono::milliseconds(20)), std::future_status::timeout)
            << "flushed for fewer events than full_flush_events";
    EXPECT_EQ(writer.Flushes(), 1U);
    held.push_back(SubmitAppend(writer, Page(ws_, "h", "h4", 0)));  // the fourth ends the wait
    for (auto& future : held) LB_ASSERT_OK(future.get());
    EXPECT_EQ(writer.Flushes(), 2U);
    EXPECT_EQ(writer.CommittedJobs(), 5U);
}

// The spacing counts from the previous flush; the first has none. It was counted from the
// steady clock's epoch, the machine's boot: for a machine up for less than the spacing, the
// first job waited until then (with the hour of the tests above, on a freshly booted CI machine).
TEST_P(TrackingContract, EventWriterNeverHoldsTheFirstFlush) {
    constexpr auto kCentury = std::chrono::hours(24 * 365 * 100);
    EventWriter writer(TheStore(), {.full_flush_events = 100, .flush_spacing = kCentury});
    auto first = SubmitAppend(writer, Page(ws_, "first", "first-1", 0));
    ASSERT_EQ(first.wait_for(std::chrono::seconds(10)), std::future_status::ready)
        << "the first flush waited for the spacing";
    LB_ASSERT_OK(first.get());
    EXPECT_EQ(writer.Flushes(), 1U);
}

// Stopping never waits out a held flush: what is committed is made durable and answered at once.
TEST_P(TrackingContract, EventWriterStopEndsAHeldFlushAtOnce) {
    EventWriter writer(TheStore(),
                       {.full_flush_events = 100, .flush_spacing = std::chrono::hours(1)});
    LB_ASSERT_OK(SubmitAppend(writer, Page(ws_, "q", "q0", 0)).get());
    auto last = SubmitAppend(writer, Page(ws_, "q", "q1", 1));
    if (TheStore().DefersSync()) {
        EXPECT_EQ(last.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
    }
    writer.Stop();
    LB_ASSERT_OK(last.get());
    EXPECT_EQ(writer.CommittedJobs(), 2U);
    EXPECT_EQ(writer.Flushes(), 2U);  // one per take that had groups, none for the empty last
}

// PostgreSQL makes every commit durable by itself: nothing is gained by holding a flush, so
// the writer answers each group at once, whatever the spacing.
TEST_P(TrackingContract, EventWriterNeverHoldsWhenEveryCommitIsDurable) {
    if (TheStore().DefersSync()) GTEST_SKIP() << "commits wait for a flush";
    EventWriter writer(TheStore(),
                       {.full_flush_events = 100, .flush_spacing = std::chrono::hours(1)});
    for (int job_idx = 0; job_idx < 3; ++job_idx)
        LB_ASSERT_OK(SubmitAppend(writer, Page(ws_, "p", "p" + std::to_string(job_idx), 0)).get());
    EXPECT_EQ(writer.CommittedJobs(), 3U);
}

// A store whose SyncCommits waits until the test lets it finish, and then returns `sync_result`:
// shows when the EventWriter answers relative to the disk flush.
class HeldSyncStore final : public Store {
public:
    explicit HeldSyncStore(Store& inner) : inner_(inner) {}
    Status Read(const TransactionFn& fn) override { return inner_.Read(fn); }
    Status Write(const TransactionFn& fn) override { return inner_.Write(fn); }
    Status WriteUnsynced(const TransactionFn& fn) override {
        Status status = inner_.WriteUnsynced(fn);
        ++unsynced_commits;
        return status;
    }
    bool DefersSync() const override { return inner_.DefersSync(); }
    Status SyncCommits() override {
        if (!is_sync_started_.exchange(true)) sync_started.set_value();
        sync_released.wait();
        LB_TRY(inner_.SyncCommits());
        return sync_result;
    }
    std::string_view Backend() const override { return inner_.Backend(); }
    Result<int> SchemaVersion() override { return inner_.SchemaVersion(); }

    std::atomic<int> unsynced_commits{0};
    std::promise<void> sync_started;
    std::shared_future<void> sync_released;
    Status sync_result = Ok();

private:
    Store& inner_;
    std::atomic<bool> is_sync_started_{false};
};

TEST_P(TrackingContract, EventWriterAnswersAJobOnlyAfterTheSyncThatFollowsItsCommit) {
    HeldSyncStore store(TheStore());
    std::promise<void> release;
    store.sync_released = release.get_future().share();
    auto started = store.sync_started.get_future();
    EventWriter writer(store, {});
    auto event = Page(ws_, "s", "s1", 1);
    auto done = SubmitAppend(writer, event);
    started.wait();  // committed (visible), now being flushed
    EXPECT_EQ(store.unsynced_commits.load(), 1);
    LB_ASSERT_OK(TheStore().Read([&](Transaction& tx) -> Status {
        LB_ASSIGN_OR_RETURN(const auto count, tx.CountTouchpoints(ws_));
        EXPECT_EQ(count, 1);
        return Ok();
    }));
    EXPECT_EQ(done.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout)
        << "answered before its commit was on disk";
    EXPECT_EQ(writer.CommittedJobs(), 0U);
    release.set_value();
    LB_ASSERT_OK(done.get());
    EXPECT_EQ(writer.CommittedJobs(), 1U);
}

TEST_P(TrackingContract, EventWriterFailsTheJobsOfAFailedSyncAsUnavailable) {
    HeldSyncStore store(TheStore());
    std::promise<void> release;
    release.set_value();
    store.sync_released = release.get_future().share();
    store.sync_result = Fail(Unavailable("disk full"));
    EventWriter writer(store, {});
    auto event = Page(ws_, "f", "f1", 1);
    auto done = SubmitAppend(writer, event);
    const Status status = done.get();
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(status.error().message.find("disk full"), std::string::npos);
    EXPECT_EQ(writer.CommittedJobs(), 0U);
}

// A store whose flushes take `delay` (a slow disk).
class SlowSyncStore final : public Store {
public:
    SlowSyncStore(Store& inner, std::chrono::milliseconds delay) : inner_(inner), delay_(delay) {}
    Status Read(const TransactionFn& fn) override { return inner_.Read(fn); }
    Status Write(const TransactionFn& fn) override { return inner_.Write(fn); }
    Status WriteUnsynced(const TransactionFn& fn) override { return inner_.WriteUnsynced(fn); }
    bool DefersSync() const override { return inner_.DefersSync(); }
    Status SyncCommits() override {
        std::this_thread::sleep_for(delay_);
        return inner_.SyncCommits();
    }
    std::string_view Backend() const override { return inner_.Backend(); }
    Result<int> SchemaVersion() override { return inner_.SchemaVersion(); }

private:
    Store& inner_;
    std::chrono::milliseconds delay_;
};

// The warnings logged while it lives.
class CapturedWarnings final {
public:
    CapturedWarnings() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64)) {
        sink_->set_level(spdlog::level::warn);
        spdlog::default_logger()->sinks().push_back(sink_);
    }
    ~CapturedWarnings() {
        auto& sinks = spdlog::default_logger()->sinks();
        sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
    }
    CapturedWarnings(const CapturedWarnings&) = delete;
    CapturedWarnings& operator=(const CapturedWarnings&) = delete;

    [[nodiscard]] std::vector<std::string> Containing(std::string_view text) const {
        std::vector<std::string> found;
        for (std::string& line : sink_->last_formatted())
            if (line.find(text) != std::string::npos) found.push_back(std::move(line));
        return found;
    }

private:
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

TEST_P(TrackingContract, EventWriterCountsAndReportsAFlushSlowerThanTheLimit) {
    const CapturedWarnings warnings;
    SlowSyncStore store(TheStore(), std::chrono::milliseconds(40));
    EventWriterOptions options;
    options.slow_flush = std::chrono::milliseconds(20);
    EventWriter writer(store, options);
    LB_ASSERT_OK(SubmitAppend(writer, Page(ws_, "slow", "slow-1", 1)).get());
    writer.Stop();
    EXPECT_EQ(writer.Flushes(), 1U);
    EXPECT_EQ(writer.SlowFlushes(), 1U);
    const auto logged = warnings.Containing("slow disk");
    ASSERT_EQ(logged.size(), 1U);
    EXPECT_NE(logged[0].find("(events: 1;"), std::string::npos) << logged[0];
}

TEST_P(TrackingContract, EventWriterWarnsOfSlowFlushesOncePerPeriodAndCountsEveryOne) {
    const CapturedWarnings warnings;
    SlowSyncStore store(TheStore(), std::chrono::milliseconds(30));
    EventWriterOptions options;
    options.slow_flush = std::chrono::milliseconds(10);
    options.slow_flush_warning_every = std::chrono::hours(1);
    EventWriter writer(store, options);
    for (int job_idx = 0; job_idx < 3; ++job_idx)
        LB_ASSERT_OK(SubmitAppend(writer, Page(ws_, "w", "w" + std::to_string(job_idx), 1)).get());
    writer.Stop();
    EXPECT_EQ(writer.SlowFlushes(), 3U);
    EXPECT_EQ(warnings.Containing("slow disk").size(), 1U);
}

TEST_P(TrackingContract, EventWriterDoesNotReportFlushesWithinTheLimit) {
    const CapturedWarnings warnings;
    EventWriterOptions options;
    options.slow_flush = std::chrono::milliseconds(60'000);
    EventWriter writer(TheStore(), options);
    LB_ASSERT_OK(SubmitAppend(writer, Page(ws_, "fast", "fast-1", 1)).get());
    writer.Stop();
    EXPECT_EQ(writer.SlowFlushes(), 0U);
    EXPECT_TRUE(warnings.Containing("slow disk").empty());
}

LB_INSTANTIATE_ON_ALL_BACKENDS(TrackingContract);

}  // namespace
}  // namespace lb::storage
