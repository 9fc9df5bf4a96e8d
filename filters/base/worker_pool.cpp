#include "filters/base/worker_pool.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace rigor {

namespace {
// About 20 microseconds of polling (PAUSE takes some tens of cycles on current cores).
constexpr int kSpins = 2000;

void relax() {
#if defined(__x86_64__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}
}  // namespace

unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

WorkerPool::WorkerPool(int threads) {
    for (int t = 1; t < threads; ++t) workers_.emplace_back([this, t] { work(t); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    start_.notify_all();
    for (std::thread& w : workers_) w.join();
}

void WorkerPool::run(const std::function<void(int)>& task) {
    std::lock_guard<std::mutex> serial(run_mutex_);
    if (workers_.empty()) {
        task(0);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        task_ = &task;
        pending_.store(int(workers_.size()));
        generation_.fetch_add(1, std::memory_order_release);
    }
    start_.notify_all();
    task(0);
    for (int spin = 0; spin < kSpins && pending_.load(std::memory_order_acquire) != 0; ++spin) relax();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_.load(std::memory_order_acquire) == 0; });
    task_ = nullptr;
}

void WorkerPool::work(int t) {
    unsigned long seen = 0;
    for (;;) {
        for (int spin = 0; spin < kSpins && generation_.load(std::memory_order_acquire) == seen && !stop_; ++spin)
            relax();
        const std::function<void(int)>* task;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            start_.wait(lock, [&] { return stop_ || generation_.load(std::memory_order_acquire) != seen; });
            if (stop_) return;
            seen = generation_.load(std::memory_order_acquire);
            task = task_;
        }
        (*task)(t);
        if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            std::lock_guard<std::mutex> lock(mutex_);  // the waiter is either polling or asleep on done_
            done_.notify_one();
        }
    }
}

}  // namespace rigor
