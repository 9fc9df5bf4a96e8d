// The range as it runs where the inputs are too many to run them all
// (symbolic/expr/enclosed_range.hpp): random inputs run through the engine never leave
// it, its witnesses reproduce on the engine, and an end called exact is the engine's
// value there.  Programs: random ones (every operation, float and 16-bit clips) and
// every golden expression with float clips.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "filters/expr/ir_text.hpp"
#include "filters/expr/parser.hpp"
#include "filters/expr/point_program.hpp"
#include "pixel/expr/probe.hpp"
#include "symbolic/expr/analysis.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/variables.hpp"
#include "tests/symbolic_expr/random_programs.hpp"

using namespace rigor;
using symbolic::expr::EnclosedEnd;
using symbolic::expr::EnclosedSide;

namespace {

symbolic::expr::Interval range(const std::string& lo, const std::string& hi) {
    return {symbolic::expr::Bound::of(symbolic::expr::parse_rational(lo)),
            symbolic::expr::Bound::of(symbolic::expr::parse_rational(hi))};
}

const expr::EngineProbe& probe() {
    static const expr::EngineProbe p = pixel::expr::engine_probe(1);
    return p;
}

// `points` random inputs (half uniform in index, half in value) never leave the range;
void check_sound(const expr::Expr& e, const symbolic::expr::Analysis& a, std::mt19937_64& rng, std::size_t points) {
    REQUIRE(a.running.evaluated);
    REQUIRE_FALSE(a.running.exhaustive);
    const auto& domains = a.running.domains;
    const expr::PointProgram p = expr::point_program(e);
    std::vector<expr::SampleStorage> storage;
    for (const auto& d : domains) storage.push_back(d.storage);
    symbolic::expr::EngineRunner engine(probe(), p.program, storage);
    symbolic::expr::PointSet pts(domains.size());
    std::vector<float> x(domains.size());
    for (std::size_t i = 0; i < points; ++i) {
        for (std::size_t k = 0; k < domains.size(); ++k) {
            const auto& d = domains[k];
            x[k] = i % 2 ? d.at(rng() % d.count())
                         : d.nearest(std::uniform_real_distribution<double>(double(d.lo), double(d.hi))(rng));
        }
        pts.add(x);
    }
    // The witnesses too.
    for (const EnclosedSide* s : {&a.running.enclosed.binary32, &a.running.enclosed.stored})
        for (const EnclosedEnd* end : {&s->lo, &s->hi})
            if (!end->at.empty()) pts.add(end->at);
    const expr::SampleStorage out = a.running.output;
    const std::vector<float> b = engine.values(p.program.root(), pts), st = engine.values(p.program.root(), pts, out);
    const EnclosedSide& eb = a.running.enclosed.binary32;
    const EnclosedSide& es = a.running.enclosed.stored;
    // Counted, not asserted one by one (tens of thousands of points per program).
    std::size_t outside = 0, first = pts.size();
    auto holds = [](const EnclosedSide& e, float v) {
        return std::isnan(v) ? e.nan_possible : e.has_values && e.lo.bound <= v && v <= e.hi.bound;
    };
    for (std::size_t i = 0; i < pts.size(); ++i)
        if (!holds(eb, b[i]) || !holds(es, st[i])) ++outside, first = std::min(first, i);
    INFO("first input outside: " << (first < pts.size() ? symbolic::expr::point_text(domains, pts.point(first)) : "none")
                                 << " (binary32 " << (first < pts.size() ? b[first] : 0.0f) << ", stored "
                                 << (first < pts.size() ? st[first] : 0.0f) << "; enclosure [" << eb.lo.bound << ", "
                                 << eb.hi.bound << "] nan " << eb.nan_possible << ", stored [" << es.lo.bound << ", "
                                 << es.hi.bound << "] nan " << es.nan_possible << ")");
    CHECK(outside == 0);
    // Witnesses reproduce; exact ends are reached.
    for (const auto& [side, stored] : {std::pair{&eb, false}, std::pair{&es, true}})
        for (const EnclosedEnd* end : {&side->lo, &side->hi}) {
            if (end->at.empty()) continue;
            symbolic::expr::PointSet one(domains.size());
            one.add(end->at);
            const float v = stored ? engine.values(p.program.root(), one, out)[0] : engine.values(p.program.root(), one)[0];
            CHECK(v == end->reached);
            CHECK(end->exact() == (v == end->bound));
        }
}

}  // namespace

TEST_CASE("random programs on float and 16-bit clips: the enclosure holds every engine value", "[symbolic_expr][enclosure]") {
    const unsigned seed = std::getenv("RIGOR_SEED") ? unsigned(std::atoi(std::getenv("RIGOR_SEED"))) : 1313;
    const int trials = std::getenv("RIGOR_TRIALS") ? std::atoi(std::getenv("RIGOR_TRIALS")) : 60;
    const std::size_t points = std::getenv("RIGOR_POINTS") ? std::size_t(std::atol(std::getenv("RIGOR_POINTS"))) : 20000;
    std::mt19937 gen(seed);
    std::mt19937_64 rng(seed);
    int exact_ends = 0;
    for (int t = 0; t < trials; ++t) {
        const std::string text = test::random_program(gen, 1 + t % 2);
        const bool floats = t % 2 == 0;
        symbolic::expr::InputRanges r;
        // pow of bases up to 300 makes the algebra's exact search slow (300^300): smaller ones.
        const bool power = text.find("pow") != std::string::npos;
        r["x"] = r["y"] = floats ? (power ? range("-2", "2") : range("-4", "300")) : range("0", power ? "3" : "65535");
        symbolic::expr::EngineSetup setup;
        setup.probe = &probe();
        setup.inputs = symbolic::expr::ClipFormats{{}, floats ? expr::SampleStorage{true, 32} : expr::SampleStorage{false, 16}};
        const symbolic::expr::OutputFormat format = t % 3 == 0 ? symbolic::expr::OutputFormat{"gray8", false, 8}
                                                  : t % 3 == 1 ? symbolic::expr::OutputFormat{"grays", true, 32}
                                                               : symbolic::expr::OutputFormat{"grayh", true, 16};
        const expr::Expr e = expr::parse(text);
        // 16-bit clips of few values are exhaustive, not this test's subject.
        if (!floats && (power || expr::point_program(e).inputs.size() < 2)) continue;
        INFO("program " << text << " on " << format.name << (floats ? ", float clips" : ", 16-bit clips") << " (seed " << seed
                        << ", trial " << t << ")");
        const symbolic::expr::Analysis a = symbolic::expr::analyse(e, r, format, setup);
        check_sound(e, a, rng, points);
        exact_ends += a.running.enclosed.stored.lo.exact() + a.running.enclosed.stored.hi.exact();
    }
    CHECK(exact_ends > trials / 2);  // the search reaches most ends
}

TEST_CASE("golden expressions on float clips: the enclosure holds every engine value", "[symbolic_expr][enclosure]") {
    std::ifstream in(std::string(RIGOR_DATA_DIR) + "/expr/manifest.json");
    REQUIRE(in.good());
    const nlohmann::json m = nlohmann::json::parse(in);
    std::mt19937_64 rng(77);
    int programs = 0;
    for (const auto& c : m["cases"])
        for (const auto& t : c["expr"]) {
            const std::string text = t.get<std::string>();
            if (expr::is_blank(text)) continue;
            const expr::Expr e = expr::parse(text);
            symbolic::expr::InputRanges r;
            for (const std::string& s : symbolic::expr::used_sources(e)) r[s] = range("0", "1");
            r["X"] = r["Y"] = range("0", "63");
            r["width"] = r["height"] = range("64", "64");
            r["N"] = range("0", "2");
            symbolic::expr::EngineSetup setup;
            setup.probe = &probe();
            setup.inputs = symbolic::expr::ClipFormats{{}, {true, 32}};
            INFO("golden expression " << text);
            const symbolic::expr::Analysis a = symbolic::expr::analyse(e, r, {"grays", true, 32}, setup);
            if (a.running.exhaustive) continue;  // only X, Y, N: exhaustive
            check_sound(e, a, rng, 20000);
            ++programs;
        }
    CHECK(programs >= 30);
}
