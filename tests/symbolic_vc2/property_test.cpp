// Independent properties of the static analysis beyond the golden files.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "filters/formats/vc2_static_analysis_writer.hpp"
#include "symbolic/vc2/axis_response.hpp"
#include "symbolic/vc2/static_analysis.hpp"

using namespace rigor::vc2;
using namespace rigor::symbolic::vc2;

namespace {

// The end-to-end pixel weights of a synthesis target computed the slow, literal way:
// D(p) = Σ_c w_c·A_c(p) over every coefficient c of the target, in exact rationals.
std::map<std::pair<long, long>, cln::cl_RA> direct_weights_literal(const TransformGraph& ag, const TransformGraph& sg,
                                                                    const TransformArray& t, long px, long py) {
    std::map<std::pair<long, long>, cln::cl_RA> d;
    // (qualified: filters/vc2 holds the generic engine of the same names)
    const rigor::symbolic::vc2::AxisResponse rx = rigor::symbolic::vc2::axis_response(sg.ax, t.x, px),
                                             ry = rigor::symbolic::vc2::axis_response(sg.ay, t.y, py);
    for (const CoefficientBand& b : sg.bands) {
        const CoefficientBand* a = nullptr;
        for (const CoefficientBand& c : ag.bands)
            if (c.level == b.level && c.orient == b.orient) a = &c;
        REQUIRE(a);
        const rigor::symbolic::vc2::LaurentPolynomial& wx = rx.gain[static_cast<std::size_t>(b.x)];
        const rigor::symbolic::vc2::LaurentPolynomial& wy = ry.gain[static_cast<std::size_t>(b.y)];
        wx.for_each_nonzero([&](long cx, const cln::cl_RA& vx) {
            wy.for_each_nonzero([&](long cy, const cln::cl_RA& vy) {
                // A_c: the analysis coefficient (cx, cy) of this band, as pixel weights.
                const auto ax = axis_response(ag.ax, a->x, cx).gain[static_cast<std::size_t>(ag.input_x)];
                const auto ay = axis_response(ag.ay, a->y, cy).gain[static_cast<std::size_t>(ag.input_y)];
                ax.for_each_nonzero([&](long i, const cln::cl_RA& gx) {
                    ay.for_each_nonzero([&](long j, const cln::cl_RA& gy) { d[{i, j}] += vx * vy * gx * gy; });
                });
            });
        });
    }
    for (auto it = d.begin(); it != d.end();)
        it = cln::zerop(it->second) ? d.erase(it) : std::next(it);
    return d;
}

}  // namespace

TEST_CASE("perfect reconstruction: synthesis targets see the pixels as their mirror analysis array does",
          "[vc2][property]") {
    // The synthesis pattern heuristic uses D = Σ_c w_c·A_c.  rigor takes D from the
    // mirror analysis array instead (one separable product); this checks the identity
    // exactly on every reported synthesis array and phase of small configurations.
    for (TransformConfig c : {TransformConfig{1, 1, 2, 0}, TransformConfig{4, 1, 1, 2}, TransformConfig{5, 5, 1, 0},
                              TransformConfig{6, 0, 1, 1}, TransformConfig{3, 3, 2, 0}}) {
        const TransformGraph ag = analysis_graph(c), sg = synthesis_graph(c);
        int checked = 0;
        for (const TransformArray& t : sg.arrays) {
            if (!t.reported) continue;
            const TransformArray* m = ag.find(t.mirror_level, t.mirror_name);
            REQUIRE(m);
            for (long px = 0; px < t.period_x; ++px)
                for (long py = 0; py < t.period_y; ++py) {
                    INFO("config " << c.wavelet_index << c.wavelet_index_ho << c.dwt_depth << c.dwt_depth_ho << " "
                                   << t.level << " " << t.name << " " << px << "," << py);
                    const auto literal = direct_weights_literal(ag, sg, t, px, py);
                    const auto mx = axis_response(ag.ax, m->x, px).gain[static_cast<std::size_t>(ag.input_x)];
                    const auto my = axis_response(ag.ay, m->y, py).gain[static_cast<std::size_t>(ag.input_y)];
                    std::size_t n = 0;
                    bool equal = true;
                    mx.for_each_nonzero([&](long i, const cln::cl_RA& gx) {
                        my.for_each_nonzero([&](long j, const cln::cl_RA& gy) {
                            ++n;
                            auto it = literal.find({i, j});
                            if (it == literal.end() || it->second != gx * gy) equal = false;
                        });
                    });
                    CHECK(equal);
                    CHECK(n == literal.size());
                    ++checked;
                }
        }
        CHECK(checked > 0);
    }
}

TEST_CASE("batches partition the unbatched analysis", "[vc2][batch]") {
    const TransformConfig c{1, 1, 2, 0};
    const rigor::formats::StaticAnalysis whole = static_filter_analysis(c);
    const int n = 3;
    std::vector<rigor::formats::StaticAnalysis> parts;
    for (int k = 0; k < n; ++k) {
        AnalysisOptions o;
        o.num_batches = n;
        o.batch_num = k;
        o.batched = true;
        parts.push_back(static_filter_analysis(c, o));
    }
    // Entry i of the whole run is entry i / n of batch i mod n.
    for (std::size_t i = 0; i < whole.synthesis_patterns.size(); ++i) {
        const auto& part = parts[i % n];
        REQUIRE(i / n < part.synthesis_patterns.size());
        const auto& a = whole.synthesis_patterns[i];
        const auto& b = part.synthesis_patterns[i / n];
        CHECK(a.where.array_name == b.where.array_name);
        CHECK(a.where.x == b.where.x);
        CHECK(a.where.y == b.where.y);
        CHECK(a == b);
    }
    std::size_t total = 0;
    for (const auto& p : parts) total += p.analysis_bounds.size();
    CHECK(total == whole.analysis_bounds.size());
    std::ostringstream s;
    rigor::formats::write_static_analysis(s, parts[1]);
    CHECK(s.str().find("\"num_batches\": 3, \"batch_num\": 1}") != std::string::npos);
}

TEST_CASE("entry counts of the spec for LeGall depths 1-4, and deep mixed transforms run", "[vc2]") {
    const std::pair<int, std::pair<std::size_t, std::size_t>> counts[] = {
        {1, {14, 24}}, {2, {27, 99}}, {3, {40, 378}}, {4, {53, 1473}}};
    for (const auto& [depth, want] : counts) {
        const rigor::formats::StaticAnalysis a = static_filter_analysis({1, 1, depth, 0});
        CHECK(a.analysis_bounds.size() == want.first);
        CHECK(a.synthesis_bounds.size() == want.second);
        CHECK(a.synthesis_patterns.size() == want.second);
    }
    // Six levels combined, mixed wavelets: runs and keeps the bounds ordered.
    const rigor::formats::StaticAnalysis deep = static_filter_analysis({4, 6, 2, 4});
    CHECK(deep.analysis_bounds.size() > 0);
    CHECK(deep.synthesis_patterns.size() == deep.synthesis_bounds.size());
}

TEST_CASE("invalid configurations are refused with a message", "[vc2][errors]") {
    CHECK_THROWS_WITH(static_filter_analysis({7, 1, 1, 0}), Catch::Contains("out of range"));
    CHECK_THROWS_WITH(static_filter_analysis({1, 1, -1, 0}), Catch::Contains("negative"));
    AnalysisOptions o;
    o.num_batches = 2;
    o.batch_num = 2;
    CHECK_THROWS_WITH(static_filter_analysis({1, 1, 1, 0}, o), Catch::Contains("batch number"));
}
