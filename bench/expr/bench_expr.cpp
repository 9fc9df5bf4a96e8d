// The Expr speed table (expr-language.md's rows, the issue-14 rows: pow, %, 16-bit, the
// 3x3 median) measured as users run Expr: 1920x1080 frames cycling through kFrames
// distinct random frames per clip (full-range samples at every depth: 0..2^bits-1, float
// 0..1), so every frame comes from memory as in a real video, not from the cache.
//
// Per row, trials are interleaved: each round times the plane copy (row memcpy of the
// same frames into the same output, the baseline), the filter on one thread and on two;
// every trial prints the machine's load (1-minute average and the share of the cores
// other processes used during the trial, from /proc/stat), and each figure is the best
// trial (other processes only ever slow a trial down).  "ratio" is the filter's time per
// frame over the copy's: 1.00x is a plane copy's speed.  A two-thread scaling above 2 (or
// a trial with a busy machine) says a trial was disturbed; rerun that row.
//
// Then an end-to-end row: `rigor expr` on a y4m file (kFrames frames, written once to
// $TMPDIR) to stdout, piped away, against `rigor expr -e ''` (the plane copy) on the same
// file.  Last, labelled "in cache": the old figures, two frames reused (the planes stay
// in the cache; not comparable with real video).
//
// Usage: bench_expr [seconds per trial, default 0.25] [trials, default 5] [ROW]
// (ROW: only the rows whose expression or label contains that text, "box" for the box
// rows; "-" for all).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "pixel/expr/expr_filter.hpp"
#include "pixel/io/y4m.hpp"

using namespace rigor::pixel;
using rigor::pixel::expr::ExprFilter;
using rigor::pixel::expr::ExprSettings;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWidth = 1920, kHeight = 1080, kFrames = 20;

Frame random_frame(const VideoFormat& f, unsigned seed) {
    Frame frame(f, kWidth, kHeight);
    std::mt19937 rng(seed);
    for (int p = 0; p < frame.planes(); ++p) {
        Plane& plane = frame.plane(p);
        for (int y = 0; y < plane.height(); ++y)
            for (int x = 0; x < plane.width(); ++x) {
                if (f.is_float()) plane.row_as<float>(y)[x] = float(rng() % 100000) / 99999.0f;
                else if (f.bits > 8) plane.row_as<std::uint16_t>(y)[x] = std::uint16_t(rng() % (1u << f.bits));
                else plane.row_as<std::uint8_t>(y)[x] = std::uint8_t(rng());
            }
    }
    return frame;
}

// The machine's load: 1-minute average, and CPU time of all processes from /proc/stat.
struct CpuTimes {
    double busy = 0, total = 0;
};
CpuTimes cpu_times() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    double v[8] = {};
    in >> cpu >> v[0] >> v[1] >> v[2] >> v[3] >> v[4] >> v[5] >> v[6] >> v[7];
    CpuTimes t;
    for (double x : v) t.total += x;
    t.busy = t.total - v[3] - v[4];  // all but idle and iowait
    return t;
}
double load_average() {
    std::ifstream in("/proc/loadavg");
    double l = 0;
    in >> l;
    return l;
}

struct Trial {
    double fps = 0;
    double others = 0;  // cores' worth of CPU other processes used during the trial
};

// One trial: run() over and over for `seconds`; `threads` is what this process itself
// keeps busy, so what /proc/stat counts beyond it is others' work.
template <class F> Trial trial(double seconds, int threads, F&& run) {
    const CpuTimes c0 = cpu_times();
    const auto start = Clock::now();
    long frames = 0;
    double elapsed = 0;
    while (elapsed < seconds) {
        run(frames++);
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    const CpuTimes c1 = cpu_times();
    const double cores = double(sysconf(_SC_NPROCESSORS_ONLN));
    const double busy_cores = c1.total > c0.total ? cores * (c1.busy - c0.busy) / (c1.total - c0.total) : 0;
    return {double(frames) / elapsed, std::max(0.0, busy_cores - threads)};
}

struct Row {
    std::string expr;
    const char* format;
    const char* name;  // shown instead of a long expression
    double akarin;     // the issue's / spec's akarin figure (0: unknown)
    bool window_sums = true;  // false: the add chain as written (ExprSettings::window_sums)
};

std::string shown(const Row& r) { return r.name ? r.name : r.expr; }
bool selected(const Row& r, const std::string& only) {
    return r.expr.find(only) != std::string::npos || shown(r).find(only) != std::string::npos;
}

void time_row(const Row& row, double seconds, int trials, int frames) {
    const VideoFormat f = parse_format_name(row.format);
    std::vector<Frame> x, y;
    for (int k = 0; k < frames; ++k) {
        x.push_back(random_frame(f, 1000u + unsigned(k)));
        y.push_back(random_frame(f, 2000u + unsigned(k)));
    }
    std::vector<Frame> out(2);  // the output alternates too (as a consumer keeps frames)
    for (Frame& o : out) o = Frame(f, kWidth, kHeight);
    const std::vector<VideoFormat> formats = {f, f};
    std::unique_ptr<ExprFilter> filter[2];
    for (int t = 0; t < 2; ++t) {
        ExprSettings s;
        s.expressions = {row.expr};
        s.threads = t + 1;
        s.window_sums = row.window_sums;
        filter[t] = std::make_unique<ExprFilter>(s, formats, kWidth, kHeight);
    }
    auto copy = [&](long i) {
        const Plane& s = x[std::size_t(i % frames)].plane(0);
        Plane& d = out[std::size_t(i % 2)].plane(0);
        for (int r = 0; r < s.height(); ++r) std::memcpy(d.row(r), s.row(r), s.row_bytes());
    };
    auto run = [&](int t) {
        return [&, t](long i) {
            const Frame* in[] = {&x[std::size_t(i % frames)], &y[std::size_t(i % frames)]};
            filter[t]->process(in, i, out[std::size_t(i % 2)]);
        };
    };
    // Warm-up: every frame once through each (page faults of fresh outputs, code).
    for (long i = 0; i < frames; ++i) {
        copy(i);
        run(0)(i);
        run(1)(i);
    }
    Trial best[3];
    std::string loads;
    for (int k = 0; k < trials; ++k) {
        const double load = load_average();
        const Trial t[3] = {trial(seconds, 1, copy), trial(seconds, 1, run(0)), trial(seconds, 2, run(1))};
        char buf[96];
        std::snprintf(buf, sizeof buf, " [%.1f: %.2f %.2f %.2f]", load, t[0].others, t[1].others, t[2].others);
        loads += buf;
        for (int j = 0; j < 3; ++j)
            if (t[j].fps > best[j].fps) best[j] = t[j];
    }
    std::printf("%-26.26s %-6s %8.0f %8.0f %6.2fx %8.0f %6.2fx %7.0f\n", shown(row).c_str(), row.format, best[0].fps,
                best[1].fps, best[0].fps / best[1].fps, best[2].fps, best[2].fps / best[1].fps, row.akarin);
    std::printf("    loads [1-min avg: other processes' cores in copy, 1t, 2t trials]:%s\n", loads.c_str());
    std::fflush(stdout);
}

// `rigor expr` end to end: seconds to run `command` (best of `trials`).
double best_seconds(const std::string& command, int trials) {
    double best = 1e30;
    for (int k = 0; k < trials; ++k) {
        const auto start = Clock::now();
        if (std::system(command.c_str()) != 0) {
            std::fprintf(stderr, "failed: %s\n", command.c_str());
            return 0;
        }
        best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
    }
    return best;
}

void end_to_end(const std::string& rigor, const std::vector<Row>& rows, int trials) {
    const char* tmp = std::getenv("TMPDIR");
    const std::string dir = tmp && *tmp ? tmp : "/tmp";
    std::printf("\nend to end: rigor expr on a y4m file of %d distinct 1920x1080 frames, output to a pipe\n", kFrames);
    std::printf("%-26s %-6s %8s %8s %7s %8s\n", "expression", "format", "copy fps", "1 thread", "ratio", "2 thrd");
    for (const Row& row : rows) {
        const VideoFormat f = parse_format_name(row.format);
        const std::string file = dir + "/bench_expr_" + std::to_string(getpid()) + "_" + row.format + ".y4m";
        {
            std::ofstream os(file, std::ios::binary);
            Y4mHeader h;
            h.format = f;
            h.width = kWidth;
            h.height = kHeight;
            Y4mWriter w(os, h);
            for (int k = 0; k < kFrames; ++k) w.write_frame(random_frame(f, 3000u + unsigned(k)));
        }
        auto command = [&](const std::string& e, int threads) {
            return rigor + " expr -e '" + e + "' --threads " + std::to_string(threads) + " -o - " + file +
                   " > /dev/null";
        };
        best_seconds(command("", 1), 1);  // the file into the page cache
        const double copy = best_seconds(command("", 1), trials);
        const double one = best_seconds(command(row.expr, 1), trials);
        const double two = best_seconds(command(row.expr, 2), trials);
        std::printf("%-26.26s %-6s %8.0f %8.0f %6.2fx %8.0f\n", shown(row).c_str(), row.format, kFrames / copy,
                    kFrames / one, one / copy, kFrames / two);
        std::fflush(stdout);
        std::remove(file.c_str());
    }
}

}  // namespace

int main(int argc, char** argv) {
    const double seconds = argc > 1 ? std::atof(argv[1]) : 0.25;
    const int trials = argc > 2 ? std::atoi(argv[2]) : 5;
    const std::string only = argc > 3 && std::string(argv[3]) != "-" ? argv[3] : "";
    const std::string box = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x[0,0] x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + + 9 /";
    const std::string median =
        "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x[0,0] x[1,0] x[-1,1] x[0,1] x[1,1] sort9 drop4 swap4 drop4";
    // An n x n box mean: the loads row by row, each added as it comes.
    auto box_of = [](int n) {
        std::string e;
        for (int dy = -n / 2; dy <= n / 2; ++dy)
            for (int dx = -n / 2; dx <= n / 2; ++dx)
                e += "x[" + std::to_string(dx) + "," + std::to_string(dy) + "]" + (e.empty() ? " " : " + ");
        return e + std::to_string(n * n) + " /";
    };
    const std::string box5 = box_of(5), box9 = box_of(9);
    const std::vector<Row> rows = {
        {"x 1 *", "gray8", nullptr, 3675},
        {"x y + 0.5 *", "gray8", nullptr, 2105},
        {"x y > x y - 3 * x ?", "grays", nullptr, 1709},
        {"x 1 + log 0.5 * exp sqrt", "grays", nullptr, 207},
        {"x sin x cos * 100 *", "grays", nullptr, 709},
        {box, "gray8", "3x3 box x[dx,dy] 9 /", 650},
        {box, "gray8", "3x3 box, add chain", 0, false},
        {box5, "gray8", "5x5 box (window sum)", 0},
        {box5, "gray8", "5x5 box, add chain", 0, false},
        {box9, "gray8", "9x9 box (window sum)", 0},
        {box9, "gray8", "9x9 box, add chain", 0, false},
        {median, "gray8", "3x3 median sort9", 0},
        {"x y + 0.5 *", "gray16", nullptr, 0},
        {"x 0.5 pow", "grays", nullptr, 0},
        {"x 2 pow", "grays", nullptr, 0},
        {"x y pow", "grays", nullptr, 0},
        {"x 255 / 2.2 pow 255 *", "gray8", nullptr, 0},
        {"x 255 / 2.2 pow 255 *", "grays", nullptr, 0},
        {"x 3 %", "gray16", nullptr, 0},
        {"x 2 pow x 3 % +", "grays", nullptr, 0},
    };
    std::printf("Expr at %dx%d, %d distinct frames per clip, best of %d interleaved trials of %.2f s\n", kWidth,
                kHeight, kFrames, trials, seconds);
    std::printf("%-26s %-6s %8s %8s %7s %8s %7s %7s\n", "expression", "format", "copy fps", "1 thread", "ratio",
                "2 thrd", "scaling", "akarin");
    for (const Row& row : rows)
        if (selected(row, only)) time_row(row, seconds, trials, kFrames);

    // rigor next to this program (build/bin).
    char self[4096] = {};
    const ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    std::string rigor = len > 0 ? std::string(self, std::size_t(len)) : std::string("bench_expr");
    rigor = rigor.substr(0, rigor.find_last_of('/') + 1) + "rigor";
    if (only.empty() && access(rigor.c_str(), X_OK) == 0)
        end_to_end(rigor, {{box, "gray8", "3x3 box x[dx,dy] 9 /", 0}, {"x 255 / 2.2 pow 255 *", "gray8", nullptr, 0}},
                   trials);

    std::printf("\nin cache (labelled extra, not comparable with video): 2 frames reused\n");
    std::printf("%-26s %-6s %8s %8s %7s %8s %7s %7s\n", "expression", "format", "copy fps", "1 thread", "ratio",
                "2 thrd", "scaling", "akarin");
    for (const Row& row : rows)
        if (selected(row, only) && (only.empty() ? row.akarin > 0 : true))
            time_row(row, seconds, std::max(1, trials / 2), 2);
    return 0;
}
