#include "symbolic/vc2/static_analysis.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "symbolic/vc2/affine_bound.hpp"
#include "symbolic/vc2/synthesis_pattern.hpp"
#include "symbolic/vc2/test_pattern.hpp"

namespace rigor::symbolic::vc2 {

using rigor::vc2::analysis_graph;
using rigor::vc2::AxisNetwork;
using rigor::vc2::CoefficientBand;
using rigor::vc2::synthesis_graph;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformConfig;
using rigor::vc2::TransformGraph;

namespace {

// Responses of one axis network, computed once per (node, index).
class ResponseCache {
public:
    explicit ResponseCache(const AxisNetwork& net) : net_(net) {}
    const AxisResponse& get(int node, long index) {
        auto key = std::make_pair(node, index);
        auto it = cache_.find(key);
        if (it == cache_.end()) it = cache_.emplace(key, Entry{axis_response(net_, node, index), {}}).first;
        return it->second.response;
    }
    // Plain copies (made once; safe to read from threads afterwards).
    const std::vector<PlainGain>& plain(int node, long index) {
        get(node, index);
        Entry& e = cache_.at({node, index});
        if (e.plain.empty()) e.plain = plain_gains(e.response);
        return e.plain;
    }

private:
    struct Entry {
        AxisResponse response;
        std::vector<PlainGain> plain;
    };
    const AxisNetwork& net_;
    std::map<std::pair<int, long>, Entry> cache_;
};

struct Phase {
    const TransformArray* array;
    long x, y;
};

// Reported arrays' phases in output order, only those of the batch asked for.
std::vector<Phase> phases_of(const TransformGraph& g, const AnalysisOptions& o) {
    std::vector<Phase> out;
    std::size_t n = 0;
    for (const TransformArray& a : g.arrays) {
        if (!a.reported) continue;
        for (long x = 0; x < a.period_x; ++x)
            for (long y = 0; y < a.period_y; ++y)
                if (formats::batch_position(n++, static_cast<std::size_t>(o.num_batches)).batch ==
                    static_cast<std::size_t>(o.batch_num))
                    out.push_back({&a, x, y});
    }
    return out;
}

formats::ArrayPhase where(const Phase& p) { return {p.array->level, p.array->name, p.x, p.y}; }

long pixels_per_sample(const AxisNetwork& net, int node) {
    return 1L << net.nodes[static_cast<std::size_t>(node)].log2_step;
}

formats::SignalBound signal_bound(const TransformGraph& g, const std::vector<BoundSource>& sources, const Phase& p,
                                   ResponseCache& cx, ResponseCache& cy, BoundSymbols& symbols) {
    const AffineBound b = affine_bound(g, sources, cx.get(p.array->x, p.x), cy.get(p.array->y, p.y), symbols);
    return {where(p), bound_terms(b.lower, symbols), bound_terms(b.upper, symbols)};
}

formats::TestPattern placed(const PolarityImage& img, const TransformGraph& g, const Phase& p) {
    const long tmx = p.array->period_x, tmy = p.array->period_y;
    return place_pattern(img, where(p), tmx * pixels_per_sample(g.ax, p.array->x),
                         tmy * pixels_per_sample(g.ay, p.array->y), tmx, tmy);
}

PolarityImage outer_signs(const PlainGain& gx, const PlainGain& gy) {
    PolarityImage img;
    img.x0 = gx.lowest;
    img.y0 = gy.lowest;
    img.width = static_cast<int>(gx.sign.size());
    img.height = static_cast<int>(gy.sign.size());
    img.polarity.resize(gx.sign.size() * gy.sign.size());
    for (std::size_t r = 0; r < gy.sign.size(); ++r)
        for (std::size_t c = 0; c < gx.sign.size(); ++c)
            img.polarity[r * gx.sign.size() + c] = static_cast<std::int8_t>(gx.sign[c] * gy.sign[r]);
    return img;
}

class Progress {
public:
    explicit Progress(const AnalysisOptions& o) : fn_(o.progress), start_(std::chrono::steady_clock::now()) {}
    void say(const std::string& what) {
        if (!fn_) return;
        std::lock_guard<std::mutex> lock(mutex_);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        char t[32];
        std::snprintf(t, sizeof t, "[%8.2f s] ", s);
        fn_(t + what);
    }
    bool enabled() const { return static_cast<bool>(fn_); }

private:
    std::function<void(const std::string&)> fn_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
};

std::string describe(const Phase& p) {
    return "level " + std::to_string(p.array->level) + " " + p.array->name + "[" + std::to_string(p.x) + ", " +
           std::to_string(p.y) + "]";
}

}  // namespace

formats::StaticAnalysis static_filter_analysis(const TransformConfig& config, const AnalysisOptions& o) {
    if (o.num_batches < 1) throw UserError("the number of batches must be at least 1");
    if (o.batch_num < 0 || o.batch_num >= o.num_batches)
        throw UserError("batch number " + std::to_string(o.batch_num) + " must be in 0…" +
                        std::to_string(o.num_batches - 1));
    formats::StaticAnalysis result;
    result.config = config;
    if (o.batched) result.batch = formats::Batch{o.num_batches, o.batch_num};
    Progress progress(o);

    const TransformGraph ag = analysis_graph(config);
    const TransformGraph sg = synthesis_graph(config);
    ResponseCache acx(ag.ax), acy(ag.ay), scx(sg.ax), scy(sg.ay);
    BoundSymbols symbols;
    // Terms are written in a fixed order (sources in graph order, min before max), so a
    // batch writes every bound exactly as the unbatched run does.
    for (const auto& sources : {analysis_sources(ag), synthesis_sources(sg)})
        for (const BoundSource& s : sources) {
            symbols.get(s.min_symbol);
            symbols.get(s.max_symbol);
        }

    // Analysis: bounds and the sign pattern of the pixel weights.
    const auto aphases = phases_of(ag, o);
    const auto asources = analysis_sources(ag);
    for (std::size_t i = 0; i < aphases.size(); ++i) {
        const Phase& p = aphases[i];
        if (progress.enabled())
            progress.say("analysis " + std::to_string(i + 1) + "/" + std::to_string(aphases.size()) + ": " + describe(p));
        result.analysis_bounds.push_back(signal_bound(ag, asources, p, acx, acy, symbols));
        const auto& rx = acx.plain(p.array->x, p.x);
        const auto& ry = acy.plain(p.array->y, p.y);
        const PolarityImage img =
            outer_signs(rx[static_cast<std::size_t>(ag.input_x)], ry[static_cast<std::size_t>(ag.input_y)]);
        result.analysis_patterns.push_back(placed(img, ag, p));
    }

    // Synthesis: bounds (GiNaC, serial), then the painting heuristic in parallel.
    const auto sphases = phases_of(sg, o);
    const auto ssources = synthesis_sources(sg);
    std::vector<BandAnalysisSigns> bands;
    for (const CoefficientBand& b : sg.bands) {
        const CoefficientBand* match = nullptr;
        for (const CoefficientBand& a : ag.bands)
            if (a.level == b.level && a.orient == b.orient) match = &a;
        if (!match) throw InternalError("no analysis band for synthesis band " + b.orient);
        BandAnalysisSigns s;
        s.level = b.level;
        s.orient = b.orient;
        s.x = b.x;
        s.y = b.y;
        s.step_x = pixels_per_sample(ag.ax, match->x);
        s.step_y = pixels_per_sample(ag.ay, match->y);
        s.ax = plain_signs(acx.get(match->x, 0).gain[static_cast<std::size_t>(ag.input_x)]);
        s.ay = plain_signs(acy.get(match->y, 0).gain[static_cast<std::size_t>(ag.input_y)]);
        bands.push_back(std::move(s));
    }
    const SynthesisPatternPainter painter(std::move(bands));

    struct Job {
        const std::vector<PlainGain>* rx;
        const std::vector<PlainGain>* ry;
        PlainGain direct_x, direct_y;
    };
    std::vector<Job> jobs;
    for (std::size_t i = 0; i < sphases.size(); ++i) {
        const Phase& p = sphases[i];
        if (progress.enabled() && (i % 64 == 0 || i + 1 == sphases.size()))
            progress.say("synthesis bounds " + std::to_string(i + 1) + "/" + std::to_string(sphases.size()) + ": " +
                         describe(p));
        result.synthesis_bounds.push_back(signal_bound(sg, ssources, p, scx, scy, symbols));
        const TransformArray* m = ag.find(p.array->mirror_level, p.array->mirror_name);
        if (!m) throw InternalError("no analysis array mirrors synthesis " + describe(p));
        jobs.push_back({&scx.plain(p.array->x, p.x), &scy.plain(p.array->y, p.y),
                        plain_signs(acx.get(m->x, p.x).gain[static_cast<std::size_t>(ag.input_x)]),
                        plain_signs(acy.get(m->y, p.y).gain[static_cast<std::size_t>(ag.input_y)])});
    }

    result.synthesis_patterns.resize(sphases.size());
    std::atomic<std::size_t> done{0};
    parallel_for(jobs.size(), o.threads, [&](std::size_t i) {
        const Job& j = jobs[i];
        const PolarityImage img = painter.paint(*j.rx, *j.ry, j.direct_x, j.direct_y);
        result.synthesis_patterns[i] = placed(img, sg, sphases[i]);
        const std::size_t d = ++done;
        if (progress.enabled() && (d % 16 == 0 || d == jobs.size()))
            progress.say("synthesis patterns " + std::to_string(d) + "/" + std::to_string(jobs.size()) +
                         " (latest: " + describe(sphases[i]) + ")");
    });
    return result;
}

}  // namespace rigor::symbolic::vc2
