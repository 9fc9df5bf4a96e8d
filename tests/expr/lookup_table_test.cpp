// The lookup-table plan (pixel/expr/lookup_table.hpp): a program whose value depends on
// one integer sample alone is mapped through a table of the engine's own outputs. Here the
// table path equals the plain engine path (generated code or the interpreter) bit for bit
// on planes holding every input value, and programs that read more than one sample, a
// coordinate, the frame number or a property never take the table.
#include <catch2/catch.hpp>

#include <cstring>

#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;

namespace {

struct Runs {
    Frame table, plain;
    int table_planes = 0;
};

// The program on `inputs` with tables allowed and with them refused.
Runs run_both(const std::string& program, const std::vector<Frame>& inputs, const std::string& out_format,
              int threads = 1) {
    std::vector<VideoFormat> formats;
    std::vector<const Frame*> ptrs;
    for (const Frame& f : inputs) formats.push_back(f.format()), ptrs.push_back(&f);
    Runs r;
    for (bool tables : {true, false}) {
        pixel::expr::ExprSettings s;
        s.expressions = {program};
        s.output_format = pixel::parse_format_name(out_format);
        s.threads = threads;
        s.lookup_tables = tables;
        s.missing_properties.otherwise = NAN;
        const pixel::expr::ExprFilter filter(s, formats, inputs.at(0).width(), inputs.at(0).height());
        if (tables) r.table_planes = filter.table_planes();
        else REQUIRE(filter.table_planes() == 0);
        filter.process(ptrs, 3, tables ? r.table : r.plain);
    }
    return r;
}

// Every stored byte of every plane equal (NaN payloads and -0 included).
bool same_bytes(const Frame& a, const Frame& b) {
    if (!(a.format() == b.format()) || a.planes() != b.planes()) return false;
    for (int p = 0; p < a.planes(); ++p) {
        const pixel::Plane& pa = a.plane(p);
        const pixel::Plane& pb = b.plane(p);
        for (int y = 0; y < pa.height(); ++y)
            if (std::memcmp(pa.row(y), pb.row(y), std::size_t(pa.width()) * std::size_t(pa.bytes_per_sample())) != 0)
                return false;
    }
    return true;
}

// A gray plane of `format` whose samples run through 0 .. values - 1 (then repeat), row
// after row: every value appears once the plane has at least `values` pixels.
Frame ramp(const std::string& format, int w, int h, int values) {
    return make_frame(format, w, h, [=](int, int x, int y) { return double((y * w + x) % values); });
}

}  // namespace

TEST_CASE("lookup table: 8-bit programs equal the engine bit for bit into every output format", "[expr][table]") {
    const char* programs[] = {
        "x 255 / 2.2 pow 255 *", "x 255 / 0.4545 pow 255 *", "x 128 >",         "x 100 < 255 0 ?",
        "x 16 235 clamp",        "x 3 %",                    "x log",           "x 128 - log",
        "x 0 /",                 "x 1 + log 0.5 * exp sqrt", "x 2 pow x 3 % +", "x 255 / 2.2 pow",
        "x sin 100 *",           "x x * x - 7 /",            "3",
    };
    for (const char* out : {"gray8", "gray10", "gray16", "grayh", "grays"})
        for (int w : {37, 256, 301})
            for (const char* program : programs) {
                INFO(program << " into " << out << ", width " << w);
                const Frame in = ramp("gray8", w, 1 + 511 / w, 256);
                const Runs r = run_both(program, {in}, out);
                CHECK(r.table_planes == 1);
                CHECK(same_bytes(r.table, r.plain));
            }
}

TEST_CASE("lookup table: two threads, planes too small for a table, and 16-bit input", "[expr][table]") {
    for (const char* program : {"x 255 / 2.2 pow 255 *", "x 3 %", "x 100 > x 2 / x ?", "x log"})
        for (const char* out : {"gray16", "gray8", "grays"}) {
            INFO(program << " into " << out);
            const Runs r = run_both(program, {ramp("gray8", 41, 31, 256)}, out, 2);
            CHECK(r.table_planes == 1);
            CHECK(same_bytes(r.table, r.plain));
            // 15 × 17 = 255 pixels: fewer than the 256 entries, so the engine runs.
            const Runs small = run_both(program, {ramp("gray8", 15, 17, 256)}, out);
            CHECK(small.table_planes == 0);
            CHECK(same_bytes(small.table, small.plain));
        }
    // 16-bit input never takes a table (slower than the engine, lookup_table.hpp).
    for (const char* in : {"gray10", "gray16"}) {
        const Runs r = run_both("x 3 %", {ramp(in, 301, 250, 1024)}, "gray16");
        CHECK(r.table_planes == 0);
        CHECK(same_bytes(r.table, r.plain));
    }
    // 4:2:0, 37 × 17: the luma plane (629 pixels) takes the table, the chroma planes
    // (19 × 9 = 171 < 256) do not.
    const Frame yuv = make_frame("yuv420p8", 37, 17, [](int p, int x, int y) { return double((y * 37 + x + 50 * p) % 256); });
    const Runs split = run_both("x 255 / 2.2 pow 255 *", {yuv}, "yuv420p8");
    CHECK(split.table_planes == 1);
    CHECK(same_bytes(split.table, split.plain));
}

TEST_CASE("lookup table: programs reading more than one sample never take it", "[expr][table]") {
    const Frame a = ramp("gray8", 37, 14, 256);
    const Frame b = make_frame("gray8", 37, 14, [](int, int x, int y) { return double((x * 5 + y * 3) % 256); });
    const Frame f = make_frame("grays", 37, 14, [](int, int x, int y) { return x * 0.25 - y; });
    struct Case {
        const char* program;
        std::vector<Frame> inputs;
    };
    for (const Case& c : {Case{"x[1,0] x + 2 /", {a}}, Case{"x[0,1]", {a}}, Case{"x y + 2 /", {a, b}},
                          Case{"X x +", {a}}, Case{"Y x *", {a}}, Case{"N x +", {a}},
                          Case{"x x.Missing +", {a}}, Case{"x 2 *", {f}}, Case{"x[-1,-1] x[0,-1] x[1,-1] + + 3 /", {a}}}) {
        INFO(c.program);
        const Runs r = run_both(c.program, c.inputs, "gray8");
        CHECK(r.table_planes == 0);
        CHECK(same_bytes(r.table, r.plain));
    }
    // One sample of the second clip alone does take it.
    const Runs second = run_both("y 2 *", {a, ramp("gray8", 37, 14, 256)}, "gray8");
    CHECK(second.table_planes == 1);
    CHECK(same_bytes(second.table, second.plain));
}
