// Runs whole pictures through the integer transform (analysis, quantisation at every
// index, synthesis) and checks that no intermediate value ever leaves the concrete
// bound of its array and phase (concrete_bounds.hpp).  The pictures: every test pattern
// of the static analysis with both polarities, random pictures and saturated (±full
// scale) random pictures, all of the same size, the edges included.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "pixel/vc2/concrete_bounds.hpp"

namespace rigor::vc2 {

struct VerificationOptions {
    long width = 0, height = 0;  // 0: large enough for every test pattern
    int random_pictures = 4;     // of each kind (uniform, saturated)
    std::uint64_t seed = 1;
};

struct ArrayObservation {
    bool synthesis = false;
    int level = 0;
    std::string name;
    std::int64_t lower = 0, upper = 0;        // the bounds, widest over phases
    std::int64_t seen_min = 0, seen_max = 0;  // what the pictures produced
    std::int64_t violations = 0;

    // max(|seen|) / max(|bound|): how close the pictures came to the bound.
    double closeness() const;
};

struct VerificationReport {
    long width = 0, height = 0, pictures = 0, decodings = 0;
    std::int64_t violations = 0;
    std::vector<ArrayObservation> arrays;  // analysis then synthesis, creation order
    std::vector<std::string> first_violations;  // up to 10, readable
};

VerificationReport verify_bounds(const StaticAnalysis& analysis, int picture_bits, const QuantisationMatrix& matrix,
                                 const VerificationOptions& options = {});

}  // namespace rigor::vc2
