#include "cli/common/progress_display.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string_view>

#include "cli/common/arguments.hpp"

namespace rigor::cli {

namespace {

using Clock = std::chrono::steady_clock;

int terminal_columns() {
    winsize size{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) return size.ws_col;
    return 80;
}

std::string fixed(double v, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

// "37.1/s", "0.25/s", "1250/s": three significant digits are plenty for a rate.
std::string rate_text(double per_second) {
    if (!(per_second > 0) || !std::isfinite(per_second)) return "";
    const int decimals = per_second >= 100 ? 0 : per_second >= 10 ? 1 : 2;
    return fixed(per_second, decimals) + "/s";
}

// The counts and what follows them, shared by the bar and the line.
struct Figures {
    std::string counts;   // "120/500 frames" or "120 frames"
    std::string percent;  // "24%" or ""
    std::string rate;     // "37.1/s" or ""
    std::string left;     // "0:10 left" or "" (unknown total, no rate yet)
};

Figures figures(const ProgressState& s, double elapsed) {
    Figures f;
    const std::uint64_t total = s.total != 0 ? std::max(s.total, s.done) : 0;
    f.counts = std::to_string(s.done);
    if (total) f.counts.append("/").append(std::to_string(total));
    f.counts.append(" ").append(s.task);
    const double rate = elapsed > 0 ? double(s.done) / elapsed : 0;
    f.rate = rate_text(rate);
    if (total) {
        f.percent = std::to_string(int(100.0 * double(s.done) / double(total))) + "%";
        if (rate > 0 && s.done < total) f.left = clock_text(double(total - s.done) / rate) + " left";
    }
    return f;
}

}  // namespace

std::string clock_text(double seconds) {
    const long s = seconds > 0 && std::isfinite(seconds) ? long(std::ceil(seconds)) : 0;
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
    return text;
}

std::string progress_bar_text(const std::string& program, const ProgressState& state, double elapsed,
                              int columns) {
    const Figures f = figures(state, elapsed);
    std::string tail = " " + f.counts;
    for (const std::string* part : {&f.percent, &f.rate, &f.left})
        if (!part->empty()) tail.append(" ").append(*part);
    if (state.total == 0) tail.append(" ").append(clock_text(elapsed));
    std::string head = program + ": ";
    const int room = columns - 1 - int(head.size() + tail.size()) - 2;  // 1 column spare: no wrap
    if (state.total != 0 && room >= 10) {
        const int width = std::min(room, 40);
        const double share = std::min(1.0, double(state.done) / double(std::max(state.total, state.done)));
        const int filled = int(share * width);
        head.append("[").append(std::size_t(filled), '#').append(std::size_t(width - filled), '.').append("]");
    }
    std::string text = head + tail;
    if (int(text.size()) > columns - 1) text.resize(std::size_t(std::max(0, columns - 1)));
    return text;
}

std::string progress_line_text(const std::string& program, const ProgressState& state, double elapsed) {
    const Figures f = figures(state, elapsed);
    if (state.finished) {
        std::string text = program + ": " + f.counts + " in " + clock_text(elapsed);
        if (!f.rate.empty()) text += " (" + f.rate + ")";
        return text;
    }
    std::string text = program + ": " + f.counts;
    if (!f.percent.empty()) text += " (" + f.percent + ")";
    for (const std::string* part : {&f.rate, &f.left})
        if (!part->empty()) text += ", " + *part;
    return text;
}

struct ProgressDisplay::State {
    std::string program;
    ProgressMode mode;
    std::ostream* out;
    ProgressTiming timing;
    std::mutex mutex;
    bool alive = true;
    // The task being shown; a new one starts the clock again.
    std::string task;
    Clock::time_point started{}, last_drawn{};
    bool drawn = false;        // a bar is on screen, or a line was printed for this task
    bool bar_visible = false;

    void erase_bar() {
        if (!bar_visible) return;
        *out << "\r\033[K" << std::flush;
        bar_visible = false;
    }

    void show(const ProgressState& s) {
        std::lock_guard lock(mutex);
        if (!alive) return;
        const Clock::time_point now = Clock::now();
        if (s.task != task) {  // a new task (a finished one clears `task`)
            erase_bar();
            task = std::string(s.task);
            started = now;
            drawn = false;
        }
        const double elapsed = std::chrono::duration<double>(now - started).count();
        if (mode == ProgressMode::Bar) {
            if (s.finished) {
                erase_bar();
                task.clear();
                drawn = false;
                return;
            }
            if (now - started < timing.bar_delay || (bar_visible && now - last_drawn < timing.bar_interval)) return;
            *out << "\r" << progress_bar_text(program, s, elapsed, terminal_columns()) << "\033[K" << std::flush;
            bar_visible = drawn = true;
            last_drawn = now;
            return;
        }
        // Lines: the first after line_delay, then every line_interval, and the end of a
        // task that printed any (or that took longer than the delay).
        if (s.finished) {
            if (drawn || now - started >= timing.line_delay)
                *out << progress_line_text(program, s, elapsed) << "\n" << std::flush;
            task.clear();
            drawn = false;
            return;
        }
        if (now - started < timing.line_delay || (drawn && now - last_drawn < timing.line_interval)) return;
        *out << progress_line_text(program, s, elapsed) << "\n" << std::flush;
        drawn = true;
        last_drawn = now;
    }
};

ProgressDisplay::ProgressDisplay(std::string program, ProgressMode mode, std::ostream& out, ProgressTiming timing)
    : mode_(mode) {
    if (mode_ == ProgressMode::Auto) {
        const char* term = std::getenv("TERM");
        const bool terminal = ::isatty(STDERR_FILENO) && !(term && std::string_view(term) == "dumb");
        mode_ = terminal ? ProgressMode::Bar : ProgressMode::Lines;
    }
    if (mode_ == ProgressMode::Quiet) return;
    state_ = std::make_shared<State>();
    state_->program = std::move(program);
    state_->mode = mode_;
    state_->out = &out;
    state_->timing = timing;
}

ProgressDisplay::~ProgressDisplay() {
    if (!state_) return;
    std::lock_guard lock(state_->mutex);
    state_->erase_bar();
    state_->alive = false;
}

Progress ProgressDisplay::progress() const {
    if (!state_) return {};
    return Progress([state = state_](const ProgressState& s) { state->show(s); });
}

ProgressDisplay progress_display(const std::string& program, const Arguments& args) {
    if (args.has("--quiet")) return ProgressDisplay(program, ProgressMode::Quiet, std::cerr);
    if (args.has("--verbose")) {
        ProgressTiming at_once;
        at_once.line_delay = std::chrono::milliseconds(0);
        return ProgressDisplay(program, ProgressMode::Lines, std::cerr, at_once);
    }
    return ProgressDisplay(program, ProgressMode::Auto, std::cerr);
}

}  // namespace rigor::cli
