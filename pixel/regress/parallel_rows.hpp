// Splits rows [0, height) into `threads` contiguous bands and runs fn(begin, end) on
// each, one std::thread per band but the first (run on the caller).  fn must not throw.
#pragma once
#include <algorithm>
#include <thread>
#include <vector>

namespace rigor::regress {

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

}  // namespace rigor::regress
