// Threads started once and reused for every frame: run(task) calls task(t) for t in
// [0, size()) — t = 0 on the calling thread — and returns when all calls have returned.
// Starting threads per frame costs about as much as evaluating a simple program on a
// whole 1920x1080 plane, so per-frame threads would not scale; for the same reason the
// threads poll briefly (some microseconds) before they sleep, since waking a sleeping
// thread takes tens of microseconds and a simple program's frame only about a hundred.
#pragma once
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace rigor::pixel {

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

}  // namespace rigor::pixel
