// The infix parser's logic operators and signs (filters/expr/infix_parser.hpp): && || !
// and a leading unary minus, as postfix text and as values on the engine.
#include <catch2/catch.hpp>

#include <string>

#include "filters/base/error.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/ir_text.hpp"
#include "tests/expr/expr_test_util.hpp"

using namespace rigor;
using namespace rigor::test_expr;

namespace {
std::string postfix(const std::string& infix) { return expr::to_postfix(expr::parse_infix(infix)); }
}  // namespace

TEST_CASE("infix && || ! and a leading minus", "[expr]") {
    CHECK(postfix("x && y") == "x y and");
    CHECK(postfix("x || y && z") == "x y z and or");        // && binds tighter than ||
    CHECK(postfix("x > 1 && y < 2") == "x 1 > y 2 < and");  // comparisons tighter than both
    CHECK(postfix("x || y ? 1 : 2") == "x y or 1 2 ?");     // both tighter than ?:
    CHECK(postfix("!x") == "x not");
    CHECK(postfix("!!x") == "x not not");
    CHECK(postfix("!(x > 3) && x != 1") == "x 3 > not x 1 = not and");
    CHECK(postfix("! x || y") == "x not y or");  // ! is unary: binds tighter than ||
    CHECK(postfix("-x + 1") == "0 x - 1 +");
    CHECK(postfix("-x * 2") == "0 x - 2 *");
    CHECK(postfix("-(x)") == "0 x -");
    CHECK(postfix("-5 * x") == "-5 x *");
    CHECK(postfix("x - -y") == "x 0 y - -");
    CHECK_THROWS_AS(expr::parse_infix("x &&"), UserError);
    CHECK_THROWS_AS(expr::parse_infix("x & y"), UserError);
    CHECK_THROWS_AS(expr::parse_infix("!"), UserError);
    // Values: truth is > 0, results 0 or 1, both sides evaluated; !a = (a <= 0), so !nan = 0.
    const struct {
        const char* infix;
        double value;
    } cases[] = {{"2 && 0.5", 1}, {"2 && 0", 0}, {"-1 || 0", 0}, {"-1 || 3", 1}, {"!0", 1},
                 {"!-2", 1},      {"!0.25", 0},  {"!nan", 0},     {"nan && 1", 0}, {"-(2 - 5)", 3}};
    for (const auto& c : cases) {
        INFO(c.infix);
        CHECK(eval_scalar(postfix(c.infix)) == c.value);
    }
}
