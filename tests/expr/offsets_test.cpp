// x[dx,dy] at and beyond the plane size (spec, expr-language.md: clamp repeats the edge;
// mirror is edge-inclusive and keeps reflecting for offsets beyond the plane size), e.g.
// x[8,0] on an 8-wide plane, on every path: the block interpreter, generated float code
// and generated fixed-point code, against a reference that reflects step by step.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "pixel/expr/math_kernels.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;

namespace {

// The index read for i on a line of n samples: reflections one at a time at the edges
// (-1 -> 0, n -> n-1), not the modulo formula the engine uses.
int reference_index(int i, int n, bool mirror) {
    if (!mirror) return std::clamp(i, 0, n - 1);
    while (i < 0 || i >= n) i = i < 0 ? -1 - i : 2 * n - 1 - i;
    return i;
}

Frame run_on(const std::string& program, const Frame& in, const std::string& format, bool jit, int* jit_planes,
             int* fixed_planes) {
    pixel::expr::ExprSettings s;
    s.expressions = {program};
    s.output_format = pixel::parse_format_name(format);
    s.jit = jit;
    const std::vector<pixel::VideoFormat> formats = {in.format()};
    pixel::expr::ExprFilter filter(s, formats, in.width(), in.height());
    *jit_planes += filter.jit_planes();
    *fixed_planes += filter.fixed_point_planes();
    const Frame* inputs[] = {&in};
    Frame out;
    filter.process(inputs, 0, out);
    return out;
}

}  // namespace

TEST_CASE("relative pixels x(dx,dy) at and beyond the plane size: clamp and mirror on every path", "[expr]") {
    int jit_planes = 0, fixed_planes = 0, checked = 0;
    for (int w : {1, 2, 3, 7, 8, 9, 33, 70}) {
        for (int h : {1, 3, 8}) {
            const Frame in = make_frame("gray8", w, h, [](int, int x, int y) { return (7 * x + 31 * y) % 256; });
            std::vector<int> offsets = {0, 1, -1, w - 1, w, w + 1, -w, -w - 1, 2 * w, 2 * w + 1, -2 * w, 3 * w - 2, 17};
            for (int dx : offsets) {
                for (int dy : {0, h, -h - 1, 2 * h + 1, 1}) {
                    for (bool mirror : {false, true}) {
                        const std::string load = "x[" + std::to_string(dx) + "," + std::to_string(dy) + "]" +
                                                 (mirror ? ":m" : ":c");
                        // 2 * v to a 16-bit plane: fixed point; 0.5 * v to float: float code.
                        for (const auto& [program, format, scale] :
                             {std::tuple{load + " 2 *", std::string("gray16"), 2.0},
                              std::tuple{load + " 0.5 *", std::string("grays"), 0.5}}) {
                            INFO(program << " -> " << format << " on " << w << "x" << h);
                            for (bool jit : {false, true}) {
                                INFO((jit ? "generated code" : "interpreter"));
                                const Frame out = run_on(program, in, format, jit, &jit_planes, &fixed_planes);
                                for (int y = 0; y < h; ++y)
                                    for (int x = 0; x < w; ++x) {
                                        const int rx = reference_index(x + dx, w, mirror);
                                        const int ry = reference_index(y + dy, h, mirror);
                                        REQUIRE(sample(out, 0, x, y) == scale * sample(in, 0, rx, ry));
                                        ++checked;
                                    }
                            }
                        }
                    }
                }
            }
        }
    }
    // Both kinds of generated code were made (where the CPU has AVX2 + FMA).
    if (pixel::expr::cpu_has_avx2_fma()) {
        CHECK(jit_planes > 0);
        CHECK(fixed_planes > 0);
    }
    CHECK(checked > 100000);
}

TEST_CASE("relative pixel x(8,0) on an 8-wide plane: the spec's values", "[expr]") {
    // Columns 0..7 hold 10..17.  Clamp: every pixel reads column 7.  Mirror: X + 8 reads
    // column 15 - X - 8 = 7 - X (reflected once at the right edge).
    const Frame in = make_frame("gray8", 8, 1, [](int, int x, int) { return 10 + x; });
    for (bool jit : {false, true}) {
        int j = 0, f = 0;
        const Frame c = run_on("x[8,0]:c 1 *", in, "grays", jit, &j, &f);
        const Frame m = run_on("x[8,0]:m 1 *", in, "grays", jit, &j, &f);
        for (int x = 0; x < 8; ++x) {
            CHECK(sample(c, 0, x, 0) == 17);
            CHECK(sample(m, 0, x, 0) == 17 - x);
        }
    }
}
