// The range of the program as it runs (symbolic/expr/running_range.hpp) against an
// independent brute force: every input evaluated with ir.hpp's plain scalar semantics
// (filters/expr/scalar.hpp, this file built without contraction) and stored as
// pixel/expr/convert.hpp says (clamp to [0, top], NaN -> 0, round half to even).  The
// issue's counterexample and ten programs like it, whose binary32 results leave their
// real-arithmetic ones: the report calls exact only what the engine writes.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

#include "filters/expr/parser.hpp"
#include "filters/expr/point_program.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/number_text.hpp"
#include "tests/symbolic_expr/scalar_oracle.hpp"

using namespace rigor;
using test::node_values;
using test::scalar_value;

namespace {

symbolic::expr::Interval range(const std::string& lo, const std::string& hi) {
    return {symbolic::expr::Bound::of(symbolic::expr::parse_rational(lo)),
            symbolic::expr::Bound::of(symbolic::expr::parse_rational(hi))};
}

float store(float v, const symbolic::expr::OutputFormat& f) {
    if (f.is_float) return v;
    const float top = float((1 << f.bits) - 1);
    if (std::isnan(v)) return 0;
    return std::nearbyint(std::min(std::max(v, 0.0f), top));
}

struct Brute {
    float lo = INFINITY, hi = -INFINITY, blo = INFINITY, bhi = -INFINITY;
    long nan = 0, points = 0;
};

// Every integer input of `clips` clips, each lo..hi.
Brute brute_force(const std::string& program, int clips, int lo, int hi, const symbolic::expr::OutputFormat& f) {
    const expr::PointProgram p = expr::point_program(expr::parse(program));
    Brute b;
    std::vector<float> in(static_cast<std::size_t>(clips), static_cast<float>(lo));
    for (;;) {
        const float r = scalar_value(p.program, in), s = store(r, f);
        ++b.points;
        if (std::isnan(r)) ++b.nan;
        else b.blo = std::min(b.blo, r), b.bhi = std::max(b.bhi, r);
        b.lo = std::min(b.lo, s), b.hi = std::max(b.hi, s);
        std::size_t k = 0;
        while (k < in.size() && ++in[k] > float(hi)) in[k] = float(lo), ++k;
        if (k == in.size()) break;
    }
    return b;
}

struct Case {
    std::string program;
    symbolic::expr::OutputFormat format;
    int clips, lo, hi;
};

const symbolic::expr::OutputFormat kGray8{"gray8", false, 8}, kFloat{"grays", true, 32};
symbolic::expr::OutputFormat kGray16() { return {"gray16", false, 16}; }

symbolic::expr::Analysis analyse(const Case& c) {
    static const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    symbolic::expr::InputRanges r;
    const std::string names = "xyz";
    for (int k = 0; k < c.clips; ++k) r[std::string(1, names[std::size_t(k)])] = range(std::to_string(c.lo), std::to_string(c.hi));
    symbolic::expr::EngineSetup setup;
    setup.probe = &probe;
    setup.inputs = symbolic::expr::ClipFormats{{}, {false, 8}};
    return symbolic::expr::analyse(expr::parse(c.program), r, c.format, setup);
}

// The line of the text report that starts with `label`.
std::string line_of(const std::string& text, const std::string& label) {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (l.rfind(label, 0) == 0) return l;
    return "";
}

void check_against_brute_force(const Case& c) {
    INFO("program " << c.program << " on " << c.format.name);
    const symbolic::expr::Analysis a = analyse(c);
    const Brute b = brute_force(c.program, c.clips, c.lo, c.hi, c.format);
    REQUIRE(a.running.evaluated);
    const auto& st = a.running.range.stored;
    const auto& bi = a.running.range.binary32;
    CHECK(a.running.range.points == std::uint64_t(b.points));
    CHECK(st.lo == b.lo);
    CHECK(st.hi == b.hi);
    CHECK(bi.lo == b.blo);
    CHECK(bi.hi == b.bhi);
    CHECK(bi.nan_points == std::uint64_t(b.nan));
    // The inputs reported reach the bounds.
    const expr::PointProgram p = expr::point_program(expr::parse(c.program));
    CHECK(store(scalar_value(p.program, st.lo_at), c.format) == st.lo);
    CHECK(store(scalar_value(p.program, st.hi_at), c.format) == st.hi);
    // The real range is the algebra's, reached in real arithmetic, and not what runs.
    CHECK(a.minimum.attains_bound);
    CHECK(a.maximum.attains_bound);
    const double real_lo = symbolic::expr::to_double(a.range.lo), real_hi = symbolic::expr::to_double(a.range.hi);
    CHECK((real_lo != double(st.lo) || real_hi != double(st.hi)));
    // The text calls the engine's bounds exact and never the algebra's.
    const std::string text = symbolic::expr::to_text(a);
    CHECK(line_of(text, "range:").find("min exact, max exact") != std::string::npos);
    CHECK(line_of(text, "real range:").find("exact") == std::string::npos);
    CHECK(line_of(text, "real range:").find("min attained, max attained") != std::string::npos);
}

}  // namespace

TEST_CASE("the issue's counterexample: 255 in real arithmetic, 0 for 37 inputs on the engine", "[symbolic_expr][running]") {
    const Case c{"x 0.1 * 10 * x = 255 *", kGray8, 1, 0, 255};
    const symbolic::expr::Analysis a = analyse(c);
    CHECK(symbolic::expr::to_string(a.range.lo) == "255");  // the algebra: 255 * (x == x)
    CHECK(symbolic::expr::to_string(a.range.hi) == "255");
    REQUIRE(a.running.evaluated);
    CHECK(a.running.range.stored.lo == 0);
    CHECK(a.running.range.stored.hi == 255);
    CHECK(a.running.range.stored.lo_at == std::vector<float>{13});  // the first x the engine writes 0 for
    const expr::PointProgram p = expr::point_program(expr::parse(c.program));
    int zeros = 0;
    for (int x = 0; x < 256; ++x) zeros += scalar_value(p.program, {float(x)}) == 0;
    CHECK(zeros == 37);
    const nlohmann::ordered_json j = symbolic::expr::to_json(a);
    CHECK(j["range"]["method"] == "exhaustive");
    CHECK(j["range"]["stored"]["min"] == "0");
    CHECK(j["range"]["stored"]["min_at"]["x"] == "13");
    CHECK(j["range"]["exact_min"] == true);
    CHECK(j["algebra_range"]["min"] == "255");
    CHECK(j["algebra_range"]["attained_min"] == true);
    CHECK(j.dump().find("\"exact_min\":true") == j.dump().rfind("\"exact_min\":true"));  // only the engine's
    check_against_brute_force(c);
}

TEST_CASE("ten more programs whose binary32 results leave the real ones", "[symbolic_expr][running]") {
    const std::vector<Case> cases = {
        {"x 7 / 7 * x = 255 *", kGray8, 1, 0, 255},
        {"x 1 3 / * 3 * x - 1e6 * 128 +", kGray8, 1, 0, 255},
        {"x 16777216 + 16777216 - x - 100 * 128 +", kGray8, 1, 0, 255},
        {"x 0.3 * 3 / x 0.1 * - 1e9 * 128 +", kGray8, 1, 0, 255},
        {"x 0.2 * 0.1 x * + x 0.3 * = 255 *", kGray8, 1, 0, 255},
        {"x 0.1 + 0.1 - x - 1e9 *", kFloat, 1, 0, 255},
        {"x 1.1 * 1.1 / x - 1e7 *", kFloat, 1, 0, 255},
        {"x y + 0.1 * x 0.1 * y 0.1 * + - 1e7 *", kFloat, 2, 0, 255},
        {"x 0.3 * y 0.3 * + x y + 0.3 * - 1e7 * 128 +", kGray8, 2, 0, 255},
        {"x 0.1 * y 0.1 * + 10 * x - y - 1e5 * 128 +", kGray8, 2, 0, 255},
    };
    for (const Case& c : cases) check_against_brute_force(c);
}

TEST_CASE("without an engine nothing is called exact, many inputs get the enclosure", "[symbolic_expr][running]") {
    symbolic::expr::InputRanges r;
    r["x"] = r["y"] = r["z"] = r["a"] = range("0", "255");
    const symbolic::expr::Analysis none = symbolic::expr::analyse(expr::parse("x 0.1 * 10 *"), r, kGray8);
    CHECK_FALSE(none.running.evaluated);
    const std::string text = symbolic::expr::to_text(none);
    INFO(text);
    CHECK(text.find("exact") == std::string::npos);
    CHECK(line_of(text, "range:").find("not established") != std::string::npos);
    CHECK(symbolic::expr::to_json(none)["range"]["evaluated"] == false);
    // Four 8-bit clips: 2^32 joint inputs, beyond the exhaustive limit: an integer sum,
    // which the enclosure bounds exactly and the engine reaches at the corners.
    const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    symbolic::expr::EngineSetup setup;
    setup.probe = &probe;
    const symbolic::expr::Analysis big = symbolic::expr::analyse(expr::parse("x y + z + a +"), r, kGray16(), setup);
    REQUIRE(big.running.evaluated);
    CHECK_FALSE(big.running.exhaustive);
    CHECK(big.running.domains.size() == 4);
    CHECK(big.running.enclosed.stored.lo.bound == 0);
    CHECK(big.running.enclosed.stored.hi.bound == 1020);
    CHECK(big.running.enclosed.stored.lo.exact());
    CHECK(big.running.enclosed.stored.hi.exact());
    CHECK(big.running.enclosed.stored.hi.at == std::vector<float>{255, 255, 255, 255});
    CHECK(line_of(symbolic::expr::to_text(big), "range:").find("min exact, max exact") != std::string::npos);
    // Ranges beyond 8-bit samples make the clips binary32 (2^30 values: the enclosure),
    // unless the input format is given, which then is an error.
    r["x"] = range("-1", "1");
    const symbolic::expr::Analysis twice = symbolic::expr::analyse(expr::parse("x 2 *"), r, kGray8, setup);
    CHECK(twice.running.domains.at(0).kind == symbolic::expr::DomainKind::Float);
    CHECK(twice.running.enclosed.stored.lo.bound == 0);
    CHECK(twice.running.enclosed.stored.hi.bound == 2);
    CHECK(twice.running.enclosed.binary32.lo.bound == -2);
    CHECK(twice.running.enclosed.binary32.lo.exact());
    CHECK(twice.clipping.below == "yes");
    setup.inputs = symbolic::expr::ClipFormats{{}, {false, 8}};
    CHECK_THROWS_WITH(symbolic::expr::analyse(expr::parse("x 2 *"), r, kGray8, setup), Catch::Contains("beyond 8-bit"));
}
