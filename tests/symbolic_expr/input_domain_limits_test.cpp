// Ranges past binary32 for inputs that have no sample format of their own (frame
// properties, symbolic/expr/input_domain.cpp): a one-line UserError, as for float clips,
// where CLN's floating-point overflow ended the run (fuzz_analyse: x.Foo=0:1e400); the
// message shows readable numbers, not the 400-digit rational.
#include <catch2/catch.hpp>

#include <string>

#include "filters/base/error.hpp"
#include "filters/expr/parser.hpp"
#include "filters/expr/point_program.hpp"
#include "symbolic/expr/input_domain.hpp"
#include "symbolic/expr/number_text.hpp"

using namespace rigor;

namespace {

// The message of the UserError that input_domains throws, or "" when it does not.
std::string error_of(const std::string& lo, const std::string& hi) {
    const expr::PointProgram p = expr::point_program(expr::parse("x.Foo 2 *"));
    symbolic::expr::InputRanges r;
    r["x.Foo"] = {symbolic::expr::Bound::of(symbolic::expr::parse_rational(lo)), symbolic::expr::Bound::of(symbolic::expr::parse_rational(hi))};
    try {
        (void)symbolic::expr::input_domains(p, r, {{}, {true, 32}});
    } catch (const UserError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("property ranges beyond binary32 are refused in one line", "[symbolic_expr][input_domain]") {
    for (const auto& [lo, hi] : {std::pair<std::string, std::string>{"0", "1e400"}, {"-1e400", "0"}, {"1e39", "1e40"}}) {
        INFO(lo << ":" << hi);
        const std::string message = error_of(lo, hi);
        CHECK(message.find("is beyond binary32 values") != std::string::npos);
        CHECK(message.size() < 120);
    }
    CHECK(error_of("0", "3e38") == "");  // within FLT_MAX (3.40282347e38)
    CHECK(error_of("1e-400", "2e-400").find("holds no binary32 value") != std::string::npos);
}
