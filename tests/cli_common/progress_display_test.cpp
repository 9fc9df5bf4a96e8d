// The progress display: the bar's and the line's texts, the delays that keep quick
// commands silent, and -q.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <thread>

#include "cli/common/progress_display.hpp"

using namespace rigor;
using namespace rigor::cli;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

TEST_CASE("clock_text rounds up to whole seconds", "[progress]") {
    CHECK(clock_text(0) == "0:00");
    CHECK(clock_text(6.2) == "0:07");
    CHECK(clock_text(62) == "1:02");
    CHECK(clock_text(3723) == "1:02:03");
    CHECK(clock_text(-1) == "0:00");
}

TEST_CASE("The bar shows counts, share, rate and time left within the terminal", "[progress]") {
    const ProgressState s{"frames", 120, 500, false};
    const std::string bar = progress_bar_text("rigor expr", s, 4.0, 100);
    CHECK_THAT(bar, StartsWith("rigor expr: ["));
    CHECK_THAT(bar, Contains("120/500 frames 24% 30.0/s 0:13 left"));
    CHECK(bar.size() <= 99);
    // 24% of the bar is filled
    const std::size_t open = bar.find('['), close = bar.find(']');
    const std::string inside = bar.substr(open + 1, close - open - 1);
    CHECK(std::count(inside.begin(), inside.end(), '#') == int(0.24 * double(inside.size())));
    // a narrow terminal: no bar, and never longer than the line
    CHECK(progress_bar_text("rigor expr", s, 4.0, 30).size() <= 29);
    // unknown total: counts, rate and the time so far
    CHECK_THAT(progress_bar_text("rigor select", {"frames", 7, 0, false}, 2.0, 80),
               Contains("7 frames 3.50/s 0:02"));
}

TEST_CASE("Plain lines say the same in words, and the end in a summary", "[progress]") {
    CHECK(progress_line_text("rigor expr", {"frames", 120, 500, false}, 4.0) ==
          "rigor expr: 120/500 frames (24%), 30.0/s, 0:13 left");
    CHECK(progress_line_text("rigor expr", {"frames", 500, 500, true}, 16.0) ==
          "rigor expr: 500/500 frames in 0:16 (31.2/s)");
    CHECK(progress_line_text("rigor stats", {"frames", 9, 0, false}, 3.0) == "rigor stats: 9 frames, 3.00/s");
}

TEST_CASE("Quick work shows nothing, slow work shows lines, -q shows nothing at all", "[progress]") {
    std::ostringstream quick_out;
    {
        ProgressDisplay d("rigor expr", ProgressMode::Lines, quick_out);
        ProgressTask t(d.progress(), "frames", 3);
        t.step(3);
    }
    CHECK(quick_out.str().empty());

    std::ostringstream slow_out;
    {
        ProgressTiming timing;
        timing.line_delay = timing.line_interval = std::chrono::milliseconds(0);
        ProgressDisplay d("rigor expr", ProgressMode::Lines, slow_out, timing);
        ProgressTask t(d.progress(), "frames", 2);
        std::this_thread::sleep_for(ProgressTask::kInterval);
        t.step();
        std::this_thread::sleep_for(ProgressTask::kInterval);
        t.step();
    }
    CHECK_THAT(slow_out.str(), Contains("rigor expr: 1/2 frames (50%)"));
    CHECK_THAT(slow_out.str(), Contains("rigor expr: 2/2 frames in "));

    std::ostringstream bar_out;
    {
        ProgressTiming timing;
        timing.bar_delay = timing.bar_interval = std::chrono::milliseconds(0);
        ProgressDisplay d("rigor expr", ProgressMode::Bar, bar_out, timing);
        ProgressTask t(d.progress(), "frames", 4);
        t.step();
    }
    CHECK_THAT(bar_out.str(), Contains("\rrigor expr: ["));
    CHECK_THAT(bar_out.str(), Contains("1/4 frames"));
    CHECK(bar_out.str().substr(bar_out.str().size() - 4) == "\r\033[K");  // erased at the end

    std::ostringstream quiet_out;
    {
        ProgressDisplay d("rigor expr", ProgressMode::Quiet, quiet_out);
        CHECK_FALSE(d.progress().enabled());
    }
    CHECK(quiet_out.str().empty());
}

TEST_CASE("A Progress kept after its display is gone reports nowhere", "[progress]") {
    std::ostringstream out;
    Progress kept;
    {
        ProgressTiming timing;
        timing.line_delay = std::chrono::milliseconds(0);
        ProgressDisplay d("rigor expr", ProgressMode::Lines, out, timing);
        kept = d.progress();
    }
    ProgressTask t(kept, "frames", 1);
    t.step();
    t.finish();
    CHECK(out.str().empty());
}
