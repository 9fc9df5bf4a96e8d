// `analyse` of programs with tan, asin, acos, atan, atan2: on 8-bit inputs (one and two
// clips) the running range equals an independent brute force through the engine's
// kernels; on float inputs (the enclosure) 10^5 random inputs never leave it; asin/acos
// outside [-1, 1] are domain hazards with a witness and the brute-force count; the
// algebra shows the functions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "filters/expr/parser.hpp"
#include "filters/expr/point_program.hpp"
#include "filters/expr/scalar.hpp"
#include "pixel/expr/math_kernels.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/number_text.hpp"

using namespace rigor;
using symbolic::expr::HazardKind;
using symbolic::expr::HazardStatus;

namespace {

// A point program at one input, every node as the engine computes it: the math kernels
// for the approximated functions, ir.hpp's scalar semantics for the rest.
float engine_value(const expr::Expr& p, const std::vector<float>& in) {
    const pixel::expr::MathKernels& k = pixel::expr::math_kernels();
    std::vector<float> v(p.size());
    for (expr::NodeId id = 0; id < p.size(); ++id) {
        const expr::Node& n = p.node(id);
        auto a = [&](std::size_t i) { return v[n.args[i]]; };
        float r = 0, x = n.args.empty() ? 0.0f : a(0), y = n.args.size() > 1 ? a(1) : 0.0f;
        switch (n.op) {
            case expr::Op::Constant: r = n.value; break;
            case expr::Op::Load: r = in.at(std::size_t(n.clip)); break;
            case expr::Op::Exp: k.exp(&x, &r, 1); break;
            case expr::Op::Log: k.log(&x, &r, 1); break;
            case expr::Op::Sin: k.sin(&x, &r, 1); break;
            case expr::Op::Cos: k.cos(&x, &r, 1); break;
            case expr::Op::Pow: k.pow(&x, &y, &r, 1); break;
            case expr::Op::Tan: k.tan(&x, &r, 1); break;
            case expr::Op::Asin: k.asin(&x, &r, 1); break;
            case expr::Op::Acos: k.acos(&x, &r, 1); break;
            case expr::Op::Atan: k.atan(&x, &r, 1); break;
            case expr::Op::Atan2: k.atan2(&x, &y, &r, 1); break;
            default: {
                std::vector<float> args;
                for (expr::NodeId i : n.args) args.push_back(v[i]);
                r = expr::apply_scalar(n, args);
            }
        }
        v[id] = r;
    }
    return v[p.root()];
}

symbolic::expr::Analysis analyse(const std::string& program, int clips, const std::string& lo, const std::string& hi,
                                 expr::SampleStorage inputs) {
    static const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    symbolic::expr::InputRanges r;
    for (int c = 0; c < clips; ++c)
        r[std::string(1, "xy"[c])] = {symbolic::expr::Bound::of(symbolic::expr::parse_rational(lo)),
                                      symbolic::expr::Bound::of(symbolic::expr::parse_rational(hi))};
    symbolic::expr::EngineSetup setup;
    setup.probe = &probe;
    setup.inputs = symbolic::expr::ClipFormats{{}, inputs};
    return symbolic::expr::analyse(expr::parse(program), r, {"grays", true, 32}, setup);
}

}  // namespace

TEST_CASE("trig programs on 8-bit inputs: the range is the engine's exhaustive minimum and maximum", "[symbolic_expr][trig]") {
    const std::vector<std::pair<std::string, int>> cases = {
        {"x 128 - 40 / atan", 1},          {"x 255 / asin x 255 / acos +", 1}, {"x 128 - 127.5 / asin", 1},
        {"x 200 / tan", 1},                {"x 255 / 1.5 * tan 10 *", 1},      {"y 128 - x 128 - atan2", 2},
        {"x y atan2 y x atan2 -", 2},      {"x 128 - y 128 - atan2 tan atan", 2},
    };
    for (const auto& [program, clips] : cases) {
        INFO(program);
        const symbolic::expr::Analysis a = analyse(program, clips, "0", "255", {false, 8});
        REQUIRE(a.running.evaluated);
        REQUIRE(a.running.exhaustive);
        const expr::PointProgram p = expr::point_program(expr::parse(program));
        float lo = INFINITY, hi = -INFINITY;
        std::uint64_t nan = 0, points = 0;
        for (int y = 0; y < (clips == 2 ? 256 : 1); ++y)
            for (int x = 0; x < 256; ++x) {
                const float v = engine_value(p.program, clips == 2 ? std::vector<float>{float(x), float(y)} : std::vector<float>{float(x)});
                ++points;
                if (std::isnan(v)) ++nan;
                else lo = std::min(lo, v), hi = std::max(hi, v);
            }
        CHECK(a.running.range.points == points);
        CHECK(a.running.range.binary32.lo == lo);
        CHECK(a.running.range.binary32.hi == hi);
        CHECK(a.running.range.binary32.nan_points == nan);
    }
}

TEST_CASE("trig programs on float inputs: random inputs never leave the enclosure", "[symbolic_expr][trig]") {
    const std::vector<std::pair<std::string, int>> cases = {
        {"x atan", 1}, {"x 4 / asin", 1}, {"x 0.1 * acos", 1}, {"x tan", 1}, {"x y atan2", 2}, {"y 1 + x atan2 2 *", 2},
    };
    std::mt19937 rng(11);
    for (const auto& [program, clips] : cases) {
        INFO(program);
        const symbolic::expr::Analysis a = analyse(program, clips, "-3", "3", {true, 32});
        REQUIRE(a.running.evaluated);
        REQUIRE_FALSE(a.running.exhaustive);
        const auto& side = a.running.enclosed.binary32;
        const expr::PointProgram p = expr::point_program(expr::parse(program));
        std::uniform_real_distribution<float> u(-3, 3);
        long nan = 0;
        for (int i = 0; i < 100000; ++i) {
            std::vector<float> in;
            for (int c = 0; c < clips; ++c) in.push_back(i < 4 ? (i & (1 << c) ? 3.0f : -3.0f) : u(rng));
            const float v = engine_value(p.program, in);
            if (std::isnan(v)) {
                ++nan;
                continue;
            }
            REQUIRE(side.has_values);
            REQUIRE(v >= side.lo.bound);
            REQUIRE(v <= side.hi.bound);
        }
        if (nan) CHECK(side.nan_possible);
        // The witnesses are engine values inside the bounds.
        if (!side.lo.at.empty()) CHECK(engine_value(p.program, side.lo.at) == side.lo.reached);
        if (!side.hi.at.empty()) CHECK(engine_value(p.program, side.hi.at) == side.hi.reached);
    }
    // Bounds the formulas guarantee: |atan| within the binary32 pi/2, acos in [0, pi].
    const symbolic::expr::Analysis at = analyse("x atan", 1, "-3", "3", {true, 32});
    CHECK(at.running.enclosed.binary32.hi.bound <= 0x1.921fb6p+0f);
    CHECK(at.running.enclosed.binary32.lo.bound >= -0x1.921fb6p+0f);
    CHECK_FALSE(at.running.enclosed.binary32.nan_possible);
}

TEST_CASE("asin and acos outside -1..1: domain hazards witnessed with the count", "[symbolic_expr][trig][hazards]") {
    for (const char* program : {"x 100 / asin", "x 128 - 127 / acos"}) {
        INFO(program);
        const symbolic::expr::Analysis a = analyse(program, 1, "0", "255", {false, 8});
        const symbolic::expr::HazardFinding* found = nullptr;
        for (const auto& f : a.running.hazards.findings)
            if (f.kind == HazardKind::Domain && f.status == HazardStatus::Witnessed) found = &f;
        REQUIRE(found);
        const expr::PointProgram p = expr::point_program(expr::parse(program));
        std::uint64_t outside = 0;
        for (int x = 0; x < 256; ++x) {
            const float arg = std::string(program).find("100") != std::string::npos ? float(x) / 100.0f : (float(x) - 128.0f) / 127.0f;
            outside += std::fabs(arg) > 1;
        }
        CHECK(found->count == outside);
        CHECK(std::isnan(engine_value(p.program, found->at)));
        CHECK(symbolic::expr::to_text(a).find("outside the domain") != std::string::npos);
    }
    CHECK(analyse("x 100 / asin", 1, "0", "255", {false, 8}).running.hazards.findings.size() >= 1);
    // Inside the domain: no domain hazard, proved on the enclosure.
    const symbolic::expr::Analysis safe = analyse("x 255 / asin x 255 / acos +", 1, "0", "255", {false, 8});
    for (const auto& f : safe.running.hazards.findings) CHECK(f.kind != HazardKind::Domain);
}

TEST_CASE("the algebra of the trig functions", "[symbolic_expr][trig]") {
    const symbolic::expr::Analysis a = analyse("y x atan2 x 255 / asin +", 2, "1", "255", {false, 8});
    const std::string text = symbolic::expr::to_text(a);
    INFO(text);
    // GiNaC's term order is its own: look for the calls, not the whole line.
    CHECK(text.find("atan2(y, x)") != std::string::npos);
    CHECK(text.find("asin(") != std::string::npos);
    CHECK(a.derivatives.count("x") == 1);
    CHECK(a.derivatives.count("y") == 1);
    // The real range: atan2 of positive y and x in (0, pi/2), asin of [1/255, 1] in (0, pi/2].
    CHECK(symbolic::expr::to_double(a.range.lo) > 0);
    CHECK(symbolic::expr::to_double(a.range.hi) < 3.1416);
}
