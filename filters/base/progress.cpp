#include "filters/base/progress.hpp"

namespace rigor {

namespace {
std::int64_t now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
}  // namespace

Progress::Progress(Sink sink) {
    if (sink) {
        sink_ = std::make_shared<Shared>();
        sink_->sink = std::move(sink);
    }
}

void Progress::report(const ProgressState& state) const {
    if (!sink_) return;
    std::lock_guard lock(sink_->mutex);
    sink_->sink(state);
}

ProgressTask::ProgressTask(Progress progress, std::string task, std::uint64_t total)
    : progress_(std::move(progress)), task_(std::move(task)), total_(total) {
    report(false);  // the display knows the task (and when it started) before the first step
}

ProgressTask::~ProgressTask() { finish(); }

void ProgressTask::step(std::uint64_t n) noexcept {
    done_.fetch_add(n, std::memory_order_relaxed);
    if (!progress_.enabled()) return;
    std::int64_t due = next_report_ns_.load(std::memory_order_relaxed);
    const std::int64_t now = now_ns();
    // One thread wins the exchange and reports; the others carry on counting.
    if (now >= due && next_report_ns_.compare_exchange_strong(
                          due, now + std::chrono::duration_cast<std::chrono::nanoseconds>(kInterval).count()))
        report(false);
}

void ProgressTask::set_total(std::uint64_t total) noexcept { total_.store(total, std::memory_order_relaxed); }

void ProgressTask::finish() noexcept {
    if (finished_.exchange(true)) return;
    report(true);
}

void ProgressTask::report(bool finished) noexcept {
    if (!progress_.enabled()) return;
    try {
        progress_.report({task_, done_.load(std::memory_order_relaxed), total_.load(std::memory_order_relaxed),
                          finished});
    } catch (...) {
        // A display that fails (stderr closed) must not stop the work it reports on.
    }
}

}  // namespace rigor
