// Programs whose tree or algebra is far bigger than their text (program_text.hpp,
// algebra_size.hpp): 26 squarings of 1.1·x are 2^27 nodes as a tree and a coefficient of
// 2^26 times 1.1's bits in GiNaC; (x + 1 + 10^-30)^(10^20) makes GiNaC raise the content
// 10^-30 to the 10^20.  Each ran for minutes or out of memory; the report now uses the
// stored postfix for the texts and says why it has no algebra.  Small programs are
// unchanged: their infix, their algebra (x^2000 too).
#include <catch2/catch.hpp>

#include <string>

#include "filters/base/error.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/parser.hpp"
#include "symbolic/expr/algebra.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/program_text.hpp"

using namespace rigor;

namespace {

std::string squarings(int n) {
    std::string p = "x 1.1 *";
    for (int i = 0; i < n; ++i) p += " dup *";
    return p;
}

bool has_note(const symbolic::expr::Analysis& a, const std::string& start) {
    for (const std::string& n : a.notes)
        if (n.rfind(start, 0) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("tree sizes count shared nodes at each use", "[symbolic_expr][program_size]") {
    CHECK(symbolic::expr::tree_nodes(expr::parse("x 40 - dup *"), 100) == 7);  // (x - 40) * (x - 40)
    CHECK(symbolic::expr::tree_nodes(expr::parse(squarings(10)), 1L << 20) == (1u << 12) - 1);
    CHECK(symbolic::expr::tree_nodes(expr::parse(squarings(60)), 1000) == 1001);  // saturates
}

TEST_CASE("a program too big as a tree is shown as its stored postfix", "[symbolic_expr][program_size]") {
    const expr::Expr small = expr::parse("x 40 - dup *");
    CHECK(symbolic::expr::report_infix(small) == expr::to_infix(small));
    CHECK(symbolic::expr::report_postfix(small) == expr::to_postfix(small));
    const expr::Expr big = expr::parse(squarings(26));
    const std::string stored = expr::to_postfix_stored(big);
    CHECK(symbolic::expr::report_postfix(big) == stored);
    CHECK(symbolic::expr::report_infix(big).rfind(stored, 0) == 0);
    CHECK(stored.size() < 1000);
}

TEST_CASE("the algebra stops where GiNaC's numbers would explode", "[symbolic_expr][program_size]") {
    CHECK_THROWS_AS(symbolic::expr::to_algebra(expr::parse(squarings(26))), UserError);
    CHECK_THROWS_AS(symbolic::expr::to_algebra(expr::parse("x 1e-30 + 1 + 1e20 pow")), UserError);
    // Big powers of small numbers stay: x^2000, (3x)^2000 (3^2000 has 3170 bits), (x + 1)^(10^20).
    for (const std::string& program : {std::string("x 2000 pow"), std::string("x 3 * 2000 pow"), std::string("x 1 + 1e20 pow"), squarings(8)}) {
        INFO(program);
        CHECK_NOTHROW(symbolic::expr::to_algebra(expr::parse(program)));
    }
}

TEST_CASE("analyse of 20 squarings reports without algebra", "[symbolic_expr][program_size]") {
    // 2^21 nodes as a tree, a coefficient of 7 million bits.
    symbolic::expr::InputRanges r;
    r["x"] = {symbolic::expr::Bound::of(0), symbolic::expr::Bound::of(255)};
    const symbolic::expr::Analysis a = symbolic::expr::analyse(expr::parse(squarings(20)), r, {"gray8", false, 8});
    CHECK(a.algebra.empty());
    CHECK(has_note(a, "no algebra: "));
    CHECK(a.range.lo == symbolic::expr::Bound::of(0));
    CHECK(a.range.hi == symbolic::expr::Bound::plus_infinity());
    CHECK(a.infix.size() < 2000);
}
