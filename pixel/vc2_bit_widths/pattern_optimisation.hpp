// Optimised synthesis test patterns (the reference's `vc2-optimise-synthesis-test-patterns`):
// the heuristic synthesis patterns of spec §4 improved for one codec configuration (bit
// width, quantisation matrix) by a seeded greedy stochastic search through the integer
// transform with quantisation.
//
// One search, from a starting pattern P0 over its box: the best pattern B = P0; then,
// while the iteration budget (base_iterations, + added_iterations_per_improvement per
// improvement) lasts, copy B, reset `removed` random box pixels to P0, overwrite `added`
// random box pixels (with replacement) with a random polarity, and keep the copy when its
// value is stronger.  A pattern's value is the decoded target at the quantisation index
// 0 … maximum_qi giving the largest magnitude (first such index); "stronger" = larger
// magnitude, or equal magnitude and positive (+2^n needs one bit more than −2^n).  The
// search is repeated number_of_searches times (from P0 each time; stopping after
// terminate_early searches if none changed the pattern), for the pattern and for its
// negation, and the strongest result kept.  Since every search starts from P0, the
// result is never weaker than the heuristic pattern.
//
// Determinism: target k uses its own std::mt19937_64 seeded from (seed, k), so the output
// depends on the seed only, never on the thread count.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "filters/formats/vc2_optimised_patterns.hpp"
#include "filters/formats/vc2_static_analysis.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

namespace rigor::pixel::vc2_bit_widths {

struct SearchParameters {
    std::uint64_t seed = 1;
    int number_of_searches = 10;
    int terminate_early = 1;               // ≤ 0: always run every search
    double added_corruption_rate = 0.05;   // × number of set pixels, rounded up
    double removed_corruption_rate = 0.0;  // idem
    long base_iterations = 200;
    long added_iterations_per_improvement = 200;
};

// Throws rigor::UserError naming a parameter out of range.
void check_search_parameters(const SearchParameters& parameters);

// The strongest decoded value of a maximising pattern over qi = 0 … maximum_qi.
struct DecodedExtreme {
    std::int64_t value = 0;
    int qi = 0;
};
DecodedExtreme strongest_decoded_value(const rigor::vc2::TransformConfig& config, const formats::TestPattern& pattern,
                                       IntegerRange signal, const rigor::vc2::QuantisationMatrix& matrix,
                                       int maximum_qi);

// "a is stronger than b" in the sense above.
bool stronger(std::int64_t a, std::int64_t b);

// Optimises one heuristic pattern with the generator state `random`.
formats::OptimisedPattern optimise_synthesis_pattern(const rigor::vc2::TransformConfig& config,
                                                     const formats::TestPattern& heuristic, IntegerRange signal,
                                                     const rigor::vc2::QuantisationMatrix& matrix, int maximum_qi,
                                                     const SearchParameters& parameters, std::uint64_t target_number);

// Every synthesis pattern of the analysis, in its order.  `done(k, result)` (optional) is
// called as each finishes, from the worker threads.
std::vector<formats::OptimisedPattern> optimise_synthesis_patterns(
    const formats::StaticAnalysis& analysis, int picture_bits, const rigor::vc2::QuantisationMatrix& matrix,
    const SearchParameters& parameters, unsigned threads,
    const std::function<void(std::size_t, const formats::OptimisedPattern&)>& done = {});

}  // namespace rigor::pixel::vc2_bit_widths
