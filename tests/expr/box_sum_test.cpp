// The 3x3 box sum's recognition (pixel/expr/jit/fixed_box_sum.cpp): exactly nine distinct
// loads of one clip and boundary over offsets -1..1, added in any order, with or without
// the root's tail; anything else stays with the general fixed-point code.  (Results of
// both paths against the interpreter: jit_test.cpp.)
#include <catch2/catch.hpp>

#include "filters/expr/optimize.hpp"
#include "filters/expr/parser.hpp"
#include "pixel/expr/jit/fixed_generator.hpp"

using namespace rigor;
using pixel::expr::jit::FixedGenerator;

namespace {

// Whether the program (its root's argument 0 as the tail argument when `tail`) is a box.
bool is_box(const std::string& program, bool tail) {
    const expr::Expr e = expr::optimize(expr::parse(program));
    std::optional<expr::NodeId> arg;
    if (tail) arg = e.node(e.root()).args[0];
    const auto box = FixedGenerator::find_box_sum(e, arg);
    if (!box) return false;
    // The middle column, rows -1, 0, 1 of one clip.
    for (int row = 0; row < 3; ++row) {
        const expr::Node& n = e.node(box->column[row]);
        if (n.op != expr::Op::Load || n.dx != 0 || n.dy != row - 1) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("3x3 box sums are recognised in any order of additions and nothing else is", "[jit]") {
    const std::string box = "x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + +";
    CHECK(is_box(box + " 9 /", true));
    CHECK(is_box(box, false));
    CHECK(is_box("x x[-1,-1] + x[1,1] + x[0,-1] + x[1,-1] + x[-1,0] + x[1,0] + x[-1,1] + x[0,1] + 9 /", true));
    CHECK(is_box("x[-1,-1]:m x[0,-1]:m x[1,-1]:m + + x[-1,0]:m x[0,0]:m x[1,0]:m + + x[-1,1]:m x[0,1]:m x[1,1]:m + + + +",
                 false));
    // One boundary, one clip, nine distinct offsets, only additions.
    CHECK_FALSE(is_box("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1]:c + + + + + + + +", false));
    CHECK_FALSE(is_box("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] y[1,1] + + + + + + + +", false));
    CHECK_FALSE(is_box("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[0,1] + + + + + + + +", false));
    CHECK_FALSE(is_box("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[2,1] + + + + + + + +", false));
    CHECK_FALSE(is_box("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] x[1,1] + + + + + + + - ", false));
    CHECK_FALSE(is_box("x[-1,-1] x[0,-1] x[1,-1] x[-1,0] x x[1,0] x[-1,1] x[0,1] + + + + + + +", false));
}
