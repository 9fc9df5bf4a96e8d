// Thread helpers for the regress kernels.  fn must not throw.
#pragma once
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace rigor::regress {

// Splits rows [0, height) into `threads` contiguous bands and runs fn(begin, end) on
// each, one std::thread per band but the first (run on the caller).
template <class Fn>
void parallel_rows(int height, int threads, Fn&& fn) {
    threads = std::clamp(threads, 1, std::max(1, height));
    std::vector<std::thread> workers;
    workers.reserve(threads - 1);
    auto band = [&](int t) { return int(static_cast<long long>(height) * t / threads); };
    for (int t = 1; t < threads; ++t) workers.emplace_back([&fn, b = band(t), e = band(t + 1)] { fn(b, e); });
    fn(band(0), band(1));
    for (auto& w : workers) w.join();
}

// Rows [0, height) in blocks of block_rows, handed out dynamically (a loaded or slower
// core takes fewer): worker(next) runs once per thread and calls next(begin, end) until
// it returns false.  Which thread runs a block never changes what the block computes.
template <class Worker>
void parallel_row_blocks(int height, int block_rows, int threads, Worker&& worker) {
    const int blocks = (height + block_rows - 1) / block_rows;
    threads = std::clamp(threads, 1, std::max(1, blocks));
    std::atomic<int> next_block{0};
    auto run = [&] {
        auto next = [&](int& begin, int& end) {
            const int b = next_block.fetch_add(1, std::memory_order_relaxed);
            if (b >= blocks) return false;
            begin = b * block_rows;
            end = std::min(height, begin + block_rows);
            return true;
        };
        worker(next);
    };
    std::vector<std::thread> workers;
    workers.reserve(threads - 1);
    for (int t = 1; t < threads; ++t) workers.emplace_back(run);
    run();
    for (auto& w : workers) w.join();
}

}  // namespace rigor::regress
