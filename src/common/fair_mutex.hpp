// A mutex that hands the lock over in arrival order (a ticket lock). std::mutex lets the thread
// that just unlocked take the lock straight back, so a loop of short critical sections (a full
// rescore's write batches) can keep a waiting request out for the whole loop. Meets BasicLockable,
// so std::lock_guard and std::unique_lock work with it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace lb {

class FairMutex {
public:
    FairMutex() = default;
    FairMutex(const FairMutex&) = delete;
    FairMutex& operator=(const FairMutex&) = delete;

    // Waits until every thread that called lock() earlier has had its turn.
    void lock() {
        std::unique_lock guard(mu_);
        const std::uint64_t ticket = next_ticket_++;
        turn_.wait(guard, [&] { return now_serving_ == ticket; });
    }

    void unlock() {
        {
            const std::lock_guard guard(mu_);
            ++now_serving_;
        }
        turn_.notify_all();
    }

    // Tests only: the threads holding a ticket, the owner included (0 when unlocked).
    [[nodiscard]] std::uint64_t TicketsOutForTesting() {
        const std::lock_guard guard(mu_);
        return next_ticket_ - now_serving_;
    }

private:
    std::mutex mu_;
    std::condition_variable turn_;
    std::uint64_t next_ticket_ = 0;  // guarded by mu_
    std::uint64_t now_serving_ = 0;  // guarded by mu_
};

}  // namespace lb
