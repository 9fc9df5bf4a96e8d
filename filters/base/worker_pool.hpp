// Threads started once and reused for every frame: run(task) calls task(t) for t in
// [0, size()) — t = 0 on the calling thread — and returns when all calls have returned.
// Starting threads per frame costs about as much as evaluating a simple program on a
// whole 1920x1080 plane, so per-frame threads would not scale; for the same reason the
// threads poll briefly (some microseconds) before they sleep, since waking a sleeping
// thread takes tens of microseconds and a simple program's frame only about a hundred.
//
// The one thread scheme of the project: every parallel loop (Expr rows, regression row
// blocks, VC-2 patterns and tables) runs on a WorkerPool, directly or through
// parallel_for below.  Which thread runs a piece of work never changes what it computes.
#pragma once
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace rigor {

class WorkerPool {
public:
    explicit WorkerPool(int threads);
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;
    ~WorkerPool();

    int size() const { return int(workers_.size()) + 1; }
    // Not reentrant: one run() at a time (calls from several threads are serialised).
    void run(const std::function<void(int)>& task);

private:
    void work(int t);

    std::vector<std::thread> workers_;
    std::mutex run_mutex_;  // serialises run()
    std::mutex mutex_;
    std::condition_variable start_, done_;
    const std::function<void(int)>* task_ = nullptr;
    std::atomic<unsigned long> generation_{0};
    std::atomic<int> pending_{0};
    std::atomic<bool> stop_{false};
};

// std::thread::hardware_concurrency(), at least 1: the default of every --threads.
unsigned hardware_threads();

// Calls job(i) — or job(i, t) with t the index of the pool thread running it, for
// per-thread scratch — exactly once for every i in [0, n), handing indices out one at a
// time (a loaded core takes fewer).  The first exception a job throws is rethrown after
// every thread has stopped; indices not yet started are then skipped.
template <class Job>
void parallel_for(WorkerPool& pool, std::size_t n, Job&& job) {
    auto call = [&](std::size_t i, int t) {
        if constexpr (std::is_invocable_v<Job&, std::size_t, int>)
            job(i, t);
        else
            job(i);
    };
    if (pool.size() == 1 || n < 2) {
        for (std::size_t i = 0; i < n; ++i) call(i, 0);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    pool.run([&](int t) {
        for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
            try {
                call(i, t);
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!error) error = std::current_exception();
                next = n;
            }
        }
    });
    if (error) std::rethrow_exception(error);
}

// The same on a pool made for this loop: `threads` threads (0: hardware_threads()), never
// more than n; 1 runs every job on the calling thread.
template <class Job>
void parallel_for(std::size_t n, unsigned threads, Job&& job) {
    if (threads == 0) threads = hardware_threads();
    threads = unsigned(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
    WorkerPool pool{int(threads)};
    parallel_for(pool, n, std::forward<Job>(job));
}

}  // namespace rigor
