// Runs whole pictures through the integer transform (analysis, quantisation at every
// index, synthesis) and checks that no intermediate value ever leaves the concrete
// bound of its array and phase (concrete_bounds.hpp).  The pictures: every test pattern
// of the static analysis with both polarities, random pictures and saturated (±full
// scale) random pictures, all of the same size.
//
// Edges: the static analysis models arrays without edges, so its bounds cover the
// interior — values whose dependency region (pixel/vc2/dependency_region.hpp) lies
// inside the picture.  Values near the edges, where the specification clamps lifting
// taps, are checked too and how far they exceed their bounds is reported, but they
// count as violations only with include_edges.
//
// Replacement bounds (`vc2-verify --tight`): bounds of every array at every phase that
// hold at every position, edges included (pixel/vc2_tight), for the picture sizes they
// state; then every value counts and the decodings run to their maximum index.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "filters/base/progress.hpp"
#include "filters/vc2/sample_array.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

namespace rigor::pixel::vc2_bit_widths {

struct ReplacementBounds {
    // Keyed by each array's own phase (every array, not only the reported ones).
    std::map<formats::ArrayPhase, IntegerRange> analysis, synthesis;
    int maximum_quantisation_index = 0;
    // The pictures they hold for: exactly width × height, or every size at least that.
    long width = 0, height = 0;
    bool exact_size = false;
};

struct VerificationOptions {
    long width = 0, height = 0;  // 0: large enough for every test pattern
    int random_pictures = 4;     // of each kind (uniform, saturated)
    std::uint64_t seed = 1;
    bool include_edges = false;  // count edge values beyond their bounds as violations
    // Instead of the static analysis's bounds (implies include_edges); must cover the
    // picture size, else rigor::UserError.
    const ReplacementBounds* replacement = nullptr;
    bool test_patterns = true;  // run the test patterns (false: only the pictures below)
    // More pictures, each of the report's size, named "<extra_name> k" (vc2-verify
    // --tight: the witness pictures); run after the test patterns.
    std::vector<rigor::vc2::SampleArray> extra_pictures;
    std::string extra_name = "picture";
    Progress progress;  // counts the pictures run (each: analysis and every decoding)
};

struct ArrayObservation {
    bool synthesis = false;
    int level = 0;
    std::string name;
    std::int64_t lower = 0, upper = 0;        // the bounds, widest over phases
    std::int64_t seen_min = 0, seen_max = 0;  // what the pictures produced
    std::int64_t violations = 0;              // counted (interior, or all with include_edges)
    std::int64_t edge_values = 0;             // values checked whose region crosses an edge
    std::int64_t edge_beyond = 0;             // … of which beyond their bound
    std::int64_t edge_excess = 0;             // the largest distance beyond the bound

    // max(|seen|) / max(|bound|): how close the pictures came to the bound.
    double closeness() const;
};

struct VerificationReport {
    long width = 0, height = 0, pictures = 0, decodings = 0;
    std::int64_t violations = 0;
    bool include_edges = false;
    std::int64_t edge_values = 0, edge_beyond = 0, edge_excess = 0;  // totals over arrays
    std::vector<ArrayObservation> arrays;                            // analysis then synthesis, creation order
    std::vector<std::string> first_violations;                       // up to 10, readable
    std::vector<std::string> first_edge_excesses;                    // up to 5, readable (information)
};

VerificationReport verify_bounds(const formats::StaticAnalysis& analysis, int picture_bits,
                                 const rigor::vc2::QuantisationMatrix& matrix, const VerificationOptions& options = {});

}  // namespace rigor::pixel::vc2_bit_widths
