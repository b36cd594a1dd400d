#include "common/fair_mutex.hpp"

#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace lb {
namespace {

// The owner unlocks and locks again at once (a rescore's next write batch): a thread already
// waiting must get the lock first. std::mutex lets the owner take it straight back; that kept
// API writes waiting behind a whole startup rescore.
TEST(FairMutex, AWaitingThreadGoesBeforeTheOwnerLocksAgain) {
    FairMutex mu;
    std::vector<char> order;
    mu.lock();
    std::thread waiter([&] {
        const std::lock_guard lock(mu);
        order.push_back('W');
    });
    while (mu.TicketsOutForTesting() < 2) std::this_thread::yield();  // the waiter is queued
    mu.unlock();
    mu.lock();
    order.push_back('O');
    mu.unlock();
    waiter.join();
    EXPECT_EQ(order, (std::vector<char>{'W', 'O'}));
    EXPECT_EQ(mu.TicketsOutForTesting(), 0U);
}

TEST(FairMutex, ManyThreadsEachGetEveryTurnTheyAskFor) {
    FairMutex mu;
    long counter = 0;
    std::vector<std::thread> threads;
    for (int thread = 0; thread < 4; ++thread) {
        threads.emplace_back([&] {
            for (int turn = 0; turn < 2000; ++turn) {
                const std::lock_guard lock(mu);
                ++counter;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(counter, 8000);
}

}  // namespace
}  // namespace lb
