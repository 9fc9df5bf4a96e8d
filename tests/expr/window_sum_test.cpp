// The window-sum pass (filters/expr/window_sum.hpp) and its evaluation by running sums
// (pixel/expr/window_sum_rows.hpp) in the interpreter and in generated code: which add
// chains become WindowSum nodes, and that the results equal both the program's own
// order of additions (the filter with the pass off) and a brute-force sum written here,
// for every boundary rule, windows beside, beyond and larger than the plane, widths
// around the kernel's step, several threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "filters/expr/optimize.hpp"
#include "filters/expr/parser.hpp"
#include "filters/expr/window_sum.hpp"
#include "pixel/expr/window_sum_kernels.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;

namespace {

struct Window {
    int dx, dy, w, h;
    std::string suffix;  // "", ":c" or ":m"
};

// The window's loads in a random order, added in a random tree shape.
std::string window_program(const Window& win, std::mt19937& rng, const std::string& clip = "x") {
    std::vector<std::pair<int, int>> offsets;
    for (int j = 0; j < win.h; ++j)
        for (int i = 0; i < win.w; ++i) offsets.push_back({win.dx + i, win.dy + j});
    std::shuffle(offsets.begin(), offsets.end(), rng);
    std::string out;
    int depth = 0;
    for (auto [dx, dy] : offsets) {
        out += clip + "[" + std::to_string(dx) + "," + std::to_string(dy) + "]" + win.suffix + " ";
        ++depth;
        while (depth >= 2 && rng() % 2) out += "+ ", --depth;
    }
    while (depth-- > 1) out += "+ ";
    return out;
}

// Index of a line of n under the spec's rules, written independently of the engine.
int reference_index(int i, int n, bool mirror) {
    if (!mirror) return std::clamp(i, 0, n - 1);
    while (i < 0 || i >= n) i = i < 0 ? -i - 1 : 2 * n - 1 - i;
    return i;
}

double brute_force_sum(const Frame& f, const Window& win, bool mirror, int x, int y) {
    double s = 0;
    for (int j = 0; j < win.h; ++j)
        for (int i = 0; i < win.w; ++i)
            s += sample(f, 0, reference_index(x + win.dx + i, f.width(), mirror),
                        reference_index(y + win.dy + j, f.height(), mirror));
    return s;
}

Frame run_filter(const std::string& program, const Frame& in, const std::string& out, expr::Boundary boundary,
                 bool window_sums, bool jit, int threads, int* jit_planes = nullptr) {
    pixel::expr::ExprSettings s;
    s.expressions = {program};
    s.output_format = pixel::parse_format_name(out);
    s.boundary = boundary;
    s.threads = threads;
    s.jit = jit;
    s.window_sums = window_sums;
    const std::vector<pixel::VideoFormat> formats{in.format()};
    pixel::expr::ExprFilter filter(s, formats, in.width(), in.height());
    if (jit_planes) *jit_planes = filter.jit_planes();
    const Frame* ptr = &in;
    Frame result;
    filter.process(std::span<const Frame* const>(&ptr, 1), 0, result);
    return result;
}

bool same_samples(const Frame& a, const Frame& b) {
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            if (sample(a, 0, x, y) != sample(b, 0, x, y) && !(std::isnan(sample(a, 0, x, y)) && std::isnan(sample(b, 0, x, y))))
                return false;
    return true;
}

expr::ClipSamples clip_samples(const std::string& format) {
    const pixel::VideoFormat f = pixel::parse_format_name(format);
    return {!f.is_float(), f.is_float() ? 0.0 : double((1u << f.bits) - 1u)};
}

expr::Expr formed(const std::string& program, const std::string& format, int minimum = 9) {
    const expr::ClipSamples clip = clip_samples(format);
    return expr::form_window_sums(expr::optimize(expr::parse(program)), std::span(&clip, 1), minimum, minimum);
}

// With the pass's own minimum sizes (those ExprFilter uses).
expr::Expr formed_by_default(const std::string& program, const std::string& format) {
    const expr::ClipSamples clip = clip_samples(format);
    return expr::form_window_sums(expr::optimize(expr::parse(program)), std::span(&clip, 1));
}

// Whether ExprFilter forms a window of `count` samples of `format`.
bool formed_by_filter(int count, const std::string& format) {
    const bool fifteen_bits = double(count) * clip_samples(format).max <= 32767.0;
    return count >= (fifteen_bits ? expr::kMinimumWordWindowSamples : expr::kMinimumWindowSamples);
}

int window_nodes(const expr::Expr& e) {
    return int(std::count_if(e.nodes().begin(), e.nodes().end(), [](const expr::Node& n) { return n.op == expr::Op::WindowSum; }));
}

}  // namespace

TEST_CASE("the window-sum pass forms a WindowSum only from a whole rectangle of exact integer sums", "[window_sum]") {
    std::mt19937 rng(1);
    const std::string box = window_program({-1, -1, 3, 3, ""}, rng) + "9 /";
    const expr::Expr e = formed(box, "gray8");
    REQUIRE(window_nodes(e) == 1);
    for (const expr::Node& n : e.nodes())
        if (n.op == expr::Op::WindowSum) {
            CHECK(n.dx == -1);
            CHECK(n.dy == -1);
            CHECK(n.window_width == 3);
            CHECK(n.window_height == 3);
            CHECK(n.clip == 0);
        }
    CHECK(e.size() == 3);  // WindowSum, 9, /: the chain's adds and loads are gone
    // Float samples: the order of additions matters and is kept.
    CHECK(window_nodes(formed(box, "grays")) == 0);
    CHECK(window_nodes(formed(box, "grayh")) == 0);
    // 16-bit samples: 256 of them fit 2^24 (256 * 65535 < 2^24), 17 x 17 = 289 do not.
    CHECK(window_nodes(formed(window_program({-8, -8, 16, 16, ""}, rng), "gray16")) == 1);
    CHECK(window_nodes(formed(window_program({-8, -8, 17, 17, ""}, rng), "gray16")) == 0);
    CHECK(window_nodes(formed(window_program({-8, -8, 17, 17, ""}, rng), "gray8")) == 1);
    // Not a rectangle: a sample missing, one twice, another clip, a constant, a product.
    CHECK(window_nodes(formed("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] + + + + + + + 9 /", "gray8")) == 0);
    CHECK(window_nodes(formed("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] x + + + + + + + + +", "gray8")) == 0);
    CHECK(window_nodes(formed("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] x[2,1] + + + + + + + + +", "gray8")) == 0);
    CHECK(window_nodes(formed("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] 1 + + + + + + + + +", "gray8")) == 0);
    CHECK(window_nodes(formed("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x 2 * x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + +", "gray8")) == 0);
    // Boundary rules: one among the shifted loads (x[0,0] never leaves the plane).
    const expr::Expr mirrored = formed(window_program({-1, -1, 3, 3, ":m"}, rng), "gray8");
    REQUIRE(window_nodes(mirrored) == 1);
    for (const expr::Node& n : mirrored.nodes())
        if (n.op == expr::Op::WindowSum) CHECK(n.boundary == expr::Boundary::Mirror);
    CHECK(window_nodes(formed("x[-1,-1]:m x[0,-1]:c x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + +", "gray8")) == 0);
    // Below the minimum size: left to the other paths (a 16-bit 3x3 box to fixed point).
    CHECK(window_nodes(formed("x[-1,0] x x[1,0] + +", "gray8")) == 0);
    // By default sums that fit 15 bits from 9 samples on (the 3x3 box of 8- to 11-bit
    // clips: 9 * 2047 = 18423; 12-bit 9 * 4095 = 36855), wider ones from 10.
    CHECK(window_nodes(formed_by_default(box, "gray8")) == 1);
    CHECK(window_nodes(formed_by_default(box, "gray10")) == 1);
    CHECK(window_nodes(formed_by_default(box, "gray11")) == 1);
    CHECK(window_nodes(formed_by_default(box, "gray12")) == 0);
    CHECK(window_nodes(formed_by_default(box, "gray16")) == 0);
    CHECK(window_nodes(formed_by_default(window_program({-1, -1, 4, 2, ""}, rng), "gray8")) == 0);
    CHECK(window_nodes(formed_by_default(window_program({-1, -2, 3, 4, ""}, rng), "gray8")) == 1);
    CHECK(window_nodes(formed_by_default(window_program({-1, -2, 2, 5, ""}, rng), "gray16")) == 1);
    // A sum used twice, and the same window in two places (one node after CSE).
    const std::string sum = window_program({-2, -2, 5, 5, ""}, rng);
    CHECK(window_nodes(formed(sum + "25 / " + sum + "- abs", "gray8")) == 1);
}

TEST_CASE("window sums equal the program's additions and a brute-force sum on every path and boundary",
          "[window_sum]") {
    std::mt19937 rng(2);
    const std::vector<Window> windows = {
        {-1, -1, 3, 3, ""}, {-2, -2, 5, 5, ""},  {-4, -4, 9, 9, ""},  {-6, 0, 12, 1, ""},  {0, -5, 1, 12, ""},
        {2, 1, 4, 3, ""},   {-9, -7, 3, 4, ""},  {-5, -3, 11, 7, ":m"}, {-1, -1, 3, 3, ":c"}, {-3, -12, 7, 25, ""},
        {-40, -2, 81, 3, ""},
    };
    int jit_planes_seen = 0;
    for (const char* format : {"gray8", "gray16"})
        for (int width : {1, 7, 8, 33, 77}) {
            const int height = width == 77 ? 11 : 3;
            const unsigned top = format[4] == '8' ? 256u : 65536u;
            const Frame in = make_frame(format, width, height, [&](int, int, int) { return double(rng() % top); });
            for (const Window& win : windows)
                for (expr::Boundary boundary : {expr::Boundary::Clamp, expr::Boundary::Mirror}) {
                    if (std::string(format) == "gray16" && win.w * win.h > 256) continue;
                    const std::string sum = window_program(win, rng);
                    const bool mirror = win.suffix == ":m" || (win.suffix.empty() && boundary == expr::Boundary::Mirror);
                    INFO(format << " " << width << "x" << height << " " << sum << " boundary " << int(boundary));
                    REQUIRE(window_nodes(formed_by_default(sum, format)) == (formed_by_filter(win.w * win.h, format) ? 1 : 0));
                    // The raw sums as binary32, and the box mean into the input's format.
                    const std::string mean = sum + std::to_string(win.w * win.h) + " /";
                    for (const auto& [program, out] : {std::pair{sum, std::string("grays")}, std::pair{mean, std::string(format)}}) {
                        const Frame chain = run_filter(program, in, out, boundary, false, false, 1);
                        const Frame interpreted = run_filter(program, in, out, boundary, true, false, 2);
                        int jit = 0;
                        const Frame generated = run_filter(program, in, out, boundary, true, true, 3, &jit);
                        jit_planes_seen += jit;
                        CHECK(same_samples(chain, interpreted));
                        CHECK(same_samples(chain, generated));
                    }
                    const Frame sums = run_filter(sum, in, "grays", boundary, true, true, 1);
                    bool exact = true;
                    for (int y = 0; y < height; ++y)
                        for (int x = 0; x < width; ++x) exact = exact && sample(sums, 0, x, y) == brute_force_sum(in, win, mirror, x, y);
                    CHECK(exact);
                }
        }
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) CHECK(jit_planes_seen > 0);
#endif
}

TEST_CASE("window sums next to other operations, two clips and frame after frame", "[window_sum]") {
    std::mt19937 rng(3);
    const Frame a = make_frame("gray8", 50, 9, [&](int, int, int) { return double(rng() % 256); });
    const Frame b = make_frame("gray8", 50, 9, [&](int, int, int) { return double(rng() % 256); });
    const std::string sx = window_program({-2, -2, 5, 5, ""}, rng, "x");
    const std::string sy = window_program({-1, -1, 3, 3, ":m"}, rng, "y");
    const std::string program = sx + "25 / " + sy + "9 / - abs x[1,0] + y max";
    for (bool jit : {false, true}) {
        pixel::expr::ExprSettings on, off;
        on.expressions = off.expressions = {program};
        on.jit = jit;
        off.jit = false;
        off.window_sums = false;
        const std::vector<pixel::VideoFormat> formats{a.format(), b.format()};
        pixel::expr::ExprFilter with(on, formats, 50, 9), without(off, formats, 50, 9);
        for (int frame = 0; frame < 3; ++frame) {  // the column sums must restart per frame
            const Frame c = make_frame("gray8", 50, 9, [&](int, int, int) { return double(rng() % 256); });
            const Frame* inputs[] = {frame % 2 ? &a : &c, &b};
            Frame r1, r2;
            with.process(inputs, frame, r1);
            without.process(inputs, frame, r2);
            CHECK(same_samples(r1, r2));
        }
    }
}

namespace {

// A kernel's sums of k consecutive column sums (window_sum_kernels.hpp) against its plain
// loop and a brute-force sum, on column sums whose window sums reach `limit` at most and
// whose prefix sums wrap.
template <class Column, class Prefix, class Out, class Kernel>
void check_row_sums(Kernel fast_kernel, Kernel plain_kernel, int n, int k, std::uint32_t limit, std::mt19937& rng) {
    INFO("n " << n << " k " << k << " limit " << limit);
    const std::uint32_t top = limit / std::uint32_t(k);
    std::vector<Column> c(std::size_t(n + k - 1));
    for (Column& v : c) v = Column(rng() % 4 == 0 ? top : rng() % (top + 1));
    const std::size_t m = std::size_t(n);
    std::vector<Prefix> prefix(m + std::size_t(k));
    std::vector<Out> fast(m), plain(m);
    fast_kernel(c.data(), n, k, prefix.data(), fast.data());
    plain_kernel(c.data(), n, k, prefix.data(), plain.data());
    CHECK(fast == plain);
    bool exact = true;
    for (int x = 0; x < n; ++x) {
        double s = 0;
        for (int i = 0; i < k; ++i) s += double(c[std::size_t(x + i)]);
        exact = exact && double(fast[std::size_t(x)]) == s;
    }
    CHECK(exact);
}

}  // namespace

TEST_CASE("the window-sum kernels equal their plain loops and a brute-force sum", "[window_sum]") {
    std::mt19937 rng(4);
    for (int n : {1, 15, 16, 17, 33, 100, 1920})
        for (int k : {1, 2, 9, 15, 16, 17, 40, 257})
            check_row_sums<std::uint16_t, std::uint16_t, std::uint16_t>(&pixel::expr::word_window_sums,
                                                                        &pixel::expr::word_window_sums_plain, n, k,
                                                                        65535u, rng);
    for (int n : {1, 7, 8, 9, 100, 1920})
        for (int k : {1, 2, 9, 12, 13, 17, 64, 289})
            check_row_sums<std::int32_t, std::uint32_t, float>(&pixel::expr::float_window_sums,
                                                               &pixel::expr::float_window_sums_plain, n, k,
                                                               1u << 24, rng);
    for (int n : {1, 15, 16, 17, 31, 32, 33, 1920}) {
        const std::size_t m = std::size_t(n);
        std::vector<std::uint8_t> enter(m), leave(m);
        std::vector<std::uint16_t> c(m);
        for (int x = 0; x < n; ++x) {
            enter[std::size_t(x)] = std::uint8_t(rng());
            leave[std::size_t(x)] = std::uint8_t(rng());
            c[std::size_t(x)] = std::uint16_t(leave[std::size_t(x)] + rng() % 60000);
        }
        std::vector<std::uint16_t> fast = c, plain = c;
        pixel::expr::word_slide(fast.data(), enter.data(), leave.data(), n);
        pixel::expr::word_slide_plain(plain.data(), enter.data(), leave.data(), n);
        CHECK(fast == plain);
        bool exact = true;
        for (int x = 0; x < n; ++x)
            exact = exact && plain[std::size_t(x)] == c[std::size_t(x)] + enter[std::size_t(x)] - leave[std::size_t(x)];
        CHECK(exact);
        // int32 column sums of 8- and 16-bit rows.
        std::vector<std::uint16_t> enter16(m), leave16(m);
        std::vector<std::int32_t> c32(m);
        for (int x = 0; x < n; ++x) {
            enter16[std::size_t(x)] = std::uint16_t(rng());
            leave16[std::size_t(x)] = std::uint16_t(rng());
            c32[std::size_t(x)] = std::int32_t(leave16[std::size_t(x)] + rng() % (1u << 24));
        }
        std::vector<std::int32_t> fast8 = c32, plain8 = c32, fast16 = c32, plain16 = c32;
        pixel::expr::dword_slide(fast8.data(), enter.data(), leave.data(), n);
        pixel::expr::dword_slide_plain(plain8.data(), enter.data(), leave.data(), n);
        pixel::expr::dword_slide(fast16.data(), enter16.data(), leave16.data(), n);
        pixel::expr::dword_slide_plain(plain16.data(), enter16.data(), leave16.data(), n);
        CHECK(fast8 == plain8);
        CHECK(fast16 == plain16);
        bool exact32 = true;
        for (std::size_t x = 0; x < m; ++x)
            exact32 = exact32 && plain8[x] == c32[x] + enter[x] - leave[x] && plain16[x] == c32[x] + enter16[x] - leave16[x];
        CHECK(exact32);
    }
}

TEST_CASE("window sums at the limit of 16-bit rows: maximal samples, both sides of 65535, narrow planes",
          "[window_sum]") {
    std::mt19937 rng(5);
    // count * max: gray8 16x16 65280, 17x15 65025, 1x257 65535 (16-bit rows of sums in the
    // generated code); 16x17 69360 (binary32 rows); gray10 8x8 65472 (16-bit), 5x13 66495.
    const std::vector<std::pair<const char*, Window>> cases = {
        {"gray8", {-8, -8, 16, 16, ""}}, {"gray8", {-8, -7, 17, 15, ":m"}}, {"gray8", {-128, 0, 257, 1, ""}},
        {"gray8", {-8, -8, 16, 17, ""}}, {"gray10", {-4, -3, 8, 8, ""}},    {"gray10", {-2, -6, 5, 13, ":c"}},
    };
    for (const auto& [format, win] : cases)
        for (int width : {7, 40, 300})
            for (bool maximal : {true, false}) {
                const unsigned top = (1u << pixel::parse_format_name(format).bits) - 1u;
                const Frame in = make_frame(format, width, 20, [&](int, int, int) {
                    return double(maximal || rng() % 3 == 0 ? top : rng() % (top + 1));
                });
                for (expr::Boundary boundary : {expr::Boundary::Clamp, expr::Boundary::Mirror}) {
                    const std::string sum = window_program(win, rng);
                    const bool mirror = win.suffix == ":m" || (win.suffix.empty() && boundary == expr::Boundary::Mirror);
                    INFO(format << " width " << width << " maximal " << maximal << " " << sum << " boundary " << int(boundary));
                    const std::string mean = sum + std::to_string(win.w * win.h) + " /";
                    for (const auto& [program, out] : {std::pair{sum, std::string("grays")}, std::pair{mean, std::string(format)}}) {
                        const Frame chain = run_filter(program, in, out, boundary, false, false, 1);
                        CHECK(same_samples(chain, run_filter(program, in, out, boundary, true, false, 1)));
                        CHECK(same_samples(chain, run_filter(program, in, out, boundary, true, true, 2)));
                    }
                    const Frame sums = run_filter(sum, in, "grays", boundary, true, true, 1);
                    bool exact = true;
                    for (int y = 0; y < in.height(); ++y)
                        for (int x = 0; x < width; ++x) exact = exact && sample(sums, 0, x, y) == brute_force_sum(in, win, mirror, x, y);
                    CHECK(exact);
                }
            }
}

// Windows of 2 to 5 columns in the fixed-point generated code: the driver keeps only the
// column sums and the kernel adds them along the row by shifted loads (jit/kernel.cpp).
// Every output, the box means as the program's format and the raw sums in binary32,
// against the add chain as written (interpreter, no pass) and a brute-force sum: random
// full-range samples, the extremes everywhere (the largest sums, every / 9 and / 25 at
// their top), stripes of 0 and the top beside the row's ends, widths around the kernel's
// step, several threads, both boundary rules.
TEST_CASE("window sums added along the row by shifted loads of 16-bit column sums", "[window_sum]") {
    std::mt19937 rng(7);
    const std::vector<std::pair<const char*, Window>> cases = {
        {"gray8", {-1, -1, 3, 3, ""}}, {"gray8", {-2, -2, 5, 5, ""}}, {"gray8", {0, 0, 2, 5, ""}},
        {"gray8", {-3, 1, 4, 3, ":m"}}, {"gray8", {2, -1, 3, 4, ":c"}}, {"gray10", {-1, -1, 3, 3, ""}},
        {"gray12", {-1, -1, 3, 4, ""}},
    };
    int fixed_planes = 0;
    for (const auto& [format, win] : cases)
        for (int width : {64, 65, 130, 257})
            for (int pattern = 0; pattern < 4; ++pattern) {
                const double top = double((1u << pixel::parse_format_name(format).bits) - 1u);
                const Frame in = make_frame(format, width, 7, [&](int, int x, int y) {
                    switch (pattern) {
                        case 0: return double(rng() % (unsigned(top) + 1u));
                        case 1: return top;
                        case 2: return (x + y) % 2 ? top : 0.0;
                        default: return x < 3 || x >= width - 3 ? top : double(rng() % 2) * top;
                    }
                });
                for (expr::Boundary boundary : {expr::Boundary::Clamp, expr::Boundary::Mirror}) {
                    const std::string sum = window_program(win, rng);
                    const bool mirror = win.suffix == ":m" || (win.suffix.empty() && boundary == expr::Boundary::Mirror);
                    INFO(format << " width " << width << " pattern " << pattern << " " << sum << " boundary "
                                << int(boundary));
                    const std::string mean = sum + std::to_string(win.w * win.h) + " /";
                    const Frame chain = run_filter(mean, in, format, boundary, false, false, 1);
                    for (int threads : {1, 3}) {
                        pixel::expr::ExprSettings s;
                        s.expressions = {mean};
                        s.boundary = boundary;
                        s.threads = threads;
                        const std::vector<pixel::VideoFormat> formats{in.format()};
                        pixel::expr::ExprFilter filter(s, formats, in.width(), in.height());
                        fixed_planes += filter.fixed_point_planes();
                        const Frame* ptr = &in;
                        Frame generated;
                        filter.process(std::span<const Frame* const>(&ptr, 1), 0, generated);
                        CHECK(same_samples(chain, generated));
                    }
                    const Frame sums = run_filter(sum, in, "grays", boundary, true, true, 2);
                    bool exact = true;
                    for (int y = 0; y < in.height(); ++y)
                        for (int x = 0; x < width; ++x)
                            exact = exact && sample(sums, 0, x, y) == brute_force_sum(in, win, mirror, x, y);
                    CHECK(exact);
                }
            }
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) CHECK(fixed_planes > 0);
#endif
}
