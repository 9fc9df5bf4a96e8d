// How the commands show the progress library code reports (filters/base/progress.hpp):
//   - on a terminal, one line redrawn in place: a bar, counts, rate and time left
//     ("rigor expr: [#####.....] 120/500 frames 24% 37.1/s 0:10 left"), erased at the end;
//   - when stderr is not a terminal (a log, a test), a plain line now and then
//     ("rigor expr: 120/500 frames (24%), 37.1/s, 0:10 left") and one at the end;
//   - nothing with -q (Quiet).
// Work shorter than the delay (half a second on a terminal, five seconds in a log)
// shows nothing, so quick commands print exactly what they printed before.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "filters/base/progress.hpp"

namespace rigor::cli {

class Arguments;

enum class ProgressMode { Auto, Bar, Lines, Quiet };  // Auto: Bar when stderr is a terminal

struct ProgressTiming {
    std::chrono::milliseconds bar_delay{500};     // a bar appears after this
    std::chrono::milliseconds bar_interval{100};  // and is redrawn at most this often
    std::chrono::milliseconds line_delay{5000};   // the first plain line after this
    std::chrono::milliseconds line_interval{10000};
};

class ProgressDisplay {
public:
    // `program` prefixes every line ("rigor expr").  `out` must outlive the display.
    ProgressDisplay(std::string program, ProgressMode mode, std::ostream& out, ProgressTiming timing = {});
    ProgressDisplay(const ProgressDisplay&) = delete;
    ProgressDisplay& operator=(const ProgressDisplay&) = delete;
    ~ProgressDisplay();  // erases a bar still shown

    // Reports to this display (a disabled Progress when Quiet).  Safe to keep after the
    // display is gone: it then reports nowhere.
    Progress progress() const;
    ProgressMode mode() const { return mode_; }

private:
    struct State;
    ProgressMode mode_;
    std::shared_ptr<State> state_;
};

// The display for a command's parsed arguments: Quiet when it has -q/--quiet; plain
// lines from the start (no delay) when it has --verbose (the VC-2 tools' -v); else Auto.
ProgressDisplay progress_display(const std::string& program, const Arguments& args);

// The texts, for tests: elapsed and rate in seconds; `columns` the terminal width.
std::string progress_bar_text(const std::string& program, const ProgressState& state, double elapsed,
                              int columns);
std::string progress_line_text(const std::string& program, const ProgressState& state, double elapsed);
// "0:07", "1:02:03".
std::string clock_text(double seconds);

}  // namespace rigor::cli
