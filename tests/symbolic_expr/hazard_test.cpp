// Hazards as the program runs (symbolic/expr/hazard_search.hpp), one test per class, each
// witness checked independently: the operation's arguments evaluated at the witness with
// ir.hpp's scalar semantics (filters/expr/scalar.hpp, no contraction), and the counts of
// exhaustive runs against a brute force over every input.
#include <catch2/catch.hpp>

#include <cmath>

#include "filters/expr/parser.hpp"
#include "filters/expr/point_program.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/number_text.hpp"
#include "tests/symbolic_expr/scalar_oracle.hpp"

using namespace rigor;
using test::node_values;
using test::scalar_value;
using symbolic::expr::HazardKind;
using symbolic::expr::HazardStatus;

namespace {

symbolic::expr::Analysis analyse(const std::string& program, int clips, const std::string& lo = "0", const std::string& hi = "255",
                                 expr::SampleStorage inputs = {false, 8}) {
    static const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    symbolic::expr::InputRanges r;
    const std::string names = "xy";
    for (int k = 0; k < clips; ++k)
        r[std::string(1, names[std::size_t(k)])] = {symbolic::expr::Bound::of(symbolic::expr::parse_rational(lo)),
                                                    symbolic::expr::Bound::of(symbolic::expr::parse_rational(hi))};
    symbolic::expr::EngineSetup setup;
    setup.probe = &probe;
    setup.inputs = symbolic::expr::ClipFormats{{}, inputs};
    return symbolic::expr::analyse(expr::parse(program), r, {"grays", true, 32}, setup);
}

// The one finding of a kind (the first), checked to be witnessed.
const symbolic::expr::HazardFinding& witnessed(const symbolic::expr::Analysis& a, HazardKind kind) {
    const symbolic::expr::HazardFinding* found = nullptr;
    for (const auto& f : a.running.hazards.findings)
        if (f.kind == kind && f.status == HazardStatus::Witnessed && !found) found = &f;
    REQUIRE(found);
    return *found;
}

// The brute-force count of 8-bit inputs x where pred(node values) holds.
template <class Pred>
std::uint64_t count_8bit(const std::string& program, Pred pred) {
    const expr::PointProgram p = expr::point_program(expr::parse(program));
    std::uint64_t n = 0;
    for (int x = 0; x < 256; ++x) n += pred(node_values(p.program, {float(x)}));
    return n;
}

}  // namespace

TEST_CASE("division by zero: every input with a zero divisor, witnessed", "[symbolic_expr][hazards]") {
    const symbolic::expr::Analysis a = analyse("x y /", 2);
    const auto& f = witnessed(a, HazardKind::DivisionByZero);
    CHECK(f.count == 256);  // y = 0, any x
    CHECK(f.checked == 65536);
    CHECK(f.at.at(1) == 0);
    CHECK(symbolic::expr::to_text(a).find("hazard:     division by zero at x / y: 256 of 65536 inputs") != std::string::npos);
    CHECK(symbolic::expr::to_json(a)["range"]["hazards"][0]["kind"] == "division by zero");
    // A divisor the enclosure keeps away from 0: no hazard at all, proved.
    const symbolic::expr::Analysis safe = analyse("x y 1 + /", 2);
    for (const auto& g : safe.running.hazards.findings) CHECK(g.kind != HazardKind::DivisionByZero);
    CHECK(symbolic::expr::to_text(safe).find("hazards:    none") != std::string::npos);
}

TEST_CASE("log and sqrt outside their domain, witnessed with the count", "[symbolic_expr][hazards]") {
    const symbolic::expr::Analysis l = analyse("x 128 - log", 1);
    const auto& f = witnessed(l, HazardKind::Domain);
    CHECK(f.count == count_8bit("x 128 - log", [](const std::vector<float>& v) { return v[2] <= 0; }));
    CHECK(f.count == 129);
    CHECK(f.at.at(0) <= 128);
    const symbolic::expr::Analysis s = analyse("x 100 - sqrt", 1);
    CHECK(witnessed(s, HazardKind::Domain).count == 100);
}

TEST_CASE("overflow to inf and NaN from inf - inf, witnessed", "[symbolic_expr][hazards]") {
    const std::string program = "x 1e36 * 1000 * dup -";
    const symbolic::expr::Analysis a = analyse(program, 1);
    const auto& over = witnessed(a, HazardKind::Overflow);
    CHECK(over.count == 255);  // every x but 0
    const expr::PointProgram p = expr::point_program(expr::parse(program));
    const std::vector<float> at = node_values(p.program, over.at);
    CHECK(std::isinf(at[over.node]));
    const auto& nan = witnessed(a, HazardKind::NaN);
    CHECK(nan.count == 255);
    CHECK(std::isnan(node_values(p.program, nan.at)[nan.node]));
}

TEST_CASE("a comparison decided differently in binary32: the issue's counterexample", "[symbolic_expr][hazards]") {
    const std::string program = "x 0.1 * 10 * x = 255 *";
    const symbolic::expr::Analysis a = analyse(program, 1);
    const auto& d = witnessed(a, HazardKind::Decision);
    CHECK(d.count == 37);
    CHECK_FALSE(d.unsettled);
    CHECK(d.at == std::vector<float>{13});
    CHECK(symbolic::expr::to_text(a).find("decided differently in binary32 at ((x * 0.1) * 10) == x: 37 of 256 inputs, e.g. at x=13") !=
          std::string::npos);
    // x * 0.5 * 2 == x is exact in binary32: ruled out.
    const symbolic::expr::Analysis exact = analyse("x 0.5 * 2 * x = 255 *", 1);
    for (const auto& f : exact.running.hazards.findings) CHECK(f.status == HazardStatus::RuledOut);
}

TEST_CASE("hazards on inputs too many to run: witnessed by the search or ruled out by the enclosure", "[symbolic_expr][hazards]") {
    // Two 16-bit clips (2^32 inputs): 1 / (x - y) is infinite where x = y.
    const symbolic::expr::Analysis a = analyse("1 x y - /", 2, "0", "65535", {false, 16});
    REQUIRE_FALSE(a.running.exhaustive);
    const auto& f = witnessed(a, HazardKind::DivisionByZero);
    CHECK(f.at.at(0) == f.at.at(1));
    const symbolic::expr::Analysis safe = analyse("x y 1 + /", 2, "0", "65535", {false, 16});
    CHECK(safe.running.hazards.findings.empty());
}

// A candidate the whole box's enclosure leaves and no input triggers: branch and bound
// over smaller boxes proves it away; what even that cannot decide stays "possible" —
// listed, never dropped, never called witnessed.
TEST_CASE("hazards neither witnessed nor ruled out by the whole box: branch and bound, else possible",
          "[symbolic_expr][hazards]") {
    // x² + 1 − x >= 3/4 on float x in 0..1, but the whole box gives [0, 2] for the divisor.
    const symbolic::expr::Analysis proved = analyse("1 x x * 1 + x - /", 1, "0", "1", {true, 32});
    REQUIRE_FALSE(proved.running.exhaustive);
    REQUIRE(proved.running.hazards.findings.size() >= 1);
    for (const auto& f : proved.running.hazards.findings) {
        INFO(symbolic::expr::hazard_name(f.kind) << " at " << f.where);
        CHECK(f.status == HazardStatus::RuledOut);
        CHECK(f.boxes > 0);
    }
    // (x−y)² + (y−z)² + 1e-7 is never 0, but intervals do not see a square is >= 0 (a·a
    // of one interval around 0 reaches below 0): every box along x = y = z stays.
    static const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    symbolic::expr::InputRanges r;
    for (const char* v : {"x", "y", "z"}) r[v] = {symbolic::expr::Bound::of(0), symbolic::expr::Bound::of(1)};
    symbolic::expr::EngineSetup setup;
    setup.probe = &probe;
    setup.inputs = symbolic::expr::ClipFormats{{}, {true, 32}};
    const std::string program = "1 x y - x y - * y z - y z - * + 0.0000001 + /";
    const symbolic::expr::Analysis open = symbolic::expr::analyse(expr::parse(program), r, {"grays", true, 32}, setup);
    const symbolic::expr::HazardFinding* division = nullptr;
    for (const auto& f : open.running.hazards.findings)
        if (f.kind == HazardKind::DivisionByZero) division = &f;
    REQUIRE(division);
    CHECK(division->status == HazardStatus::Possible);
    CHECK(division->at.empty());
    CHECK(division->boxes >= symbolic::expr::kRuleOutBoxes);
    const std::string text = symbolic::expr::to_text(open);
    CHECK(text.find("division by zero at") != std::string::npos);
    CHECK(text.find("possible (not ruled out") != std::string::npos);
    // Not a missed witness: the divisor is positive at random inputs as computed by ir.hpp.
    const expr::PointProgram p = expr::point_program(expr::parse(program));
    const expr::NodeId divisor = p.program.node(p.program.root()).args[1];
    std::uint32_t state = 12345;
    auto next = [&] { return float((state = state * 1664525u + 1013904223u) >> 8) * 0x1p-24f; };
    int not_positive = 0;
    for (int i = 0; i < 100000; ++i) {
        const float x = next(), y = std::nextafter(x, 1.0f), z = i % 2 ? x : next();
        not_positive += !(node_values(p.program, {x, y, z})[divisor] > 0);
    }
    CHECK(not_positive == 0);
}

// 0 times a set reaching ±inf: NaN at the infinities, but ±0 at every finite value
// (binary32_range.cpp mul).  On float x up to 3.4e38 the engine's sin gives ±inf for
// huge x (vector_math.hpp: no reduction beyond 2^22), so `x sin 0 *` is 0 or NaN; the
// enclosure once said "every input gives NaN".
TEST_CASE("0 times a set reaching infinity holds 0 as well as NaN", "[symbolic_expr][hazard]") {
    const auto a = analyse("x sin 0 *", 1, "0", "3.4e38", {true, 32});
    const auto& side = a.running.enclosed.binary32;
    REQUIRE(side.has_values);
    CHECK(side.lo.bound == 0.0f);
    CHECK(side.hi.bound == 0.0f);
    CHECK(side.lo.exact());
    CHECK(side.nan_possible);
}
