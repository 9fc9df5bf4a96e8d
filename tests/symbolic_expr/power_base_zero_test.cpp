// pow with a base range reaching 0 (a gamma curve x^2.2 on [0, 1]): the engine's pow(0,
// b > 0) is exp(b log 0) = exp(-inf) = 0, so the set is [0, 1] with no NaN and the
// rounding error is bounded; checked against the engine's kernel and a long double
// reference on every 8-bit input and 10^5 random floats, the bound within 2x of the
// largest difference found.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "filters/expr/parser.hpp"
#include "pixel/expr/math_kernels.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/number_text.hpp"

using namespace rigor;

TEST_CASE("pow of a base range reaching 0 is bounded with no NaN", "[symbolic_expr][power]") {
    static const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    symbolic::expr::InputRanges r;
    r["x"] = {symbolic::expr::Bound::of(0), symbolic::expr::Bound::of(255)};
    symbolic::expr::EngineSetup setup;
    setup.probe = &probe;
    setup.inputs = symbolic::expr::ClipFormats{{}, {true, 32}};
    const symbolic::expr::Analysis a = symbolic::expr::analyse(expr::parse("x 255 / 2.2 pow"), r, {"grays", true, 32}, setup);
    REQUIRE(a.running.evaluated);
    REQUIRE_FALSE(a.running.exhaustive);
    const auto& side = a.running.enclosed.binary32;
    CHECK(side.lo.bound == 0);
    CHECK(side.lo.exact());
    CHECK(side.hi.bound == 1);
    CHECK_FALSE(side.nan_possible);
    const symbolic::expr::RoundingError& e = a.running.error;
    REQUIRE(e.bounded);
    // The engine against long double at every 8-bit value and random floats.
    const pixel::expr::MathKernels& k = pixel::expr::math_kernels();
    const float b = 2.2f;
    double worst = 0;
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(0, 255);
    for (int i = 0; i < 100256; ++i) {
        const float x = i < 256 ? float(i) : u(rng);
        const float base = x / 255.0f;
        float v = 0;
        k.pow(&base, &b, &v, 1);
        const long double real = std::pow((long double)x / 255.0L, 2.2L);  // the constant at its decimal
        const double d = double(std::fabs((long double)v - real));
        CHECK(d <= e.bound);
        worst = std::max(worst, d);
    }
    CHECK(e.bound <= 2 * std::max(worst, e.reached));
}
