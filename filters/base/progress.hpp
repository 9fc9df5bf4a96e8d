// Progress of long work, as values: library code counts what it has done and never
// prints; a front end (cli/common/progress_display.hpp) decides how to show it — a bar
// on a terminal, plain lines in a log, nothing with -q.
//
//   void run(..., const rigor::Progress& progress) {
//       rigor::ProgressTask task(progress, "frames", total);   // total 0: unknown
//       for (...) { ...; task.step(); }                         // any thread
//   }                                                           // finished on scope exit
//
// A default-constructed Progress reports nowhere, so callers that do not care pass
// `{}`.  step() is cheap (an atomic add and, at most every few milliseconds, one call
// of the sink) and safe from several threads at once; the sink is never called by two
// threads at the same time.  Reporting never changes what the work computes.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace rigor {

// One report: what is being counted, how many are done, of how many.
struct ProgressState {
    std::string_view task;     // what is counted, plural: "frames", "synthesis patterns"
    std::uint64_t done = 0;
    std::uint64_t total = 0;   // 0: not known (a stream of unknown length)
    bool finished = false;     // the last report of this task
};

// Where reports go.  Cheap to copy (a shared callable); copies report to the same sink.
class Progress {
public:
    using Sink = std::function<void(const ProgressState&)>;

    Progress() = default;  // reports nowhere
    explicit Progress(Sink sink);

    bool enabled() const { return sink_ != nullptr; }
    // Calls the sink (nothing when disabled); serialised across threads.
    void report(const ProgressState& state) const;

private:
    struct Shared {
        Sink sink;
        std::mutex mutex;
    };
    std::shared_ptr<Shared> sink_;
};

// A counted task reporting to a Progress.  Reports the first step at once, then at most
// every `kInterval`, and always the end (finish() or the destructor).
class ProgressTask {
public:
    static constexpr std::chrono::milliseconds kInterval{50};

    ProgressTask(Progress progress, std::string task, std::uint64_t total = 0);
    ProgressTask(const ProgressTask&) = delete;
    ProgressTask& operator=(const ProgressTask&) = delete;
    ~ProgressTask();

    void step(std::uint64_t n = 1) noexcept;
    // The total once it is known or when an estimate was wrong (0: unknown).
    void set_total(std::uint64_t total) noexcept;
    std::uint64_t done() const noexcept { return done_.load(std::memory_order_relaxed); }
    // Reports the end (once; later calls do nothing).
    void finish() noexcept;

private:
    void report(bool finished) noexcept;

    Progress progress_;
    std::string task_;
    std::atomic<std::uint64_t> done_{0};
    std::atomic<std::uint64_t> total_{0};
    std::atomic<std::int64_t> next_report_ns_{0};  // steady_clock time of the next report
    std::atomic<bool> finished_{false};
};

}  // namespace rigor
