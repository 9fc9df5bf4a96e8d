// ProgressTask: counts from several threads add up, the first step and the end are
// always reported, reports are throttled, and a disabled Progress costs nothing.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "filters/base/progress.hpp"
#include "filters/base/worker_pool.hpp"

using namespace rigor;

namespace {
struct Recorder {
    std::vector<ProgressState> states;
    std::vector<std::string> names;  // ProgressState::task is a view: keep a copy
    Progress progress() {
        return Progress([this](const ProgressState& s) {
            states.push_back(s);
            names.emplace_back(s.task);
        });
    }
};
}  // namespace

TEST_CASE("ProgressTask reports the start, throttled steps and the end", "[progress]") {
    Recorder r;
    {
        ProgressTask task(r.progress(), "frames", 1000);
        for (int i = 0; i < 1000; ++i) task.step();
        CHECK(task.done() == 1000);
    }
    REQUIRE(r.states.size() >= 3);
    CHECK(r.states.front().done == 0);  // the constructor announces the task
    CHECK(r.states[1].done == 1);       // the first step is reported at once
    CHECK(r.states.size() < 20);        // 1000 fast steps: throttled to one report per interval
    CHECK(r.states.back().finished);
    CHECK(r.states.back().done == 1000);
    CHECK(r.states.back().total == 1000);
    for (const std::string& n : r.names) CHECK(n == "frames");
    for (std::size_t i = 0; i + 1 < r.states.size(); ++i) CHECK_FALSE(r.states[i].finished);
}

TEST_CASE("ProgressTask counts exactly from many threads and finishes once", "[progress]") {
    Recorder r;
    ProgressTask task(r.progress(), "patterns");
    parallel_for(10000, 4, [&](std::size_t) { task.step(); });
    task.set_total(10000);
    task.finish();
    task.finish();
    const std::size_t reports = r.states.size();
    CHECK(task.done() == 10000);
    CHECK(r.states.back().done == 10000);
    CHECK(r.states.back().total == 10000);
    int finished = 0;
    for (const ProgressState& s : r.states) finished += s.finished;
    CHECK(finished == 1);
    CHECK(r.states.size() == reports);
}

TEST_CASE("A default Progress reports nowhere, a sink that throws does not stop the work", "[progress]") {
    Progress none;
    CHECK_FALSE(none.enabled());
    {
        ProgressTask task(none, "frames", 3);
        task.step(3);
        CHECK(task.done() == 3);
    }
    Progress failing([](const ProgressState&) { throw std::runtime_error("stderr closed"); });
    ProgressTask task(failing, "frames");
    CHECK_NOTHROW(task.step());
    CHECK_NOTHROW(task.finish());
}
