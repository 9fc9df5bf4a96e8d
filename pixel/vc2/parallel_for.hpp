// A minimal work-sharing loop for the VC-2 tools' independent per-pattern jobs.
#pragma once
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace rigor::vc2 {

// Runs job(i) for i in [0, n) on `threads` threads (≤ 1: the calling thread); rethrows
// the first error after every thread has stopped.  Results must not depend on which
// thread ran a job (each job writes only its own slot).
template <class Job>
void parallel_for(std::size_t n, unsigned threads, Job job) {
    if (threads <= 1 || n < 2) {
        for (std::size_t i = 0; i < n; ++i) job(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (std::size_t i; (i = next++) < n;) {
                try {
                    job(i);
                } catch (...) {
                    std::lock_guard lock(error_mutex);
                    if (!error) error = std::current_exception();
                    next = n;
                }
            }
        });
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace rigor::vc2
