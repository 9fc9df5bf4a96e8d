// ceil and sgn (ir.hpp): the definition, the same bits from the interpreter and generated
// code, the lowering the analysis uses (lower_extensions) equal bit for bit, infix, and
// the akarin switch that refuses them.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/lower_extensions.hpp"
#include "filters/expr/parser.hpp"
#include "filters/expr/scalar.hpp"
#include "pixel/expr/math_kernels.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;

namespace {

float apply1(expr::Op op, float v) {
    expr::Node n;
    n.op = op;
    const float a[] = {v};
    return expr::apply_scalar(n, a);
}

// Values where rounding up and the sign have their edges, then random floats of every size.
std::vector<float> test_values() {
    const float inf = std::numeric_limits<float>::infinity();
    std::vector<float> v = {0.0f, -0.0f, 0.5f, -0.5f, 1.0f, -1.0f, 1.5f, -1.5f, 2.5f, -2.5f, 0.49999997f,
                            -0.99999994f, 8388607.5f, -8388607.5f, 8388608.0f, 16777217.0f, 1e-45f, -1e-45f,
                            1e38f, -1e38f, inf, -inf, std::nanf(""), 254.99998f, 255.00002f};
    std::mt19937 rng(13);
    for (int i = 0; i < 4000; ++i) {
        float f = std::bit_cast<float>(std::uint32_t(rng()));
        if (std::isnan(f)) continue;
        v.push_back(f);
        v.push_back(float(std::uniform_real_distribution<double>(-300, 300)(rng)));
    }
    return v;
}

// Evaluates a graph on one value of x (scalar.hpp for every node).
float evaluate(const expr::Expr& e, float x) {
    std::vector<float> value(e.size());
    std::vector<float> args;
    for (expr::NodeId i = 0; i < e.size(); ++i) {
        const expr::Node& n = e.node(i);
        if (n.op == expr::Op::Constant) value[i] = n.value;
        else if (n.op == expr::Op::Load) value[i] = x;
        else {
            args.clear();
            for (expr::NodeId a : n.args) args.push_back(value[a]);
            value[i] = expr::apply_scalar(n, args);
        }
    }
    return value[e.root()];
}

}  // namespace

TEST_CASE("ceil and sgn: the definition in ir.hpp", "[expr]") {
    using expr::Op;
    CHECK(apply1(Op::Ceil, 0.5f) == 1);
    CHECK(apply1(Op::Ceil, 2.0f) == 2);
    CHECK(apply1(Op::Ceil, -2.5f) == -2);
    CHECK(bits(apply1(Op::Ceil, -0.5f)) == bits(-0.0f));  // as C ceilf
    CHECK(apply1(Op::Ceil, 1e-45f) == 1);
    CHECK(std::isnan(apply1(Op::Ceil, std::nanf(""))));
    CHECK(apply1(Op::Sign, 3.0f) == 1);
    CHECK(apply1(Op::Sign, -1e-45f) == -1);
    CHECK(apply1(Op::Sign, -std::numeric_limits<float>::infinity()) == -1);
    for (float zero_like : {0.0f, -0.0f, std::nanf("")}) CHECK(bits(apply1(Op::Sign, zero_like)) == bits(0.0f));
}

TEST_CASE("ceil and sgn: interpreter and generated code give the definition's bits", "[expr]") {
    const std::vector<float> values = test_values();
    const int w = 70, h = int((values.size() + w - 1) / w);
    const Frame in = make_frame("grays", w, h, [&](int, int x, int y) {
        const std::size_t k = std::size_t(y * w + x);
        return double(k < values.size() ? values[k] : 0.0f);
    });
    for (const char* program : {"x ceil", "x sgn", "x 0.5 * ceil x sgn *", "x ceil sgn x -0.25 + ceil +"}) {
        INFO(program);
        const expr::Expr e = expr::parse(program);
        for (bool jit : {false, true}) {
            INFO((jit ? "generated code" : "interpreter"));
            pixel::expr::ExprSettings s;
            s.expressions = {program};
            s.jit = jit;
            s.lookup_tables = false;  // the evaluators themselves, not a table
            const std::vector<pixel::VideoFormat> formats = {in.format()};
            pixel::expr::ExprFilter filter(s, formats, w, h);
            if (jit && pixel::expr::cpu_has_avx2_fma()) CHECK(filter.jit_planes() == 1);
            const Frame* inputs[] = {&in};
            Frame out;
            filter.process(inputs, 0, out);
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    const float v = float(sample(in, 0, x, y));
                    const float want = evaluate(e, v), got = float(sample(out, 0, x, y));
                    INFO("x = " << v);
                    if (std::isnan(want)) REQUIRE(std::isnan(got));
                    else REQUIRE(bits(got) == bits(want));
                }
        }
    }
}

TEST_CASE("ceil and sgn lowered to core operations: the same bits (what the analysis sees)", "[expr]") {
    for (const char* program : {"x ceil", "x sgn", "x ceil sgn 3 * x sgn ceil +"}) {
        const expr::Expr e = expr::parse(program);
        const expr::Expr lowered = expr::lower_extensions(e);
        INFO(program << " -> " << expr::to_postfix(lowered));
        CHECK_FALSE(lowered.uses(expr::Op::Ceil));
        CHECK_FALSE(lowered.uses(expr::Op::Sign));
        for (float v : test_values()) {
            const float want = evaluate(e, v), got = evaluate(lowered, v);
            INFO("x = " << v);
            if (std::isnan(want)) REQUIRE(std::isnan(got));
            else REQUIRE(bits(got) == bits(want));
        }
    }
    CHECK(expr::to_postfix(expr::lower_extensions(expr::parse("x ceil"))) == "-1 -1 x * floor *");
    CHECK(expr::to_postfix(expr::lower_extensions(expr::parse("x sgn"))) == "x 0 > x 0 < -");
}

TEST_CASE("ceil and sgn in infix and the akarin switch that refuses rigor extensions", "[expr]") {
    CHECK(expr::to_postfix(expr::parse_infix("ceil(x / 2) + sgn(y - 128)")) == "x 2 / ceil y 128 - sgn +");
    CHECK(expr::to_infix(expr::parse("x ceil y sgn +")) == "ceil(x) + sgn(y)");
    expr::ParseOptions akarin;
    akarin.akarin = true;
    CHECK_THROWS_WITH(expr::parse("x 2 / ceil", akarin),
                      "'ceil' is a rigor extension that akarin.Expr does not have (refused in akarin mode) "
                      "(token 4, column 7)");
    CHECK_THROWS_WITH(expr::parse("x sgn", akarin), Catch::Contains("'sgn' is a rigor extension"));
    CHECK_THROWS_WITH(expr::parse("x y argmin2", akarin), Catch::Contains("'argmin2' is a rigor extension"));
    CHECK_THROWS_WITH(expr::parse("x y z argsort3 + +", akarin), Catch::Contains("'argsort3' is a rigor extension"));
    // akarin has everything else, and argminN ... in Select.
    CHECK_NOTHROW(expr::parse("x y max 0.5 ** x[1,0]:m + a! a@ 3 1 2 sort3 drop2 + x.Prop trunc +", akarin));
    akarin.pixels = false;
    CHECK_NOTHROW(expr::parse("x.A y.A argmin2", akarin));
    CHECK_THROWS_WITH(expr::parse("x.A ceil", akarin), Catch::Contains("akarin.Select does not have"));
    CHECK_NOTHROW(expr::parse("x 2 / ceil x sgn +"));  // without the switch: accepted
}
