#include "pixel/vc2_bit_widths/verification.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "filters/base/error.hpp"
#include "pixel/vc2/dependency_region.hpp"
#include "pixel/vc2_bit_widths/array_entries.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"

namespace rigor::pixel::vc2_bit_widths {

using pixel::vc2::analyse;
using pixel::vc2::analysis_regions;
using pixel::vc2::ArrayRegions;
using pixel::vc2::ArrayVisitor;
using pixel::vc2::AxisRegion;
using pixel::vc2::check_picture_size;
using pixel::vc2::synthesis_regions;
using pixel::vc2::synthesise;
using rigor::vc2::analysis_graph;
using rigor::vc2::Coefficients;
using rigor::vc2::QuantisationMatrix;
using rigor::vc2::SampleArray;
using rigor::vc2::synthesis_graph;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformConfig;
using rigor::vc2::TransformGraph;

double ArrayObservation::closeness() const {
    if (seen_min > seen_max) return 0.0;  // no value checked (every one at an edge)
    const auto mag = [](std::int64_t a, std::int64_t b) {
        return static_cast<double>(std::max(a < 0 ? -a : a, b < 0 ? -b : b));
    };
    const double bound = mag(lower, upper);
    return bound == 0 ? (mag(seen_min, seen_max) == 0 ? 1.0 : INFINITY) : mag(seen_min, seen_max) / bound;
}

namespace {

// The bounds of one transform direction, arranged for a fast per-sample check.
class Checker {
public:
    // bounds: keyed by the reported entry holding each value, or (by_own_phase) by every
    // array's own phase.
    Checker(const TransformConfig& c, bool synthesis, const std::map<formats::ArrayPhase, IntegerRange>& bounds,
            bool by_own_phase, VerificationReport& report)
        : report_(report), synthesis_(synthesis), regions_(synthesis ? synthesis_regions(c) : analysis_regions(c)) {
        const TransformGraph graph = synthesis ? synthesis_graph(c) : analysis_graph(c);
        const auto entries = all_array_phases(graph);
        std::size_t e = 0;
        for (const TransformArray& a : graph.arrays) {
            Array arr;
            arr.index = static_cast<std::size_t>(&a - graph.arrays.data());
            arr.observation = report.arrays.size();
            arr.px = a.period_x;
            arr.py = a.period_y;
            ArrayObservation obs{synthesis, a.level, a.name, INT64_MAX, INT64_MIN, INT64_MAX, INT64_MIN};
            for (long k = 0; k < a.period_x * a.period_y; ++k, ++e) {
                const IntegerRange r = bounds.at(by_own_phase ? entries[e].where : entries[e].reported);
                arr.phase_bounds.push_back(r);
                obs.lower = std::min(obs.lower, r.lower);
                obs.upper = std::max(obs.upper, r.upper);
            }
            report.arrays.push_back(obs);
            arrays_[{a.level, a.name}] = std::move(arr);
        }
    }

    ArrayVisitor visitor(const std::string& picture) {
        return [this, picture](int level, std::string_view name, const SampleArray& p) {
            const Array& a = arrays_.at({level, std::string(name)});
            ArrayObservation& obs = report_.arrays[a.observation];
            // The picture's size, from this array's size and sample step.
            const long width = p.width << regions_.log2_step_x[a.index];
            const long height = p.height << regions_.log2_step_y[a.index];
            for (long y = 0; y < p.height; ++y)
                for (long x = 0; x < p.width; ++x) {
                    const std::int64_t v = p.at(x, y);
                    const bool interior = regions_.interior(a.index, x, y, width, height);
                    if (!interior) ++obs.edge_values, ++report_.edge_values;
                    // Phases are x-major: index = px_phase · period_y + py_phase.
                    const IntegerRange& r = a.phase_bounds[static_cast<std::size_t>((x % a.px) * a.py + y % a.py)];
                    if (interior || report_.include_edges) {
                        obs.seen_min = std::min(obs.seen_min, v);
                        obs.seen_max = std::max(obs.seen_max, v);
                    }
                    if (v >= r.lower && v <= r.upper) continue;
                    const std::string what = std::string(synthesis_ ? "synthesis" : "analysis") + " (" +
                                             std::to_string(level) + ", " + std::string(name) + ") at (" +
                                             std::to_string(x) + ", " + std::to_string(y) + ") = " + std::to_string(v) +
                                             " outside [" + std::to_string(r.lower) + ", " + std::to_string(r.upper) +
                                             "] for " + picture;
                    if (!interior) {
                        const std::int64_t excess = v > r.upper ? v - r.upper : r.lower - v;
                        ++obs.edge_beyond, ++report_.edge_beyond;
                        obs.edge_excess = std::max(obs.edge_excess, excess);
                        report_.edge_excess = std::max(report_.edge_excess, excess);
                        if (report_.first_edge_excesses.size() < 5)
                            report_.first_edge_excesses.push_back(what + " (edge)");
                        if (!report_.include_edges) continue;
                    }
                    ++obs.violations;
                    ++report_.violations;
                    if (report_.first_violations.size() < 10)
                        report_.first_violations.push_back(what + (interior ? "" : " (edge)"));
                }
        };
    }

private:
    struct Array {
        std::size_t index = 0;  // in the transform graph
        std::size_t observation = 0;
        long px = 1, py = 1;
        std::vector<IntegerRange> phase_bounds;  // x-major
    };
    std::map<std::pair<int, std::string>, Array> arrays_;
    VerificationReport& report_;
    bool synthesis_;
    ArrayRegions regions_;
};

long round_up(long v, long m) { return (v + m - 1) / m * m; }

// How far (in pixels) any value's dependency region reaches from its own position.
long reach(const std::vector<AxisRegion>& regions) {
    long r = 0;
    for (const AxisRegion& a : regions) r = std::max({r, -a.lo, a.hi});
    return r;
}

// place_pattern's margin scale (2 top-level blocks per unit) that keeps every value the
// pattern targets in the interior: the margin reaches at least as far as any region.
long interior_margin_scale(const TransformConfig& c) {
    const ArrayRegions a = analysis_regions(c), s = synthesis_regions(c);
    const long rx = std::max(reach(a.x), reach(s.x)), ry = std::max(reach(a.y), reach(s.y));
    const long bx = 2L << (c.dwt_depth + c.dwt_depth_ho), by = 2L << c.dwt_depth;
    return std::max({1L, (rx + bx - 1) / bx, (ry + by - 1) / by});
}

// The test pattern's picture grown to the common size (zeros added right and below).
SampleArray grown(const SampleArray& p, long width, long height) {
    SampleArray out(width, height);
    for (long y = 0; y < p.height; ++y)
        for (long x = 0; x < p.width; ++x) out.at(x, y) = p.at(x, y);
    return out;
}

}  // namespace

VerificationReport verify_bounds(const formats::StaticAnalysis& a, int bits, const QuantisationMatrix& matrix,
                                 const VerificationOptions& o) {
    const ConcreteBounds cb = concrete_bounds(a, bits, matrix);
    const TransformConfig& c = a.config;
    const ReplacementBounds* const rb = o.replacement;
    VerificationReport report;
    report.include_edges = o.include_edges || rb;
    Checker analysis_check(c, false, rb ? rb->analysis : cb.analysis, rb, report);
    Checker synthesis_check(c, true, rb ? rb->synthesis : cb.synthesis, rb, report);
    const int maximum_qi = std::max(cb.maximum_quantisation_index, rb ? rb->maximum_quantisation_index : 0);

    std::vector<std::pair<std::string, const formats::TestPattern*>> patterns;
    for (const auto& p : a.analysis_patterns) patterns.push_back({"analysis pattern", &p});
    for (const auto& p : a.synthesis_patterns) patterns.push_back({"synthesis pattern", &p});
    const long bx = 1L << (c.dwt_depth + c.dwt_depth_ho), by = 1L << c.dwt_depth;
    const long scale = interior_margin_scale(c);
    long width = std::max(o.width, bx), height = std::max(o.height, by);
    if (o.width == 0 || o.height == 0)
        for (const auto& [kind, p] : patterns) {
            const PlacedPattern placed = place_pattern(c, *p, cb.picture, scale);
            if (o.width == 0) width = std::max(width, placed.picture.width);
            if (o.height == 0) height = std::max(height, placed.picture.height);
        }
    width = round_up(width, bx);
    height = round_up(height, by);
    check_picture_size(c, width, height);
    if (rb && (rb->exact_size ? width != rb->width || height != rb->height : width < rb->width || height < rb->height))
        throw UserError("the bounds hold for " + std::string(rb->exact_size ? "pictures of exactly " : "pictures of at least ") +
                        std::to_string(rb->width) + "x" + std::to_string(rb->height) + ", not " + std::to_string(width) +
                        "x" + std::to_string(height));
    report.width = width;
    report.height = height;

    std::vector<std::pair<std::string, PlacedPattern>> placed_patterns;  // those that fit
    if (o.test_patterns)
        for (const auto& [kind, p] : patterns) {
            PlacedPattern placed = place_pattern(c, *p, cb.picture, scale);
            if (placed.picture.width > width || placed.picture.height > height) continue;  // too small a picture
            placed_patterns.push_back({std::string(kind) + " (" + std::to_string(p->where.level) + ", " +
                                           p->where.array_name + ") phase (" + std::to_string(p->where.x) + ", " +
                                           std::to_string(p->where.y) + ")",
                                       std::move(placed)});
        }
    for (const SampleArray& e : o.extra_pictures)
        if (e.width != width || e.height != height)
            throw InternalError("a picture to verify is " + std::to_string(e.width) + "x" + std::to_string(e.height) +
                                ", not the report's " + std::to_string(width) + "x" + std::to_string(height));
    ProgressTask task(o.progress, "pictures",
                      2 * placed_patterns.size() + o.extra_pictures.size() + 2 * std::size_t(o.random_pictures) + 2);

    auto run = [&](const SampleArray& picture, const std::string& name) {
        ++report.pictures;
        task.step();
        const Coefficients coefficients = analyse(c, picture, analysis_check.visitor(name));
        for (int qi = 0; qi <= maximum_qi; ++qi) {
            Coefficients q = coefficients;
            quantise_in_place(q, matrix, qi);
            synthesise(c, q, synthesis_check.visitor(name + " at qi " + std::to_string(qi)));
            ++report.decodings;
        }
    };

    for (const auto& [name, placed] : placed_patterns) {
        run(grown(placed.picture, width, height), name);
        run(grown(placed.negated, width, height), name + " negated");
    }
    for (std::size_t k = 0; k < o.extra_pictures.size(); ++k)
        run(o.extra_pictures[k], o.extra_name + " " + std::to_string(k));
    std::mt19937_64 rng(o.seed);
    std::uniform_int_distribution<std::int64_t> uniform(cb.picture.lower, cb.picture.upper);
    std::bernoulli_distribution coin(0.5);
    for (int i = 0; i < o.random_pictures; ++i) {
        SampleArray uniform_picture(width, height), saturated(width, height);
        for (auto& v : uniform_picture.samples) v = uniform(rng);
        for (auto& v : saturated.samples) v = coin(rng) ? cb.picture.upper : cb.picture.lower;
        run(uniform_picture, "random picture " + std::to_string(i) + " (seed " + std::to_string(o.seed) + ")");
        run(saturated, "saturated picture " + std::to_string(i) + " (seed " + std::to_string(o.seed) + ")");
    }
    run(SampleArray(width, height, cb.picture.upper), "all-maximum picture");
    run(SampleArray(width, height, cb.picture.lower), "all-minimum picture");
    return report;
}

}  // namespace rigor::pixel::vc2_bit_widths
