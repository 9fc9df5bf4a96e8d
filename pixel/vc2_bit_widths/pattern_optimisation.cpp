#include "pixel/vc2_bit_widths/pattern_optimisation.hpp"

#include <cmath>
#include <random>
#include <string>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"

namespace rigor::pixel::vc2_bit_widths {

using pixel::vc2::analyse;
using pixel::vc2::synthesise;
using rigor::vc2::Coefficients;
using rigor::vc2::QuantisationMatrix;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformConfig;

namespace {

std::uint64_t magnitude(std::int64_t v) {
    return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

// The pattern with its box trimmed to the set pixels (as the reference stores a pattern:
// the bounding box of its defined pixels).  An empty pattern keeps its box.
formats::TestPattern trimmed(const formats::TestPattern& p) {
    long x0 = p.width, y0 = p.height, x1 = -1, y1 = -1;
    for (long y = 0; y < p.height; ++y)
        for (long x = 0; x < p.width; ++x)
            if (p.polarity(x, y) != 0) {
                x0 = std::min(x0, x), x1 = std::max(x1, x);
                y0 = std::min(y0, y), y1 = std::max(y1, y);
            }
    if (x1 < 0) return p;
    formats::TestPattern out = p;
    out.dx = p.dx + x0, out.dy = p.dy + y0;
    out.clear_box(x1 - x0 + 1, y1 - y0 + 1);
    for (long y = 0; y < out.height; ++y)
        for (long x = 0; x < out.width; ++x) out.set_polarity(x, y, p.polarity(x + x0, y + y0));
    return out;
}

long corruptions(double rate, std::size_t set_pixels) {
    return static_cast<long>(std::ceil(static_cast<double>(set_pixels) * rate));
}

// Polarities are searched row-major, a byte each, and packed into a pattern to be tried.
struct SearchResult {
    std::vector<std::int8_t> polarity;
    DecodedExtreme extreme;
    long iterations = 0;
};

// One greedy search from `start` (see the header).
SearchResult greedy_search(const TransformConfig& c, const formats::TestPattern& start, IntegerRange signal,
                           const QuantisationMatrix& matrix, int maximum_qi, const SearchParameters& s, long added,
                           long removed, std::mt19937_64& random) {
    const std::vector<std::int8_t> start_polarity = start.polarities();
    formats::TestPattern candidate = start;
    SearchResult best{start_polarity, strongest_decoded_value(c, start, signal, matrix, maximum_qi), 0};
    const std::size_t n = start_polarity.size();
    if (n == 0) return best;
    std::uniform_int_distribution<std::size_t> pixel(0, n - 1);
    std::bernoulli_distribution positive(0.5);
    std::vector<std::int8_t> trial;
    for (long remaining = s.base_iterations; remaining > 0;) {
        --remaining;
        trial = best.polarity;
        for (long k = 0; k < removed; ++k) {
            const std::size_t i = pixel(random);
            trial[i] = start_polarity[i];
        }
        for (long k = 0; k < added; ++k) {
            const std::size_t i = pixel(random);
            trial[i] = positive(random) ? 1 : -1;
        }
        candidate.set_polarities(trial);
        const DecodedExtreme e = strongest_decoded_value(c, candidate, signal, matrix, maximum_qi);
        ++best.iterations;
        if (stronger(e.value, best.extreme.value)) {
            best.polarity = trial;
            best.extreme = e;
            remaining += s.added_iterations_per_improvement;
        }
    }
    return best;
}

}  // namespace

bool stronger(std::int64_t a, std::int64_t b) {
    return magnitude(a) > magnitude(b) || (magnitude(a) == magnitude(b) && a > b);
}

void check_search_parameters(const SearchParameters& s) {
    if (s.number_of_searches < 1) throw UserError("--number-of-searches must be at least 1");
    if (!(s.added_corruption_rate >= 0 && s.added_corruption_rate <= 1))
        throw UserError("--added-corruption-rate must lie in 0 … 1");
    if (!(s.removed_corruption_rate >= 0 && s.removed_corruption_rate <= 1))
        throw UserError("--removed-corruption-rate must lie in 0 … 1");
    if (s.base_iterations < 0) throw UserError("--base-iterations must not be negative");
    if (s.added_iterations_per_improvement < 0)
        throw UserError("--added-iterations-per-improvement must not be negative");
}

DecodedExtreme strongest_decoded_value(const TransformConfig& c, const formats::TestPattern& p, IntegerRange signal,
                                       const QuantisationMatrix& matrix, int maximum_qi) {
    const PlacedPattern placed = place_pattern(c, p, signal);
    const Coefficients coefficients = analyse(c, placed.picture);
    const auto& w = p.where;
    DecodedExtreme best{0, -1};
    for (int qi = 0; qi <= maximum_qi; ++qi) {
        Coefficients q = coefficients;
        quantise_in_place(q, matrix, qi);
        bool found = false;
        std::int64_t value = 0;
        synthesise(
            c, q,
            [&](int level, std::string_view name, const SampleArray& plane) {
                if (found || level != w.level || name != w.array_name) return;
                if (placed.target_x >= plane.width || placed.target_y >= plane.height)
                    throw UserError("the target of the pattern of (" + std::to_string(w.level) + ", " + w.array_name +
                                    ") lies outside its array");
                value = plane.at(placed.target_x, placed.target_y);
                found = true;
            },
            w.level);
        if (!found)
            throw UserError("the transform has no array (" + std::to_string(w.level) + ", " + w.array_name + ")");
        // First index of the largest magnitude (as numpy's argmax of |values|).
        if (best.qi < 0 || magnitude(value) > magnitude(best.value)) best = {value, qi};
    }
    return best;
}

formats::OptimisedPattern optimise_synthesis_pattern(const TransformConfig& c, const formats::TestPattern& heuristic,
                                                     IntegerRange signal, const QuantisationMatrix& matrix,
                                                     int maximum_qi, const SearchParameters& s,
                                                     std::uint64_t target_number) {
    std::seed_seq seeds{static_cast<std::uint32_t>(s.seed), static_cast<std::uint32_t>(s.seed >> 32),
                        static_cast<std::uint32_t>(target_number), static_cast<std::uint32_t>(target_number >> 32)};
    std::mt19937_64 random(seeds);
    const std::size_t set_pixels = heuristic.set_pixels();
    const long added = corruptions(s.added_corruption_rate, set_pixels);
    const long removed = corruptions(s.removed_corruption_rate, set_pixels);

    formats::OptimisedPattern out;
    bool have = false;
    for (int sign : {1, -1}) {  // maximising, then minimising (the negated pattern)
        formats::TestPattern start = heuristic;
        std::vector<std::int8_t> start_polarity = heuristic.polarities();
        for (auto& v : start_polarity) v = static_cast<std::int8_t>(v * sign);
        start.set_polarities(start_polarity);
        SearchResult best;
        bool first = true, improvement_found = false;
        long iterations = 0;
        for (int search = 0; search < s.number_of_searches; ++search) {
            SearchResult r = greedy_search(c, start, signal, matrix, maximum_qi, s, added, removed, random);
            iterations += r.iterations;
            improvement_found = improvement_found || r.polarity != start_polarity;
            if (first || stronger(r.extreme.value, best.extreme.value)) best = std::move(r);
            first = false;
            if (s.terminate_early > 0 && search + 1 >= s.terminate_early && !improvement_found) break;
        }
        if (!have || stronger(best.extreme.value, out.decoded_value)) {
            start.set_polarities(best.polarity);
            out.pattern = trimmed(start);
            out.quantisation_index = best.extreme.qi;
            out.decoded_value = best.extreme.value;
            out.num_search_iterations = iterations;
            have = true;
        }
    }
    return out;
}

std::vector<formats::OptimisedPattern> optimise_synthesis_patterns(
    const formats::StaticAnalysis& analysis, int picture_bits, const QuantisationMatrix& matrix,
    const SearchParameters& s, unsigned threads,
    const std::function<void(std::size_t, const formats::OptimisedPattern&)>& done) {
    check_search_parameters(s);
    const ConcreteBounds bounds = concrete_bounds(analysis, picture_bits, matrix);
    const auto& patterns = analysis.synthesis_patterns;
    std::vector<formats::OptimisedPattern> out(patterns.size());
    parallel_for(patterns.size(), threads, [&](std::size_t k) {
        out[k] = optimise_synthesis_pattern(analysis.config, patterns[k], bounds.picture, matrix,
                                            bounds.maximum_quantisation_index, s, k);
        if (done) done(k, out[k]);
    });
    return out;
}

}  // namespace rigor::pixel::vc2_bit_widths
