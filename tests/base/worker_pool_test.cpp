// WorkerPool: every run calls each thread index exactly once and returns only after all
// calls have returned, run after run (polling and sleeping hand-overs alike).
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <chrono>
#include <thread>
#include <vector>

#include "filters/base/worker_pool.hpp"

TEST_CASE("a worker pool runs every index once per run, and waits for all") {
    for (int threads : {1, 2, 3}) {
        rigor::WorkerPool pool(threads);
        REQUIRE(pool.size() == threads);
        std::vector<int> calls(std::size_t(threads), 0);
        std::atomic<int> running{0};
        for (int run = 0; run < 300; ++run) {
            // Now and then a pause, after which the workers have gone from polling to sleeping.
            if (run % 50 == 25) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            pool.run([&](int t) {
                ++running;
                if (run % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // one slow task
                ++calls[std::size_t(t)];
                --running;
            });
            REQUIRE(running == 0);  // nothing still inside a task after run() returned
        }
        for (int c : calls) CHECK(c == 300);
    }
}

TEST_CASE("parallel_for calls every index exactly once, on any number of threads") {
    for (unsigned threads : {0u, 1u, 2u, 5u}) {
        for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(7), std::size_t(1000)}) {
            std::vector<std::atomic<int>> calls(n);
            rigor::parallel_for(n, threads, [&](std::size_t i) { ++calls[i]; });
            for (std::size_t i = 0; i < n; ++i) CHECK(calls[i] == 1);
        }
    }
}

TEST_CASE("parallel_for on a pool gives each call its thread's index") {
    rigor::WorkerPool pool(3);
    std::vector<int> thread_of(500, -1);
    rigor::parallel_for(pool, thread_of.size(), [&](std::size_t i, int t) { thread_of[i] = t; });
    for (int t : thread_of) {
        CHECK(t >= 0);
        CHECK(t < 3);
    }
}

TEST_CASE("parallel_for rethrows the first error after every thread has stopped") {
    for (unsigned threads : {1u, 2u, 4u}) {
        std::atomic<int> running{0};
        auto failing = [&](std::size_t i) {
            ++running;
            if (i == 13) {
                --running;
                throw std::runtime_error("job 13 failed");
            }
            std::this_thread::sleep_for(std::chrono::microseconds(50));
            --running;
        };
        CHECK_THROWS_WITH(rigor::parallel_for(100, threads, failing), "job 13 failed");
        CHECK(running == 0);
    }
}
