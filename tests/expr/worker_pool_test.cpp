// WorkerPool: every run calls each thread index exactly once and returns only after all
// calls have returned, run after run (polling and sleeping hand-overs alike).
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "pixel/expr/worker_pool.hpp"

TEST_CASE("a worker pool runs every index once per run, and waits for all") {
    for (int threads : {1, 2, 3}) {
        rigor::pixel::WorkerPool pool(threads);
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
