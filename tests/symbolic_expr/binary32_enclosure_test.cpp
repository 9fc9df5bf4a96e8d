// The binary32 enclosure (symbolic/expr/binary32_enclosure.hpp) against the engine
// (pixel/expr through its probe) and the real model: on single points its binary32 value
// is the engine's bit for bit; on boxes every engine value inside lies in the enclosure,
// and so does every real value and every difference between the two.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <random>

#include "filters/expr/parser.hpp"
#include "filters/expr/point_program.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/binary32_enclosure.hpp"
#include "symbolic/expr/engine_runner.hpp"
#include "symbolic/expr/input_domain.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/real_evaluator.hpp"
#include "tests/symbolic_expr/random_programs.hpp"

using namespace rigor;
using symbolic::expr::Binary32Range;
using symbolic::expr::NodeEnclosure;

namespace {

bool same(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

struct Setup {
    expr::PointProgram p;
    std::vector<symbolic::expr::InputDomain> domains;
    std::vector<int> grids;
    std::vector<expr::SampleStorage> storage;
};

Setup setup(const std::string& text, const std::string& lo, const std::string& hi, expr::SampleStorage clip) {
    Setup s{expr::point_program(expr::parse(text)), {}, {}, {}};
    symbolic::expr::InputRanges r;
    r["x"] = r["y"] = {symbolic::expr::Bound::of(symbolic::expr::parse_rational(lo)),
                       symbolic::expr::Bound::of(symbolic::expr::parse_rational(hi))};
    s.domains = symbolic::expr::input_domains(s.p, r, {{}, clip});
    for (const auto& d : s.domains) s.grids.push_back(d.grid()), s.storage.push_back(d.storage);
    return s;
}

}  // namespace

TEST_CASE("the enclosure of a point is the engine's value, boxes hold every engine and real value", "[binary32]") {
    const expr::EngineProbe probe = pixel::expr::engine_probe(1);
    const unsigned seed = std::getenv("RIGOR_SEED") ? unsigned(std::atoi(std::getenv("RIGOR_SEED"))) : 4242;
    std::mt19937 rng(seed);
    int programs = 0, points = 0;
    for (int t = 0; t < (std::getenv("RIGOR_TRIALS") ? std::atoi(std::getenv("RIGOR_TRIALS")) : 300); ++t) {
        const bool floats = t % 3 == 0;
        const std::string text = test::random_program(rng, 1 + t % 2);
        const Setup s = floats ? setup(text, "-4", "300", {true, 32}) : setup(text, "0", "255", {false, 8});
        INFO("program " << text << " (seed " << seed << ", trial " << t << ")");
        const symbolic::expr::Binary32Enclosure enclosure(s.p.program, s.grids, probe);
        symbolic::expr::EngineRunner engine(probe, s.p.program, s.storage);
        symbolic::expr::RealEvaluator real(s.p.program);
        // A random box, and random points inside it (its corners included).
        std::vector<Binary32Range> box;
        for (const auto& d : s.domains) {
            std::uint64_t a = rng() % d.count(), b = rng() % d.count();
            if (a > b) std::swap(a, b);
            if (t % 4 == 0) b = a;  // some point boxes
            box.push_back(Binary32Range::between(d.at(a), d.at(b)));
        }
        std::vector<NodeEnclosure> nodes, at;
        enclosure.evaluate(box, nodes);
        symbolic::expr::PointSet pts(s.domains.size());
        for (int i = 0; i < 64; ++i) {
            std::vector<float> p;
            for (std::size_t k = 0; k < s.domains.size(); ++k) {
                const auto& d = s.domains[k];
                const std::uint64_t a = d.index_of(box[k].lo), b = d.index_of(box[k].hi);
                p.push_back(d.at(i < 2 ? (i ? b : a) : a + rng() % (b - a + 1)));
            }
            pts.add(p);
        }
        std::vector<std::vector<long double>> reals;
        real.evaluate(pts, reals);
        for (expr::NodeId id = 0; id < s.p.program.size(); ++id) {
            if (s.p.program.node(id).op == expr::Op::Load) continue;
            const std::vector<float> got = engine.values(id, pts);
            for (std::size_t i = 0; i < pts.size(); ++i) {
                const float v = got[i];
                INFO("node " << id << " at point " << i << ": engine " << v << "; enclosure f [" << nodes[id].f.lo << ", "
                              << nodes[id].f.hi << "] nan " << nodes[id].f.nan << ", v [" << nodes[id].v.lo << ", " << nodes[id].v.hi
                              << "] undefined " << nodes[id].v_undefined << ", e [" << nodes[id].e.lo << ", " << nodes[id].e.hi << "] "
                              << nodes[id].e_bounded << "; input " << pts.columns[0][i] << " (sign " << std::signbit(pts.columns[0][i]) << ")");
                CHECK((std::isnan(v) ? nodes[id].f.nan : nodes[id].f.contains(v)));
                // The point box: the engine's own value.
                std::vector<Binary32Range> point;
                for (float x : pts.point(i)) point.push_back(Binary32Range::point(x));
                enclosure.evaluate(point, at);
                CHECK(same(at[id].f.value(), v));
                const long double r = reals[id][i];
                if (!std::isfinite(r) || std::fabs(r) > 1e300L || nodes[id].v_undefined) continue;
                CHECK(nodes[id].v.lo <= double(r) + 1e-12 * (1 + std::fabs(double(r))));
                CHECK(double(r) - 1e-12 * (1 + std::fabs(double(r))) <= nodes[id].v.hi);
                if (nodes[id].e_bounded && std::isfinite(v)) {
                    const double d = double(static_cast<long double>(v) - r), slack = 1e-12 * (1 + std::fabs(double(r)));
                    CHECK(nodes[id].e.lo - slack <= d);
                    CHECK(d <= nodes[id].e.hi + slack);
                }
                ++points;
            }
        }
        ++programs;
    }
    CHECK(programs >= 300);
    CHECK(points > 10000);
}
