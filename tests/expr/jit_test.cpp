// Generated machine code (pixel/expr/jit/) against the block interpreter: the same
// bits on random programs (every operation the generator handles, register pressure
// beyond the 14 value registers, call-outs, x[dx,dy] near and beyond the edges, widths
// around the unrolled step), plus the evaluation order.  The instruction encodings are
// checked in jit_encodings_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>

#include "filters/expr/optimize.hpp"
#include "filters/expr/parser.hpp"
#include "pixel/expr/jit/kernel.hpp"
#include "pixel/expr/jit/schedule.hpp"
#include "pixel/io/half.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;

namespace {

bool cpu_has_avx2() {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2");
#else
    return false;
#endif
}

// A random postfix program over clips x, y (and z) of the operations the generator
// compiles; `width` values kept on the stack at most (register pressure).
std::string random_program(std::mt19937& rng, int clips, int width) {
    auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    const std::vector<std::string> unary = {"abs", "sqrt", "trunc", "floor", "round", "not", "bitnot",
                                            "exp", "log", "sin", "cos", "-1 *", "tan", "asin", "acos", "atan"};
    const std::vector<std::string> binary = {"+", "-", "*", "/", "%", "max", "min", ">", "<", "=", ">=", "<=",
                                             "and", "or", "xor", "bitand", "bitor", "bitxor", "pow", "+", "*", "atan2"};
    const std::vector<std::string> consts = {"0", "1", "2", "0.5", "-3", "255", "1e-3", "7.25", "-0.5", "100000", "3.14159"};
    const std::string names = "xyz";
    std::string out;
    int depth = 0;
    auto emit = [&](const std::string& t) { out += t + " "; };
    auto leaf = [&] {
        std::string clip(1, names[std::size_t(pick(clips))]);
        switch (pick(8)) {
            case 0: case 1: emit(clip); break;
            case 2: emit(consts[std::size_t(pick(int(consts.size())))]); break;
            case 3: emit(std::vector<std::string>{"X", "Y", "width", "height", "N"}[std::size_t(pick(5))]); break;
            case 4: case 5: {
                const char* suffix[] = {"", ":c", ":m"};
                emit(clip + "[" + std::to_string(pick(13) - 6) + "," + std::to_string(pick(7) - 3) + "]" + suffix[pick(3)]);
                break;
            }
            case 6: emit(pick(2) ? "x.Gain" : clip + ".Missing"); break;
            default: emit(clip + "[" + std::to_string(pick(41) - 20) + ",0]"); break;
        }
        ++depth;
    };
    const int steps = 3 + pick(40);
    for (int i = 0; i < steps; ++i) {
        const int kind = pick(10);
        if (depth == 0 || (kind <= 3 && depth < width)) leaf();
        else if (kind == 4) emit(unary[std::size_t(pick(int(unary.size())))]);
        else if (kind <= 7 && depth >= 2) emit(binary[std::size_t(pick(int(binary.size())))]), --depth;
        else if (kind == 8 && depth >= 3) emit(pick(2) ? "?" : "clamp"), depth -= 2;
        else if (kind == 9 && depth < width && pick(2)) emit("dup" + std::to_string(pick(depth))), ++depth;
        else if (kind == 9 && depth >= 2) {
            const int k = 2 + pick(std::min(depth, 12) - 1);
            const char* op[] = {"sort", "sort", "argmin", "argmax", "argsort"};
            const int which = pick(5);
            emit(op[which] + std::to_string(k));
            if (which == 2 || which == 3) depth -= k - 1;  // argmin/argmax leave one value
        }
        else if (depth < width) leaf();
    }
    while (depth > 1) emit(binary[std::size_t(pick(int(binary.size())))]), --depth;
    return out;
}

// A random program of the fixed-point subset: + - * max min abs, dyadic constants,
// scaling by powers of two; stack depth at most `width`.
std::string random_fixed_program(std::mt19937& rng, int clips, int width) {
    auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    const std::vector<std::string> binary = {"+", "-", "max", "min", "+", "-", "*"};
    const std::vector<std::string> scale = {"0.5 *", "0.25 *", "2 /", "4 *", "2 *", "0.125 *", "8 /", "abs"};
    const std::vector<std::string> consts = {"0", "1", "3", "0.5", "-7", "255", "0.75", "-0.25", "100"};
    const std::string names = "xyz";
    std::string out;
    int depth = 0;
    auto emit = [&](const std::string& t) { out += t + " "; };
    auto leaf = [&] {
        const std::string clip(1, names[std::size_t(pick(clips))]);
        switch (pick(4)) {
            case 0: emit(clip); break;
            case 1: emit(consts[std::size_t(pick(int(consts.size())))]); break;
            default: emit(clip + "[" + std::to_string(pick(7) - 3) + "," + std::to_string(pick(3) - 1) + "]:m"); break;
        }
        ++depth;
    };
    const int steps = 2 + pick(14);
    for (int i = 0; i < steps; ++i) {
        const int kind = pick(7);
        if (depth == 0 || (kind <= 1 && depth < width)) leaf();
        else if (kind == 2) emit(scale[std::size_t(pick(int(scale.size())))]);
        else if (kind == 6 && depth >= 2) emit("sort" + std::to_string(2 + pick(depth - 1)));
        else if (depth >= 2) emit(binary[std::size_t(pick(int(binary.size())))]), --depth;
        else leaf();
    }
    while (depth > 1) emit(binary[std::size_t(pick(int(binary.size())))]), --depth;
    return out;
}

Frame run_engine(const std::string& program, const std::vector<Frame>& inputs, const std::string& format,
                 expr::Boundary boundary, bool jit, int threads, int* jit_planes = nullptr,
                 int* fixed_planes = nullptr) {
    pixel::expr::ExprSettings s;
    s.expressions = {program};
    s.output_format = pixel::parse_format_name(format);
    s.boundary = boundary;
    s.jit = jit;
    s.lookup_tables = false;  // the evaluators themselves (lookup_table_test.cpp has the tables)
    s.threads = threads;
    s.missing_properties.otherwise = NAN;  // the random programs read x.Missing
    // The generators on the programs as written (the 3x3 box stays an add chain for the
    // fixed-point paths); window sums have their own tests (window_sum_test.cpp).
    s.window_sums = false;
    std::vector<VideoFormat> formats;
    std::vector<const Frame*> ptrs;
    for (const Frame& f : inputs) formats.push_back(f.format()), ptrs.push_back(&f);
    pixel::expr::ExprFilter filter(s, formats, inputs.at(0).width(), inputs.at(0).height());
    if (jit_planes) *jit_planes = filter.jit_planes();
    if (fixed_planes) *fixed_planes = filter.fixed_point_planes();
    Frame out;
    filter.process(ptrs, 7, out);
    return out;
}

}  // namespace

TEST_CASE("generated code equals the interpreter bit for bit on random programs", "[jit]") {
    if (!cpu_has_avx2()) {
        WARN("no AVX2 on this CPU: the interpreter runs alone, nothing to compare");
        return;
    }
    const std::vector<std::string> in_formats = {"gray8", "gray16", "grays", "gray10"};
    const std::vector<std::string> out_formats = {"grays", "gray8", "gray16", "gray12"};
    const int widths[] = {8, 15, 16, 31, 32, 33, 47, 64, 100, 257};
    int compiled = 0;
    for (unsigned seed = 1; seed <= 400; ++seed) {
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
        const int clips = 1 + pick(3), w = widths[pick(10)], h = 1 + pick(4);
        std::vector<Frame> inputs;
        for (int i = 0; i < clips; ++i) {
            const std::string f = in_formats[std::size_t(pick(4))];
            inputs.push_back(make_frame(f, w, h, [&](int, int, int) {
                if (f == "grays") return double(std::uniform_real_distribution<float>(-3, 300)(rng));
                if (f == "gray8") return double(pick(256));
                return double(pick(f == "gray10" ? 1024 : 65536));
            }));
        }
        inputs[0].properties()["Gain"] = 0.75;
        const int stack_width = seed % 3 == 0 ? 40 : 6;  // a third beyond the registers
        const std::string program = random_program(rng, clips, stack_width);
        const std::string format = out_formats[std::size_t(pick(4))];
        const expr::Boundary boundary = pick(2) ? expr::Boundary::Mirror : expr::Boundary::Clamp;
        INFO("seed " << seed << ": " << program << " -> " << format << ", " << w << "x" << h);
        int planes = 0;
        const Frame want = run_engine(program, inputs, format, boundary, false, 1);
        const Frame got = run_engine(program, inputs, format, boundary, true, 1 + int(seed % 2), &planes);
        compiled += planes;
        for (int y = 0; y < h; ++y) {
            INFO("row " << y);
            REQUIRE(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
        }
    }
    CHECK(compiled > 350);  // programs the generator declines would not be compared
}

TEST_CASE("fixed-point code equals the interpreter on random integer programs", "[jit]") {
    if (!cpu_has_avx2()) return;
    const std::vector<std::string> in_formats = {"gray8", "gray10", "gray8", "gray12"};
    const std::vector<std::string> out_formats = {"gray8", "gray10", "gray16", "gray8"};
    const int widths[] = {16, 17, 31, 32, 33, 64, 100, 257};
    int fixed = 0, programs = 0;
    for (unsigned seed = 1; seed <= 400; ++seed) {
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
        const int clips = 1 + pick(3), w = widths[pick(8)], h = 1 + pick(3);
        std::vector<Frame> inputs;
        for (int i = 0; i < clips; ++i) {
            const std::string f = in_formats[std::size_t(pick(4))];
            inputs.push_back(make_frame(f, w, h, [&](int, int, int) {
                return double(pick(f == "gray8" ? 256 : f == "gray10" ? 1024 : 4096));
            }));
        }
        const std::string program = random_fixed_program(rng, clips, 3 + pick(12));
        const std::string format = out_formats[std::size_t(pick(4))];
        INFO("seed " << seed << ": " << program << " -> " << format << ", " << w << "x" << h);
        int planes = 0;
        const Frame want = run_engine(program, inputs, format, expr::Boundary::Mirror, false, 1);
        const Frame got = run_engine(program, inputs, format, expr::Boundary::Mirror, true, 1, nullptr, &planes);
        fixed += planes;
        ++programs;
        for (int y = 0; y < h; ++y) {
            INFO("row " << y);
            REQUIRE(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
        }
    }
    // Most fit 16 bits; products of several clips and large constants may not.
    CHECK(fixed > programs / 2);
}

// The program on `inputs` into `format` with generated code equals the interpreter's
// plane bit for bit; returns how many planes ran in fixed point.
int fixed_equals_interpreter(const std::string& program, const std::vector<Frame>& inputs, const std::string& format,
                             expr::Boundary boundary) {
    int fixed = 0;
    const Frame want = run_engine(program, inputs, format, boundary, false, 1);
    const Frame got = run_engine(program, inputs, format, boundary, true, 1, nullptr, &fixed);
    for (int y = 0; y < want.plane(0).height(); ++y)
        CHECK(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
    return fixed;
}

// Every 16-bit value once: x is a 256 x 256 gray16 plane, value(x, y) = 256 y + x; the
// partners y are x itself, its neighbour value v ^ 1, its mirror 65535 - v, the extremes
// 0 and 65535 and a random permutation (of `seed`).
struct EveryValue16 {
    static unsigned value(int x, int y) { return unsigned(y) * 256u + unsigned(x); }
    Frame x;
    std::vector<std::function<unsigned(unsigned)>> partners;
    Frame partner(std::size_t k) const {
        return make_frame("gray16", 256, 256, [&](int, int px, int py) { return double(partners[k](value(px, py))); });
    }
};
EveryValue16 every_value16(unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<unsigned> permutation(65536);
    for (unsigned v = 0; v < 65536; ++v) permutation[v] = v;
    std::shuffle(permutation.begin(), permutation.end(), rng);
    return {make_frame("gray16", 256, 256, [](int, int x, int y) { return double(EveryValue16::value(x, y)); }),
            {[](unsigned v) { return v; }, [](unsigned v) { return v ^ 1u; }, [](unsigned v) { return 65535u - v; },
             [](unsigned) { return 0u; }, [](unsigned) { return 65535u; },
             [permutation](unsigned v) { return permutation[v]; }}};
}

TEST_CASE("abs in fixed point equals the interpreter at every pair of 8-bit values and on 10- and 14-bit frames",
          "[jit]") {
    if (!cpu_has_avx2()) return;
    // x = 0..255 along the row, y = 0..255 down the plane: every difference once.
    const std::vector<Frame> every = {make_frame("gray8", 256, 256, [](int, int x, int) { return double(x); }),
                                      make_frame("gray8", 256, 256, [](int, int, int y) { return double(y); })};
    for (const char* program : {"x y - abs", "x y - abs 2 *", "x 128 - abs x y - abs max", "y x - 0.5 * abs 3 -"}) {
        INFO(program);
        CHECK(fixed_equals_interpreter(program, every, "gray8", expr::Boundary::Clamp) == 1);
        CHECK(fixed_equals_interpreter(program, every, "gray10", expr::Boundary::Clamp) == 1);
    }
    std::mt19937 rng(31);
    for (const char* format : {"gray10", "gray14"}) {
        const unsigned top = format[5] == '0' ? 1024u : 16384u;
        const std::vector<Frame> in = {
            make_frame(format, 100, 5, [&](int, int, int) { return double(rng() % 3 ? rng() % top : top - 1); }),
            make_frame(format, 100, 5, [&](int, int, int) { return double(rng() % 3 ? rng() % top : 0); })};
        INFO(format);
        CHECK(fixed_equals_interpreter("x y - abs", in, format, expr::Boundary::Clamp) == 1);
        CHECK(fixed_equals_interpreter("x[-1,0] y - abs x[1,0] y - abs + 2 /", in, format, expr::Boundary::Mirror) == 1);
    }
}

TEST_CASE("the speed table's blend runs in fixed point, rounding half to even", "[jit]") {
    if (!cpu_has_avx2()) return;
    const Frame a = make_frame("gray8", 64, 1, [](int, int x, int) { return double(x); });
    const Frame b = make_frame("gray8", 64, 1, [](int, int x, int) { return double(x % 2 ? 255 - x : x + 1); });
    int fixed = 0;
    const Frame out = run_engine("x y + 0.5 *", {a, b}, "gray8", expr::Boundary::Clamp, true, 1, nullptr, &fixed);
    CHECK(fixed == 1);
    for (int x = 0; x < 64; ++x) {
        const double sum = double(x) + double(x % 2 ? 255 - x : x + 1);
        CHECK(sample(out, 0, x, 0) == std::nearbyint(sum / 2));  // 0.5 -> 0, 1.5 -> 2, 2.5 -> 2
    }
    int planes = 0;
    run_engine("x 0.1 * 1 +", {a}, "gray8", expr::Boundary::Clamp, true, 1, nullptr, &planes);
    CHECK(planes == 0);  // 0.1 is not a dyadic rational (only a root * or / by it runs in binary32)
    run_engine("x y + 0.5 *", {a, b}, "grays", expr::Boundary::Clamp, true, 1, nullptr, &planes);
    CHECK(planes == 0);  // float output: binary32 code
}

TEST_CASE("halving sums of 8-bit clips in 8-bit lanes equal the interpreter", "[jit]") {
    if (!cpu_has_avx2()) return;
    std::mt19937 rng(5);
    for (int w : {64, 65, 100, 130, 257}) {
        const Frame a = make_frame("gray8", w, 3, [&](int, int, int) { return double(rng() % 256); });
        const Frame b = make_frame("gray8", w, 3, [&](int, int, int) { return double(rng() % 256); });
        for (const char* program : {"x y + 0.5 *", "x y + 2 /", "0.5 x y + *", "x[1,0] y[-2,1]:m + 0.5 *", "x x[3,-1] + 2 /"}) {
            INFO(program << ", width " << w);
            int fixed = 0;
            const Frame want = run_engine(program, {a, b}, "gray8", expr::Boundary::Clamp, false, 1);
            const Frame got = run_engine(program, {a, b}, "gray8", expr::Boundary::Clamp, true, 1, nullptr, &fixed);
            CHECK(fixed == 1);
            for (int y = 0; y < 3; ++y) CHECK(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
        }
    }
}

TEST_CASE("a root division by a constant after 16-bit sums (the 3x3 box) equals the interpreter", "[jit]") {
    if (!cpu_has_avx2()) return;
    std::mt19937 rng(8);
    const std::string box = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + + 9 /";
    // Negative and overflowing results (clamps), shifts before the tail, x / 0 (inf, NaN
    // for 0 / 0), a constant first, deeper outputs.
    // Divisions and fractions the 16-bit multiply-high takes (fixed_multiply_high.cpp),
    // ties it must decline (/ 6), clamps to the output's top (a 10-bit box into gray8).
    const char* programs[] = {"x 0.1 *", "0.1 x *", "x y - 3 /", "x 2.5 *", "x 128 - 0.7 *", "x 0 /",
                              "x 4 / y + 0.3 *", "x y max 3 /", "x -1 /", "x y + 7 /", "x y + 6 /",
                              "x 0.3 *", "x[-1,0] x x[1,0] + + 3 /", "x y + y + 0.2 *", "x 255 /"};
    for (const char* format : {"gray8", "gray10"})
        for (const char* out : {"gray8", "gray10", "gray16"}) {
            const unsigned top = format[4] == '8' ? 256 : 1024;
            const Frame a = make_frame(format, 77, 4, [&](int, int x, int) { return double(x < 3 ? 0 : rng() % top); });
            const Frame b = make_frame(format, 77, 4, [&](int, int, int) { return double(rng() % top); });
            std::vector<std::string> all(std::begin(programs), std::end(programs));
            all.push_back(box);
            for (const std::string& program : all) {
                INFO(program << " on " << format << " into " << out);
                CHECK(fixed_equals_interpreter(program, {a, b}, out, expr::Boundary::Mirror) == 1);
            }
        }
}

TEST_CASE("neighbourhoods on wide and narrow rows with reaches beyond a step equal the interpreter", "[jit]") {
    if (!cpu_has_avx2()) return;
    // The row driver's boundary columns and the kernels' last overlapping step on rows
    // several steps wide; reaches within one step, beyond one (x[70,0]) and one-sided;
    // fixed point (8, 10 and 16-bit; the box's / 9 as a multiply-high), binary32 and
    // float clips; clamp and mirror.
    std::mt19937 rng(14);
    const std::string box = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + + 9 /";
    const char* programs[] = {"x[-1,0] x x[1,0] + + 3 /", "x[2,1] x[-3,-1] max", "x[70,0] x[-5,0] + 2 /",
                              "x[-9,0] x min", "x[1,0] 2 *", "x[-1,0] sin x[1,1] +",
                              "x[-1,-1] x[1,-1] x[0,1] sort3 drop swap drop",
                              // Boxes in other orders, without the tail, and near-boxes
                              // the box path must decline (fixed_box_sum.cpp).
                              "x x[-1,-1] + x[1,1] + x[0,-1] + x[1,-1] + x[-1,0] + x[1,0] + x[-1,1] + x[0,1] + 9 /",
                              "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + +",
                              "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1]:c + + + + + + + + 9 /",
                              "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[0,1] + + + + + + + + 7 /"};
    for (const char* format : {"gray8", "gray10", "gray16", "grays"})
        for (int w : {129, 150, 200, 333, 1000}) {
            const bool is_float = format[4] == 's';
            const unsigned top = format[4] == '8' ? 256 : format[5] == '0' ? 1024 : 65536;
            const Frame a = make_frame(format, w, 4, [&](int, int x, int) {
                return is_float ? double(rng() % 1000) / 999.0 : double(x < 2 ? top - 1 : rng() % top);
            });
            std::vector<std::string> all(std::begin(programs), std::end(programs));
            all.push_back(box);
            for (const std::string& program : all)
                for (expr::Boundary b : {expr::Boundary::Clamp, expr::Boundary::Mirror}) {
                    INFO(program << " on " << format << ", width " << w << (b == expr::Boundary::Mirror ? " mirror" : " clamp"));
                    int planes = 0;
                    const Frame want = run_engine(program, {a}, format, b, false, 1);
                    const Frame got = run_engine(program, {a}, format, b, true, 1, &planes);
                    CHECK(planes == 1);
                    for (int y = 0; y < 4; ++y)
                        REQUIRE(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
                }
        }
}

TEST_CASE("halving sums of 16-bit-sample clips in 16-bit lanes equal the interpreter", "[jit]") {
    if (!cpu_has_avx2()) return;
    std::mt19937 rng(6);
    // Full-range samples (sums up to 2^17 - 2, beyond dyadic_ranges' 16 bits), every
    // depth of 2-byte samples, odd and even sums, and widths around the 64-pixel step.
    for (const char* format : {"gray16", "gray10", "gray12"})
        for (int w : {64, 65, 100, 257}) {
            const unsigned top = format[5] == '6' ? 65536 : format[5] == '0' ? 1024 : 4096;
            const Frame a = make_frame(format, w, 3, [&](int, int x, int) { return double(x < 2 ? top - 1 : rng() % top); });
            const Frame b = make_frame(format, w, 3, [&](int, int x, int) { return double(x < 1 ? top - 1 : rng() % top); });
            for (const char* program : {"x y + 0.5 *", "x y + 2 /", "0.5 x y + *", "x[1,0] y[-2,1]:m + 0.5 *"}) {
                INFO(program << " on " << format << ", width " << w);
                CHECK(fixed_equals_interpreter(program, {a, b}, format, expr::Boundary::Clamp) == 1);
            }
        }
    // Planes of at least kStreamingBytes: the non-temporal loop on aligned rows, the
    // cached one for the last, unaligned step of a row 1030 wide.
    for (int w : {1024, 1030}) {
        const Frame a = make_frame("gray16", w, 1024, [&](int, int, int) { return double(rng() % 65536); });
        const Frame b = make_frame("gray16", w, 1024, [&](int, int, int) { return double(rng() % 65536); });
        REQUIRE(a.plane(0).stride() * a.plane(0).height() >= pixel::expr::jit::kStreamingBytes);
        INFO("streaming, width " << w);
        CHECK(fixed_equals_interpreter("x y + 0.5 *", {a, b}, "gray16", expr::Boundary::Clamp) == 1);
    }
    // Into a shallower output the average can exceed the output's range (a clamp): the
    // 16-bit lanes decline, the plane still equals the interpreter's.
    const Frame a = make_frame("gray16", 64, 2, [&](int, int, int) { return double(rng() % 65536); });
    CHECK(fixed_equals_interpreter("x x + 0.5 *", {a}, "gray10", expr::Boundary::Clamp) == 0);
}

TEST_CASE("16-bit halving sums equal the interpreter at every value of x", "[jit]") {
    if (!cpu_has_avx2()) return;
    // x takes each of the 2^16 values once; y is x itself (even sums), x's neighbour value
    // (odd sums, both parities of the floor), its mirror 65535 - x (sum 65535 everywhere),
    // the extremes and a random permutation.
    const EveryValue16 every = every_value16(14);
    const Frame& a = every.x;
    const auto value = EveryValue16::value;
    const auto& partners = every.partners;
    for (std::size_t k = 0; k < partners.size(); ++k) {
        INFO("partner " << k);
        const Frame b = every.partner(k);
        CHECK(fixed_equals_interpreter("x y + 0.5 *", {a, b}, "gray16", expr::Boundary::Clamp) == 1);
        // The data tells the half-to-even store from VPAVGW's half-up alone (the reason
        // for the kernel's parity correction): v + (v ^ 1) = 2 (v & ~1) + 1 has an even
        // floor, which half-up would round away at every pixel; 65535 / 2's floor is odd,
        // where both rules give 32768.
        const Frame got = run_engine("x y + 0.5 *", {a, b}, "gray16", expr::Boundary::Clamp, true, 1);
        int half_up_differs = 0;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x) {
                const unsigned s = value(x, y) + partners[k](value(x, y));
                half_up_differs += sample(got, 0, x, y) != double((s + 1) / 2);
            }
        if (k == 1) CHECK(half_up_differs == 65536);
        if (k == 2) CHECK(half_up_differs == 0);
    }
}

TEST_CASE("16-bit differences saturating at 0 in unsigned lanes equal the interpreter at every value of x", "[jit]") {
    if (!cpu_has_avx2()) return;
    // A root a - b (or max(a - b, 0), or abs(a - b)) of 16-bit samples spans 17 bits;
    // VPSUBUSW gives the stored result (fixed_kernel.cpp's saturating_difference).  x takes every value
    // against every_value16's partners (equal, neighbours, mirror, extremes, random), so
    // every sign and 0 occur; quarters round half to even at every remainder; gray12
    // clamps at 4095 too.
    const EveryValue16 every = every_value16(17);
    for (std::size_t k = 0; k < every.partners.size(); ++k) {
        const Frame b = every.partner(k);
        for (const char* program : {"x y -", "y x -", "x y - 0 max", "0 y x - max", "x 4 / y 4 / -", "65535 x - y -",
                                    "x y - abs", "y x - abs", "x 4 / y 4 / - abs", "x 1000 - abs", "x[1,0] y - abs"})
            for (const char* out : {"gray16", "gray12"}) {
                INFO("partner " << k << ": " << program << " -> " << out);
                CHECK(fixed_equals_interpreter(program, {every.x, b}, out, expr::Boundary::Clamp) == 1);
            }
    }
}

TEST_CASE("16-bit programs in unsigned 16-bit lanes equal the interpreter at every value of x", "[jit]") {
    if (!cpu_has_avx2()) return;
    // x takes each of the 2^16 values once against the partners of every_value16.  Maxima, minima and clamps compare in [32768, 65535] (negative as
    // signed words); divisions by powers of two round half to even at every remainder,
    // near 65535 by the split store (fixed_kernel.cpp); into shallower outputs they clamp;
    // root multiplications and divisions by other constants take every 16-bit k.
    const EveryValue16 every = every_value16(16);
    const Frame& a = every.x;
    struct Case {
        const char* program;
        const char* out;
    };
    const Case cases[] = {{"x y max", "gray16"},         {"x y min", "gray16"},
                          {"x 256 /", "gray16"},         {"x 2 /", "gray16"},
                          {"x 0.125 *", "gray16"},       {"x 16384 /", "gray16"},
                          {"x 1000 60000 clamp", "gray16"}, {"x 1000 max 60000 min", "gray16"},
                          {"x 4 / y 4 / max", "gray16"}, {"65535 x - y min", "gray16"},
                          {"x 32768 max 32768 -", "gray16"}, {"x y x sort3 drop swap drop", "gray16"},
                          {"x 256 /", "gray8"},          {"x 16 /", "gray8"},
                          {"x y min 64 /", "gray10"},    {"x 0.5 * y 0.5 * max", "gray12"},
                          // Root tails on 16-bit k (zero-extended to binary32, or a multiply-high).
                          {"x 0.1 *", "gray16"},         {"x y max 3 /", "gray16"},
                          {"x -1 /", "gray16"},          {"x 1.7 *", "gray16"},
                          {"x 32768 max 0.3 *", "gray16"}};
    for (std::size_t k = 0; k < every.partners.size(); ++k) {
        const Frame b = every.partner(k);
        for (const Case& c : cases) {
            INFO(c.program << " into " << c.out << ", partner " << k);
            CHECK(fixed_equals_interpreter(c.program, {a, b}, c.out, expr::Boundary::Clamp) == 1);
        }
    }
    // Hand-checked: half to even at the split store's top, 65535 / 256 = 255.996 -> 256,
    // 32896 / 256 = 128.5 -> 128, 32640 / 256 = 127.5 -> 128.
    const Frame q = run_engine("x 256 /", {a}, "gray16", expr::Boundary::Clamp, true, 1);
    CHECK(sample(q, 0, 255, 255) == 256);
    CHECK(sample(q, 0, 128, 128) == 128);
    CHECK(sample(q, 0, 128, 127) == 128);
    CHECK(sample(q, 0, 127, 128) == 128);  // 32895 / 256 = 128.496
}

TEST_CASE("16-bit neighbourhoods in unsigned 16-bit lanes equal the interpreter on full-range frames", "[jit]") {
    if (!cpu_has_avx2()) return;
    std::mt19937 rng(17);
    const std::string median3x3 = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] sort9 drop4 swap4 drop4";
    const std::string box = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + + 9 /";
    struct Case {
        std::string program;
        const char* format;
        int fixed;  // planes in fixed point
    };
    // Random frames with runs of the extremes (ties and 65535 in every window), medians
    // and sorts of 16-bit samples, max/min neighbourhoods, and the 12-bit box, whose sum
    // (up to 36855) needs unsigned lanes; the 16-bit box's (up to 589815) runs in 32-bit
    // lanes.
    const Case cases[] = {{median3x3, "gray16", 1},
                          {"x[-2,0] x[-1,0] x x[1,0] x[2,0] sort5 drop2 swap2 drop2", "gray16", 1},
                          {"x[-1,-1] x[1,1] x[0,1] x[1,-1] max max max", "gray16", 1},
                          {"x[-1,0] x[1,0] min x[0,-1] x[0,1] min max", "gray16", 1},
                          {median3x3, "gray12", 1},
                          {box, "gray12", 1},
                          {box, "gray16", 1}};
    for (int w : {129, 333}) {
        for (const Case& c : cases) {
            const unsigned top = c.format[5] == '6' ? 65536 : 4096;
            const Frame a = make_frame(c.format, w, 6, [&](int, int x, int) {
                const unsigned r = rng();
                return double(x % 7 == 0 ? top - 1 : x % 11 == 0 ? 0 : r % top);
            });
            INFO(c.program << " on " << c.format << ", width " << w);
            CHECK(fixed_equals_interpreter(c.program, {a}, c.format, expr::Boundary::Mirror) == c.fixed);
        }
    }
    // The 16-bit box in 32-bit lanes (fixed_box_sum.cpp): other tails (clamps below 0
    // and above the top, x / 0, a power of two), shallower outputs, widths around its
    // 32-pixel step; clamp and mirror.
    const std::string sum = box.substr(0, box.size() - 4);
    for (const char* tail : {" 9 /", " 7 /", " 0.1 *", " 0 /", " -3 /", " 0.5 *"})
        for (const char* out : {"gray16", "gray10", "gray8"})
            for (int w : {32, 33, 63, 100, 257}) {
                const Frame a = make_frame("gray16", w, 3, [&](int, int x, int) {
                    return double(x % 5 == 0 ? 65535 : rng() % 65536);
                });
                const std::string program = sum + tail;
                INFO(program << " into " << out << ", width " << w);
                for (expr::Boundary b : {expr::Boundary::Clamp, expr::Boundary::Mirror})
                    CHECK(fixed_equals_interpreter(program, {a}, out, b) == 1);
            }
}

TEST_CASE("medians and sorts of integer samples by sorting networks equal the interpreter", "[jit]") {
    if (!cpu_has_avx2()) return;
    std::mt19937 rng(9);
    const std::string median3x3 = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] sort9 drop4 swap4 drop4";
    const std::string median5 = "x[-2,0] x[-1,0] x x[1,0] x[2,0] sort5 drop2 swap2 drop2";
    for (const char* format : {"gray8", "gray10"}) {
        const Frame a = make_frame(format, 77, 5, [&](int, int, int) { return double(rng() % (format[4] == '8' ? 256 : 1024)); });
        const Frame b = make_frame(format, 77, 5, [&](int, int, int) { return double(rng() % 200); });
        for (const std::string& program : {median3x3, median5, std::string("x y x 0.5 * sort3 + +"),
                                           std::string("x x y sort3 drop swap drop"), std::string("x y 3 sort3 - -"),
                                           std::string("x[1,1] x[-1,-1] y 100 sort4 drop3")}) {
            INFO(program << " on " << format);
            int fixed = 0;
            const Frame want = run_engine(program, {a, b}, format, expr::Boundary::Mirror, false, 1);
            const Frame got = run_engine(program, {a, b}, format, expr::Boundary::Mirror, true, 1, nullptr, &fixed);
            CHECK(fixed == 1);
            for (int y = 0; y < 5; ++y) CHECK(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
        }
    }
    // The median of a hand-made neighbourhood.
    const Frame x = make_frame("gray8", 40, 3, [](int, int px, int py) { return double((px * 7 + py * 13) % 31); });
    const Frame m = run_engine(median3x3, {x}, "gray8", expr::Boundary::Clamp, true, 1);
    std::vector<int> v;
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) v.push_back(((20 + dx) * 7 + (1 + dy) * 13) % 31);
    std::sort(v.begin(), v.end());
    CHECK(sample(m, 0, 20, 1) == v[4]);
}

TEST_CASE("frame after frame with one filter: rows converted for one frame never serve the next", "[jit]") {
    if (!cpu_has_avx2()) return;
    // Integer rows read at several offsets are converted once and kept while the rows
    // move down; a second frame has the same row numbers and other samples.
    const std::string box = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x[0,0] x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + + 9 /";
    for (int h : {2, 9})
        for (int threads : {1, 2}) {
            pixel::expr::ExprSettings jit, plain;
            jit.expressions = plain.expressions = {box};
            jit.threads = plain.threads = threads;
            plain.jit = false;
            const std::vector<VideoFormat> formats = {pixel::parse_format_name("gray8")};
            pixel::expr::ExprFilter a(jit, formats, 80, h), b(plain, formats, 80, h);
            for (int n = 0; n < 3; ++n) {
                const Frame in =
                    make_frame("gray8", 80, h, [n](int, int x, int y) { return double((x * 11 + y * 7 + n * 50) % 256); });
                const Frame* ptr[] = {&in};
                Frame got, want;
                a.process(ptr, n, got);
                b.process(ptr, n, want);
                INFO("frame " << n << ", height " << h << ", threads " << threads);
                for (int y = 0; y < h; ++y)
                    CHECK(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
            }
        }
}

TEST_CASE("one compile per distinct expression, shared by the planes given it", "[jit]") {
    // 4:2:0: the shared program and kernel run on the 80-wide luma and the 40-wide chroma.
    const Frame a = make_frame("yuv420p8", 80, 6, [](int p, int x, int y) { return double((p * 50 + x * 3 + y * 7) % 256); });
    const std::vector<VideoFormat> formats = {a.format()};
    const Frame* ptr[] = {&a};
    struct Case {
        std::vector<std::string> expressions;
        int compiled;
    };
    const std::string box = "x[-1,0] x x[1,0] + + 3 /";
    for (const Case& c : {Case{{box}, 1}, Case{{box, "x 2 *"}, 2}, Case{{"x 2 *", box, "x 2 *"}, 2},
                          Case{{box, ""}, 1}, Case{{box, "x 2 *", "x 1 +"}, 3}}) {
        for (bool jit : {true, false}) {
            pixel::expr::ExprSettings s;
            s.expressions = c.expressions;
            s.jit = jit;
            const pixel::expr::ExprFilter filter(s, formats, 80, 6);
            CHECK(filter.compiled_expressions() == c.compiled);
            Frame got;
            filter.process(ptr, 0, got);
            // Each plane as the only plane of a one-expression filter: the same bytes.
            for (int p = 0; p < 3; ++p) {
                const std::string& e = c.expressions[std::min<std::size_t>(std::size_t(p), c.expressions.size() - 1)];
                if (e.empty()) continue;
                Frame plane = make_frame("gray8", a.plane(p).width(), a.plane(p).height(),
                                         [&](int, int x, int y) { return double(a.plane(p).row_as<std::uint8_t>(y)[x]); });
                const Frame want = run_engine(e, {plane}, "gray8", expr::Boundary::Clamp, jit, 1);
                for (int y = 0; y < plane.height(); ++y)
                    CHECK(std::memcmp(got.plane(p).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
            }
        }
    }
}

TEST_CASE("the generator declines what it does not compile and the interpreter still runs it", "[jit]") {
    if (!cpu_has_avx2()) return;
    const Frame a = make_frame("gray8", 40, 3, [](int, int x, int y) { return double(x * 5 + y); });
    Frame hf(pixel::parse_format_name("grayh"), 40, 3);  // binary16 samples x / 4
    for (int y = 0; y < 3; ++y)
        for (int px = 0; px < 40; ++px) hf.plane(0).row_as<std::uint16_t>(y)[px] = pixel::float_to_half(float(px) / 4);
    int planes = -1;
    run_engine("x y + 2 /", {a, a}, "gray8", expr::Boundary::Clamp, true, 1, &planes);
    CHECK(planes == 1);
    const Frame f = make_frame("grays", 40, 3, [](int, int x, int y) { return double(x * 5 + y); });
    for (const char* p : {"x[] 1 2", "x x x x x x x x x x x x x sort13 drop12"}) {
        // x[] and order statistics of more than 12 values stay interpreted.
        const std::string program = std::string(p) == "x[] 1 2" ? "1 2 x[]" : p;
        run_engine(program, {f, f}, "grays", expr::Boundary::Clamp, true, 1, &planes);
        CHECK(planes == 0);
    }
    // Regression (fuzz_expr, after the move to Xbyak): a median of repeated gray8 samples
    // whose copies need more registers than there are.  The fixed-point generator runs
    // out and must stop before forming an instruction from a missing register (Xbyak
    // rejects it: "internal error ... evex is invalid"); the plane then gets the float
    // kernel or the interpreter, with the interpreter's bits either way.
    const char* copies = "x[-1,-1] x[0,-1] x[1,-0] x[-1,0] x x[1,0] x[-1,0] x[1,1] x[1,1] sort9 drop4 swap4 drop4";
    const Frame median_want = run_engine(copies, {a}, "gray8", expr::Boundary::Clamp, false, 1);
    const Frame median_got = run_engine(copies, {a}, "gray8", expr::Boundary::Clamp, true, 1);
    for (int y = 0; y < 3; ++y)
        CHECK(std::memcmp(median_got.plane(0).row(y), median_want.plane(0).row(y), a.plane(0).row_bytes()) == 0);
    const Frame want = run_engine("x 2 *", {hf}, "grays", expr::Boundary::Clamp, false, 1);
    const Frame got = run_engine("x 2 *", {hf}, "grays", expr::Boundary::Clamp, true, 1, &planes);
    CHECK(planes == 0);  // half-float samples
    CHECK(sample(got, 0, 9, 1) == 4.5);
    CHECK(std::memcmp(got.plane(0).row(1), want.plane(0).row(1), want.plane(0).row_bytes()) == 0);
}

TEST_CASE("hand-checked results through generated code", "[jit]") {
    if (!cpu_has_avx2()) return;
    // 100 pixels: 3 steps of 32 and an overlapping last step; mirror at both edges.
    const Frame x = make_frame("gray8", 100, 2, [](int, int px, int) { return double(px); });
    const Frame avg = run_engine("x[-1,0]:m x x[1,0]:m + + 3 /", {x}, "grays", expr::Boundary::Clamp, true, 1);
    CHECK(sample(avg, 0, 0, 0) == Approx(1.0 / 3.0));  // (0 + 0 + 1) / 3: edge-inclusive mirror
    CHECK(sample(avg, 0, 50, 1) == 50.0f);
    CHECK(sample(avg, 0, 99, 0) == Approx(296.0 / 3.0));  // 98 + 99 + 99
    const Frame half = run_engine("x 0.5 * 0.25 +", {x}, "gray8", expr::Boundary::Clamp, true, 1);
    CHECK(sample(half, 0, 1, 0) == 1);   // 0.75
    CHECK(sample(half, 0, 3, 0) == 2);   // 1.75
    const Frame even = run_engine("x 0.5 *", {x}, "gray8", expr::Boundary::Clamp, true, 1);
    CHECK(sample(even, 0, 1, 0) == 0);   // 0.5 -> 0: half to even
    CHECK(sample(even, 0, 3, 0) == 2);   // 1.5 -> 2
    CHECK(sample(even, 0, 5, 0) == 2);   // 2.5 -> 2
    const Frame xs = run_engine("X Y 1000 * +", {x}, "gray16", expr::Boundary::Clamp, true, 1);
    for (int px : {0, 31, 32, 63, 64, 95, 96, 99}) CHECK(sample(xs, 0, px, 1) == 1000 + px);
    const Frame clipped = run_engine("x 50 > x 4 * 100 - 0 0 / ?", {x}, "gray8", expr::Boundary::Clamp, true, 1);
    CHECK(sample(clipped, 0, 10, 0) == 0);    // NaN -> 0
    CHECK(sample(clipped, 0, 51, 0) == 104);
    CHECK(sample(clipped, 0, 99, 0) == 255);  // 296 clamped
}

TEST_CASE("inline sin, cos, exp and log: the interpreter's bits, special values included", "[jit]") {
    if (!cpu_has_avx2()) return;
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> special = {0.0f,   -0.0f,        inf,    -inf,    std::numeric_limits<float>::quiet_NaN(),
                                        1e-40f, -1e-40f,      3.14159265f, -1.5707964f, 1e5f, -8e6f, 1e10f, 6.2831855f,
                                        88.72f, 88.7228394f,  88.73f, -86.0f, -87.0f, -103.9f, -104.0f, 1.17549435e-38f,
                                        0.70710677f, 2.0f, -1.0f};
    std::mt19937 rng(77);
    std::uniform_real_distribution<float> wide(-2000.0f, 2000.0f);
    Frame x = make_frame("grays", 96, 2, [&](int, int px, int) {
        return px < int(special.size()) ? double(special[std::size_t(px)]) : double(wide(rng));
    });
    for (const char* program : {"x sin", "x cos", "x sin x cos *", "x cos x sin - x 2 * sin +", "x 0.001 * sin 1 x cos + *",
                                "x exp", "x log", "x 0.01 * exp x abs log +", "x log exp", "x sin exp x cos log *"}) {
        INFO(program);
        int planes = 0;
        const Frame want = run_engine(program, {x}, "grays", expr::Boundary::Clamp, false, 1);
        const Frame got = run_engine(program, {x}, "grays", expr::Boundary::Clamp, true, 1, &planes);
        CHECK(planes == 1);
        for (int y = 0; y < 2; ++y) CHECK(std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) == 0);
    }
    // Values at zero: sin(±0) = 0 (+0 for both: the polynomial's P r^3 + r is +0 for r =
    // -0, where C gives -0), sin of a subnormal is itself, cos(±0) = 1.
    for (bool jit : {false, true}) {
        INFO("generated code " << jit);
        const Frame s = run_engine("x sin", {x}, "grays", expr::Boundary::Clamp, jit, 1);
        const Frame c = run_engine("x cos", {x}, "grays", expr::Boundary::Clamp, jit, 1);
        CHECK((sample(s, 0, 0, 0) == 0.0 && !std::signbit(sample(s, 0, 0, 0))));
        CHECK(sample(s, 0, 1, 0) == 0.0);
        CHECK(float(sample(s, 0, 5, 0)) == 1e-40f);
        CHECK(float(sample(s, 0, 6, 0)) == -1e-40f);
        CHECK(sample(c, 0, 0, 0) == 1.0);
        CHECK(sample(c, 0, 1, 0) == 1.0);
    }
}

TEST_CASE("inline sin and cos, alone and as a pair: the interpreter's bits over a sweep of binary32", "[jit]") {
    // The generated code writes sincos_result's selects as bit masks (swap and sign,
    // jit/float_transcendental.cpp): every 4093rd bit pattern (all signs, exponents, NaNs,
    // infinities) and each ulp around the limit of reduction (|x 2/pi| = 2^22, x near
    // 6588397.5, where k's rounding steps from 1 to 2 and q is no longer k mod 4).  A select on
    // the sign reads sin in half the lanes and cos in the other, with both computed at once.
    if (!cpu_has_avx2()) return;
    std::vector<float> values;
    for (std::uint64_t b = 0; b < (std::uint64_t(1) << 32); b += 4093) values.push_back(std::bit_cast<float>(std::uint32_t(b)));
    const float limit = 4194304.0f / 0.636619772367581343f;
    for (float sign : {1.0f, -1.0f}) {
        float v = sign * limit;
        for (int k = 0; k < 3000; ++k) v = std::nextafter(v, 0.0f);
        for (int k = 0; k < 6000; ++k, v = std::nextafter(v, sign * INFINITY)) values.push_back(v);
    }
    constexpr int width = 1024;
    const int height = int((values.size() + width - 1) / width);
    Frame x = make_frame("grays", width, height, [&](int, int px, int py) {
        const std::size_t i = std::size_t(py) * width + std::size_t(px);
        return double(values[i < values.size() ? i : 0]);
    });
    for (const char* program : {"x sin", "x cos", "x 0 >= x sin x cos ?", "x 0 >= x cos x sin ?", "x sin x cos -"}) {
        INFO(program);
        int planes = 0;
        const Frame want = run_engine(program, {x}, "grays", expr::Boundary::Clamp, false, 1);
        const Frame got = run_engine(program, {x}, "grays", expr::Boundary::Clamp, true, 1, &planes);
        CHECK(planes == 1);
        int differing_rows = 0;
        for (int y = 0; y < height; ++y)
            differing_rows += std::memcmp(got.plane(0).row(y), want.plane(0).row(y), want.plane(0).row_bytes()) != 0;
        CHECK(differing_rows == 0);
    }
}

TEST_CASE("evaluation order: the most demanding argument first", "[jit]") {
    expr::ParseOptions o;
    o.clips = 1;
    // a + (b + (c + ...)): nine loads at once in stack order, two or three live at a time here.
    const expr::Expr box = expr::optimize(expr::parse(
        "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x[0,0] x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + + 9 /", o));
    const pixel::expr::jit::Schedule s = pixel::expr::jit::schedule(box, 14);
    CHECK(s.max_live <= 3);
    CHECK(s.unroll == 4);
    CHECK(s.order.size() == 9 + 8 + 1);  // the constant 9 is not computed per pixel
    for (std::size_t p = 0; p < s.order.size(); ++p)
        for (expr::NodeId a : box.node(s.order[p]).args)
            if (!pixel::expr::jit::is_row_invariant(box.node(a).op)) CHECK(s.position[a] < int(p));
    // Eight values that must all be live at once: only one vector per iteration fits.
    const expr::Expr wide = expr::optimize(expr::parse(
        "x[1,0] x[2,0] * x[3,0] x[4,0] * x[5,0] x[6,0] * x[7,0] x[8,0] * x[1,0] x[2,0] + x[3,0] x[4,0] + "
        "x[5,0] x[6,0] + x[7,0] x[8,0] + sort8 drop7",
        o));
    CHECK(pixel::expr::jit::schedule(wide, 14).max_live >= 8);
}
