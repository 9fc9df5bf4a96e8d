#include "pixel/vc2_tight/witness.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <set>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"
#include "pixel/vc2_tight/phase_scan.hpp"
#include "pixel/vc2_tight/quantisation_error.hpp"
#include "pixel/vc2_tight/tight_table.hpp"

namespace rigor::pixel::vc2_tight {

using rigor::vc2::Coefficients;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformArray;
using rigor::vc2::TransformGraph;
using pixel::vc2_bit_widths::signed_bits;

const PhaseWitness& Witnesses::at(bool synthesis_side, const formats::ArrayPhase& w) const {
    for (const ArrayWitnesses& a : synthesis_side ? synthesis : analysis)
        if (a.level == w.level && a.name == w.array_name) {
            if (w.x < 0 || w.x >= a.period_x || w.y < 0 || w.y >= a.period_y) break;
            return a.phases[static_cast<std::size_t>(w.x * a.period_y + w.y)];
        }
    throw InternalError("no witness of (" + std::to_string(w.level) + ", " + w.array_name + ") phase (" +
                        std::to_string(w.x) + ", " + std::to_string(w.y) + ")");
}

namespace {

// Better: larger (side +1) or smaller (side −1), ties to the smaller picture key.
bool better(const WitnessValue& a, const WitnessValue& b, int side) {
    if (a.picture < 0) return false;
    if (b.picture < 0) return true;
    if (a.value != b.value) return side > 0 ? a.value > b.value : a.value < b.value;
    return a.picture < b.picture;
}

void keep_better(WitnessValue& mine, const WitnessValue& other, int side) {
    if (better(other, mine, side)) mine = other;
}

std::vector<ArrayWitnesses> empty_witnesses(const TransformGraph& g) {
    std::vector<ArrayWitnesses> out;
    for (const TransformArray& a : g.arrays)
        out.push_back({a.level, a.name, a.period_x, a.period_y,
                       std::vector<PhaseWitness>(static_cast<std::size_t>(a.period_x * a.period_y))});
    return out;
}

void merge_into(std::vector<ArrayWitnesses>& mine, const std::vector<ArrayWitnesses>& other) {
    for (std::size_t i = 0; i < mine.size(); ++i)
        for (std::size_t k = 0; k < mine[i].phases.size(); ++k) {
            keep_better(mine[i].phases[k].highest, other[i].phases[k].highest, +1);
            keep_better(mine[i].phases[k].lowest, other[i].phases[k].lowest, -1);
        }
}

// The extremes of every array at every phase over the pictures run through it; pictures
// are named by their search key while searching.
class Recorder {
public:
    explicit Recorder(const TransformGraph& g) : arrays(empty_witnesses(g)) {
        for (std::size_t i = 0; i < g.arrays.size(); ++i) index_[{g.arrays[i].level, g.arrays[i].name}] = i;
    }

    // Per phase, the first (in row-major order) largest and smallest value of the array
    // is offered to the phase's witness: all of one picture share its key, so a later
    // equal value of the same picture would not replace an earlier one (better()), and
    // offering only these gives what offering every value in that order gives.
    pixel::vc2::ArrayVisitor visitor(long key, int qi) {
        return [this, key, qi](int level, std::string_view name, const SampleArray& p) {
            ArrayWitnesses& a = arrays[index_.at({level, std::string(name)})];
            if (p.width == 0 || p.height == 0) return;
            const std::vector<PhaseExtremes> e = phase_extremes_of(p, a.period_x, a.period_y);
            for (std::size_t k = 0; k < e.size(); ++k)
                if (e[k].seen) {
                    keep_better(a.phases[k].highest, {e[k].hi, key, qi, e[k].hx, e[k].hy}, +1);
                    keep_better(a.phases[k].lowest, {e[k].lo, key, qi, e[k].lx, e[k].ly}, -1);
                }
        };
    }

    std::vector<ArrayWitnesses> arrays;

private:
    std::map<std::pair<int, std::string>, std::size_t> index_;
};

// A sign picture: hi where side·Σ_t gx_t[i]·gy_t[j] > 0, lo where < 0 (zero weights: the
// side's extreme, they do not change the linear part).  Analysis: one term, the array's
// separable weights; decoder: the weights of the bands an index leaves non-zero,
// Σ_b ux_b ⊗ uy_b.  Decoder candidates are decoded at qi_lo … qi_hi.
// Or a given picture (`fixed`: an exact Haar block's, haar_levels.hpp), no terms.
struct Candidate {
    bool decode = false;
    std::vector<std::pair<const FixedPolynomial*, const FixedPolynomial*>> terms;
    int side = 1;
    int qi_lo = 0, qi_hi = -1;
    std::optional<SampleArray> fixed;
};

SampleArray sign_picture(const Candidate& c, long width, long height, IntegerRange pic) {
    SampleArray out(width, height);
    const auto W = static_cast<std::size_t>(width), H = static_cast<std::size_t>(height);
    std::vector<double> weight(W * H, 0.0);
    for (const auto& [gx, gy] : c.terms) {
        std::vector<double> wx(W), wy(H);
        // One term: only signs matter (exact); several: their sum, in doubles.
        for (std::size_t i = 0; i < W; ++i) wx[i] = c.terms.size() == 1 ? sgn((*gx)[long(i)]) : (*gx)[long(i)].get_d();
        for (std::size_t j = 0; j < H; ++j) wy[j] = c.terms.size() == 1 ? sgn((*gy)[long(j)]) : (*gy)[long(j)].get_d();
        for (std::size_t j = 0; j < H; ++j)
            if (wy[j] != 0)
                for (std::size_t i = 0; i < W; ++i) weight[j * W + i] += wx[i] * wy[j];
    }
    for (std::size_t k = 0; k < W * H; ++k) {
        const double s = c.side * weight[k];
        out.samples[k] = s > 0 || (s == 0 && c.side > 0) ? pic.upper : pic.lower;
    }
    return out;
}

SampleArray candidate_picture(const Candidate& c, long width, long height, IntegerRange pic) {
    return c.fixed ? *c.fixed : sign_picture(c, width, height, pic);
}

// One target of the local search: the value of one array at one position (decoder: at
// one index), pushed towards one side, and the pixels it depends on.
struct Target {
    bool synthesis = false;
    std::size_t array = 0;
    int level = 0;
    std::string name;
    long x = 0, y = 0;
    int qi = -1;
    int side = 1;
    int bits = 0;              // the bound's width on this side: reaching it closes the row
    std::vector<long> xs, ys;  // the dependency region along each axis
    long start = -1;           // the candidate picture to start from
};

struct Evaluator {
    const rigor::vc2::TransformConfig& config;
    const rigor::vc2::QuantisationMatrix& matrix;

    // The target's value for `picture` through the whole integer transform.
    std::int64_t operator()(const Target& t, const SampleArray& picture) const {
        std::int64_t out = 0;
        auto grab = [&](int level, std::string_view name, const SampleArray& p) {
            if (level == t.level && name == t.name) out = p.at(t.x, t.y);
        };
        if (!t.synthesis) {
            pixel::vc2::analyse(config, picture, grab);
            return out;
        }
        Coefficients c = pixel::vc2::analyse(config, picture);
        pixel::vc2_bit_widths::quantise_in_place(c, matrix, t.qi);
        pixel::vc2::synthesise(config, c, grab, t.level);
        return out;
    }
};

// Pixels [i·2^s + lo, i·2^s + hi] of an extent (pixel/vc2/dependency_region.hpp).
std::vector<long> region(const pixel::vc2::AxisRegion& r, int log2_step, long i, long extent) {
    std::vector<long> out;
    for (long p = std::max(0L, (i << log2_step) + r.lo); p <= std::min(extent - 1, (i << log2_step) + r.hi); ++p)
        out.push_back(p);
    return out;
}

// Coordinate moves from `start`: keeps a move unless it makes the value worse.  Moves:
// a pixel to the other extreme, by a small step (rounding and quantiser-bin edges are a
// few units apart in the coefficients), by a large one, to a uniformly random value (a
// coefficient can land anywhere in its quantiser bin), and (decoder) the quantisation
// index by one.  t.qi is updated with the index of the value returned.
// The coefficient nearest c (above: up > 0, else below) whose dequantised value is the
// next level of the dead-zone quantiser at index q (ST 2042-1 13.3: level k = ⌊4|c|/qf⌋
// covers ⌈k·qf/4⌉ ≤ |c| < ⌈(k+1)·qf/4⌉): the cheapest change of c that moves Q(c).
std::int64_t next_bin(std::int64_t c, int q, bool up) {
    if (!up) return -next_bin(-c, q, true);
    const std::int64_t qf = pixel::vc2::quant_factor(q);
    auto start = [&](std::int64_t k) { return (k * qf + 3) / 4; };  // ⌈k·qf/4⌉
    if (c >= 0) return start((4 * c) / qf + 1);
    const std::int64_t k = (4 * -c) / qf;
    return k >= 1 ? -(start(k) - 1) : start(1);
}

struct SearchResult {
    std::int64_t value = 0;
    SampleArray picture;
    int qi = -1;
};

SearchResult local_search(Target t, SampleArray picture, std::int64_t value, const Evaluator& eval, IntegerRange pic,
                          int max_qi, long moves, long& transforms, std::uint64_t seed) {
    if (t.xs.empty() || t.ys.empty()) return {value, picture, t.qi};
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick_x(0, t.xs.size() - 1), pick_y(0, t.ys.size() - 1);
    std::uniform_int_distribution<int> kind(0, t.synthesis ? 15 : 10), step(1, 4), big(5, 64);
    std::uniform_int_distribution<std::int64_t> anywhere(pic.lower, pic.upper);
    for (long m = 0; m < moves && signed_bits(value) < t.bits; ++m) {
        const int k = kind(rng);
        if (k >= 12) {
            // Decoder: one coefficient near the target moved to the edge of the next
            // quantiser bin up or down, the picture re-made from the coefficients by the
            // lossless synthesis and clamped to the picture range.
            Coefficients c = pixel::vc2::analyse(eval.config, picture);
            auto level = c.begin();
            std::advance(level, static_cast<long>(rng() % c.size()));
            auto band = level->second.begin();
            std::advance(band, static_cast<long>(rng() % level->second.size()));
            SampleArray& plane = band->second;
            auto pick = [&](const std::vector<long>& span, long size, long extent) {
                const long lo = span.front() * size / extent, hi = std::max(lo, span.back() * size / extent);
                return std::min(size - 1, lo + static_cast<long>(rng() % static_cast<std::uint64_t>(hi - lo + 1)));
            };
            std::int64_t& v = plane.at(pick(t.xs, plane.width, picture.width), pick(t.ys, plane.height, picture.height));
            const int q = std::max(0, t.qi - eval.matrix.at(level->first).at(band->first));
            v = next_bin(v, q, rng() % 2);
            SampleArray moved = pixel::vc2::synthesise(eval.config, c);
            for (std::int64_t& p : moved.samples) p = std::clamp(p, pic.lower, pic.upper);
            const std::int64_t value_moved = eval(t, moved);
            transforms += 3;
            if (t.side * (value_moved - value) >= 0) {
                value = value_moved;
                picture = std::move(moved);
            }
            continue;
        }
        if (k == 11) {
            if (!t.synthesis) continue;
            const int old_qi = t.qi;
            t.qi = std::clamp(t.qi + (rng() % 2 ? 1 : -1), 0, max_qi);
            if (t.qi == old_qi) continue;
            const std::int64_t v = eval(t, picture);
            ++transforms;
            if (t.side * (v - value) >= 0)
                value = v;
            else
                t.qi = old_qi;
            continue;
        }
        const long x = t.xs[pick_x(rng)], y = t.ys[pick_y(rng)];
        std::int64_t& p = picture.at(x, y);
        const std::int64_t old = p;
        if (k < 2)
            p = p == pic.upper ? pic.lower : pic.upper;
        else if (k < 8)
            p = std::clamp<std::int64_t>(p + (k < 5 ? step(rng) : -step(rng)), pic.lower, pic.upper);
        else if (k < 10)
            p = std::clamp<std::int64_t>(p + (k < 9 ? big(rng) : -big(rng)), pic.lower, pic.upper);
        else
            p = anywhere(rng);
        if (p == old) continue;
        const std::int64_t v = eval(t, picture);
        ++transforms;
        if (t.side * (v - value) >= 0)
            value = v;
        else
            p = old;
    }
    return {value, picture, t.qi};
}

// Every witness value of both directions.
template <class F>
void for_each_value(Witnesses& w, F f) {
    for (auto* arrays : {&w.analysis, &w.synthesis})
        for (ArrayWitnesses& a : *arrays)
            for (PhaseWitness& p : a.phases)
                for (WitnessValue* v : {&p.highest, &p.lowest})
                    if (v->picture >= 0) f(*v);
}

// The values name their pictures by key: keep the pictures used (picture_of(key)), in
// key order, and name them by index.
template <class PictureOf>
void keep_used_pictures(Witnesses& w, PictureOf picture_of) {
    std::map<long, long> index;
    for_each_value(w, [&](WitnessValue& v) { index.emplace(v.picture, 0); });
    w.pictures.clear();
    w.keys.clear();
    for (auto& [key, i] : index) {
        i = static_cast<long>(w.pictures.size());
        w.keys.push_back(static_cast<std::uint64_t>(key));
        w.pictures.push_back(picture_of(key));
    }
    for_each_value(w, [&](WitnessValue& v) { v.picture = index.at(v.picture); });
}

}  // namespace

Witnesses no_witnesses(const rigor::vc2::TransformConfig& config, long width, long height) {
    Witnesses none;
    none.width = width;
    none.height = height;
    none.analysis = empty_witnesses(rigor::vc2::analysis_graph(config));
    none.synthesis = empty_witnesses(rigor::vc2::synthesis_graph(config));
    return none;
}

Witnesses find_witnesses(const TightBounds& bounds, const rigor::vc2::QuantisationMatrix& matrix,
                         const WitnessOptions& o) {
    if (o.batches < 1 || o.batch < 0 || o.batch >= o.batches) throw InternalError("bad witness batch");
    const PictureGeometry& geo = bounds.geometry();
    const rigor::vc2::TransformConfig& config = geo.config;
    const IntegerRange pic = bounds.analysis.picture;
    const int max_qi = bounds.maximum_quantisation_index;
    const TransformGraph ag = rigor::vc2::analysis_graph(config), sg = rigor::vc2::synthesis_graph(config);
    if (geo.width * geo.height > o.max_pixels) return no_witnesses(config, geo.width, geo.height);
    ResponseCache cx(ag.ax, {geo.width}), cy(ag.ay, {geo.height});

    // Step 1: the candidates (every batch runs all of them, so the targets of step 2 are
    // the same in every batch).
    std::vector<Candidate> candidates;
    std::set<std::tuple<std::vector<std::pair<const FixedPolynomial*, const FixedPolynomial*>>, int, bool, int, int>> seen;
    auto add = [&](Candidate c) {
        if (seen.insert({c.terms, c.side, c.decode, c.qi_lo, c.qi_hi}).second) candidates.push_back(std::move(c));
    };
    for (std::size_t i = 0; i < ag.arrays.size(); ++i)
        for (const PhaseBound& b : bounds.analysis.arrays[i].phases)
            for (int side : {1, -1}) {
                const ClassPair& at = side > 0 ? b.at_upper : b.at_lower;
                add({false,
                     {{&cx.get(ag.arrays[i].x, at.x).gain(ag.input_x), &cy.get(ag.arrays[i].y, at.y).gain(ag.input_y)}},
                     side});
            }
    // The decoder: per index, the bands it leaves non-zero; the indices of each such set.
    struct Band {
        int analysis_x, analysis_y, synthesis_x, synthesis_y;
    };
    std::vector<Band> bands;
    std::map<std::vector<bool>, std::pair<int, int>> regimes;  // non-zero bands → indices
    if (!sg.arrays.empty()) {
        std::vector<std::vector<bool>> live(static_cast<std::size_t>(max_qi + 1));
        for (std::size_t i = 0; i < bounds.synthesis.bands.size(); ++i) {
            const BandRange& r = bounds.synthesis.bands[i];
            const auto match = std::find_if(ag.bands.begin(), ag.bands.end(),
                                            [&](const auto& x) { return x.level == r.level && x.orient == r.orient; });
            if (match == ag.bands.end()) throw InternalError("no analysis band " + r.orient);
            bands.push_back({match->x, match->y, sg.bands[i].x, sg.bands[i].y});
            const int m = matrix.at(r.level).at(r.orient);
            for (int qi = 0; qi <= max_qi; ++qi)
                live[static_cast<std::size_t>(qi)].push_back(
                    !quantised_range(r.analysis.lower, r.analysis.upper, std::max(0, qi - m)).zeroed);
        }
        for (int qi = 0; qi <= max_qi; ++qi) {
            auto [it, fresh] = regimes.try_emplace(live[static_cast<std::size_t>(qi)], qi, qi);
            it->second.second = qi;
        }
    }
    ResponseCache sx(sg.ax, {geo.width}), sy(sg.ay, {geo.height});
    std::map<std::tuple<bool, int, int, long>, FixedPolynomial> pushed;  // (along x, band, node, position)
    auto band_gain = [&](bool along_x, std::size_t b, int node, const AxisClass& cls) -> const FixedPolynomial* {
        const auto key = std::tuple{along_x, static_cast<int>(b), node, cls.position};
        if (auto it = pushed.find(key); it != pushed.end()) return &it->second;
        const ClassResponse& r = (along_x ? sx : sy).get(node, cls);
        const Band& band = bands[b];
        FixedPolynomial g = pushed_back_gain(along_x ? ag.ax : ag.ay, along_x ? band.analysis_x : band.analysis_y,
                                             along_x ? ag.input_x : ag.input_y,
                                             r.gain(along_x ? band.synthesis_x : band.synthesis_y),
                                             {along_x ? geo.width : geo.height});
        return &pushed.emplace(key, std::move(g)).first->second;
    };
    for (std::size_t i = 0; i < sg.arrays.size(); ++i) {
        const TransformArray& sa = sg.arrays[i];
        for (const PhaseBound& b : bounds.decoder.arrays[i].phases)
            for (int side : {1, -1}) {
                const ClassPair& at = side > 0 ? b.at_upper : b.at_lower;
                // Per set of non-zero bands, Σ_b ux_b ⊗ uy_b (with every band: the mirror
                // analysis array's weights, the chain's linear map).
                for (const auto& [live, range] : regimes) {
                    Candidate c{true, {}, side, range.first, range.second};
                    for (std::size_t k = 0; k < bands.size(); ++k)
                        if (live[k]) c.terms.push_back({band_gain(true, k, sa.x, at.x), band_gain(false, k, sa.y, at.y)});
                    if (!c.terms.empty()) add(std::move(c));
                }
            }
    }

    // Haar: the picture of each exact bound's block (haar_levels.hpp), coded at its index.
    std::set<std::pair<int, std::vector<std::int64_t>>> blocks;
    for (const HaarArrayBound& a : bounds.haar.arrays)
        for (const std::vector<HaarBlock>* side : {&a.lowest, &a.highest})
            for (const HaarBlock& b : *side)
                if (b.qi >= 0 && blocks.insert({b.qi, b.inputs}).second)
                    candidates.push_back({true, {}, 1, b.qi, b.qi, haar_block_picture(config, pic, b, geo.width, geo.height)});

    Witnesses out;
    out.width = geo.width;
    out.height = geo.height;
    out.analysis = empty_witnesses(ag);
    out.synthesis = empty_witnesses(sg);
    const unsigned threads = std::max(1u, o.threads);
    std::vector<Recorder> ra(threads, Recorder(ag)), rs(threads, Recorder(sg));
    std::vector<long> transforms(threads, 0);
    {
        // Candidates of equal pictures give equal values and the smaller key wins every tie
        // (better()), so each sign picture is analysed once, under its first candidate's
        // key, and each (picture, index) decoded once, under the first candidate asking
        // for it: what running every candidate records, in a third of the transforms.
        std::vector<std::vector<bool>> upper(candidates.size());  // sign pictures: which samples are hi
        parallel_for(candidates.size(), threads, [&](std::size_t k, int) {
            if (candidates[k].fixed) return;
            const SampleArray p = sign_picture(candidates[k], geo.width, geo.height, pic);
            upper[k].resize(p.samples.size());
            for (std::size_t i = 0; i < p.samples.size(); ++i) upper[k][i] = p.samples[i] == pic.upper;
        });
        struct Work {
            bool analyse = true;
            std::vector<int> indices;
        };
        std::vector<Work> work(candidates.size());
        std::map<std::vector<bool>, std::size_t> first;
        std::set<std::pair<std::size_t, int>> decoded;  // (first candidate of the picture, qi)
        for (std::size_t k = 0; k < candidates.size(); ++k) {
            const Candidate& c = candidates[k];
            std::size_t owner = k;
            if (!c.fixed) {
                const auto [it, fresh] = first.emplace(upper[k], k);
                owner = it->second;
                work[k].analyse = fresh;
            }
            if (c.decode)
                for (int qi = c.qi_lo; qi <= c.qi_hi; ++qi)
                    if (decoded.insert({owner, qi}).second) work[k].indices.push_back(qi);
        }
        ProgressTask task(o.progress, "witness candidates", candidates.size());
        parallel_for(candidates.size(), threads, [&](std::size_t k, int t) {
            const Candidate& c = candidates[k];
            const Work& w = work[k];
            if (w.analyse || !w.indices.empty()) {
                SampleArray picture = c.fixed ? *c.fixed : SampleArray(geo.width, geo.height);
                if (!c.fixed)
                    for (std::size_t i = 0; i < picture.samples.size(); ++i)
                        picture.samples[i] = upper[k][i] ? pic.upper : pic.lower;
                const long key = static_cast<long>(k);
                const Coefficients coefficients = w.analyse ? pixel::vc2::analyse(config, picture, ra[t].visitor(key, -1))
                                                            : pixel::vc2::analyse(config, picture);
                ++transforms[t];
                for (int qi : w.indices) {
                    Coefficients q = coefficients;
                    pixel::vc2_bit_widths::quantise_in_place(q, matrix, qi);
                    pixel::vc2::synthesise(config, q, rs[t].visitor(key, qi));
                    ++transforms[t];
                }
            }
            task.step();
        });
    }
    for (unsigned t = 0; t < threads; ++t) {
        merge_into(out.analysis, ra[t].arrays);
        merge_into(out.synthesis, rs[t].arrays);
    }

    // Step 2: the targets short of their bound's width, numbered deterministically.
    std::vector<Target> targets;
    const pixel::vc2::ArrayRegions regions[2] = {pixel::vc2::analysis_regions(config), pixel::vc2::synthesis_regions(config)};
    for (bool synthesis : {false, true}) {
        const TransformGraph& g = synthesis ? sg : ag;
        for (std::size_t i = 0; i < g.arrays.size(); ++i) {
            const ArrayBound& ab = synthesis ? bounds.decoder.arrays[i] : bounds.analysis.arrays[i];
            const ArrayWitnesses& aw = synthesis ? out.synthesis[i] : out.analysis[i];
            for (std::size_t k = 0; k < ab.phases.size(); ++k) {
                const PhaseBound& b = ab.phases[k];
                const PhaseWitness& w = aw.phases[k];
                const int need = std::max(signed_bits(b.lower), signed_bits(b.upper));
                if (w.highest.picture >= 0 && w.lowest.picture >= 0 &&
                    std::max(signed_bits(w.highest.value), signed_bits(w.lowest.value)) >= need)
                    continue;
                for (int side : {1, -1}) {
                    const WitnessValue& from = side > 0 ? w.highest : w.lowest;
                    if (signed_bits(side > 0 ? b.upper : b.lower) < need || from.picture < 0) continue;
                    Target tg{synthesis, i, g.arrays[i].level, g.arrays[i].name, from.x, from.y, from.qi, side, need,
                              region(regions[synthesis].x[i], regions[synthesis].log2_step_x[i], from.x, geo.width),
                              region(regions[synthesis].y[i], regions[synthesis].log2_step_y[i], from.y, geo.height),
                              from.picture};
                    targets.push_back(std::move(tg));
                }
            }
        }
    }
    std::map<long, SampleArray> found;  // key → picture of the local search
    const long first_search_key = static_cast<long>(candidates.size());
    std::vector<std::size_t> mine;
    for (std::size_t t = 0; t < targets.size(); ++t)
        if (static_cast<int>(t % static_cast<std::size_t>(o.batches)) == o.batch) mine.push_back(t);
    if (o.moves > 0 && !mine.empty()) {
        const Evaluator eval{config, matrix};
        std::vector<SearchResult> result(mine.size());
        const long moves = o.moves;
        ProgressTask task(o.progress, "witness searches", mine.size());
        parallel_for(mine.size(), threads, [&](std::size_t j, int th) {
            const Target& t = targets[mine[j]];
            const SampleArray start =
                candidate_picture(candidates[static_cast<std::size_t>(t.start)], geo.width, geo.height, pic);
            const std::int64_t value = eval(t, start);
            ++transforms[th];
            result[j] = local_search(t, start, value, eval, pic, max_qi, moves, transforms[th],
                                     0x9e3779b97f4a7c15ULL * (mine[j] + 1));
            task.step();
        });
        for (std::size_t j = 0; j < mine.size(); ++j) {
            const Target& t = targets[mine[j]];
            const long key = first_search_key + static_cast<long>(mine[j]);
            auto& arrays = t.synthesis ? out.synthesis : out.analysis;
            ArrayWitnesses& a = arrays[t.array];
            PhaseWitness& w = a.phases[static_cast<std::size_t>((t.x % a.period_x) * a.period_y + t.y % a.period_y)];
            const WitnessValue v{result[j].value, key, result[j].qi, t.x, t.y};
            WitnessValue& slot = t.side > 0 ? w.highest : w.lowest;
            if (better(v, slot, t.side)) {
                slot = v;
                found[key] = std::move(result[j].picture);
            }
        }
    }
    for (long n : transforms) out.transforms += n;

    keep_used_pictures(out, [&](long key) {
        return key < first_search_key ? candidate_picture(candidates[static_cast<std::size_t>(key)], geo.width, geo.height, pic)
                                      : found.at(key);
    });
    return out;
}

Witnesses combine_witnesses(const std::vector<Witnesses>& parts) {
    if (parts.empty()) throw InternalError("no witnesses to combine");
    // Compared by key: each part's values renamed from picture index to key first.
    auto by_key = [](Witnesses w) {
        for_each_value(w, [&](WitnessValue& v) { v.picture = static_cast<long>(w.keys.at(static_cast<std::size_t>(v.picture))); });
        return w;
    };
    Witnesses out = by_key(parts[0]);
    out.transforms = 0;
    std::map<long, const SampleArray*> pictures;
    for (const Witnesses& part : parts) {
        if (part.width != out.width || part.height != out.height || part.analysis.size() != out.analysis.size() ||
            part.synthesis.size() != out.synthesis.size())
            throw UserError("witness batches of different configurations or picture sizes cannot be combined");
        const Witnesses w = by_key(part);
        merge_into(out.analysis, w.analysis);
        merge_into(out.synthesis, w.synthesis);
        for (std::size_t i = 0; i < part.pictures.size(); ++i)
            pictures.emplace(static_cast<long>(part.keys[i]), &part.pictures[i]);
        out.transforms += part.transforms;
    }
    keep_used_pictures(out, [&](long key) { return *pictures.at(key); });
    return out;
}

void apply_witnesses(std::vector<pixel::vc2_bit_widths::TableRow>& rows, const Witnesses& w) {
    for (pixel::vc2_bit_widths::TableRow& r : rows) {
        const PhaseWitness& p = w.at(r.synthesis, r.where);
        if (p.lowest.picture >= 0) r.pattern_min = std::min(r.pattern_min, p.lowest.value);
        if (p.highest.picture >= 0) r.pattern_max = std::max(r.pattern_max, p.highest.value);
    }
}

}  // namespace rigor::pixel::vc2_tight
