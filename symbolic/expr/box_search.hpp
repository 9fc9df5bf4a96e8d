// Branch and bound over boxes of input values with the binary32 enclosure
// (binary32_enclosure.hpp): tightens a sound bound of an objective — the program's
// largest or smallest binary32 value, its largest rounding error — until a point reaches
// it or a budget of box evaluations is spent.
//
// Boxes are kept by their upper bound; the box with the largest is split in half along
// the input with the most values in it (halves of its index range, input_domain.hpp),
// and each half's middle point is evaluated as a point box, where the enclosure is the
// engine's own value (and the real model's within double ulps).  A box whose bound is at
// most the best value reached is dropped.  The bound reported is max(best reached,
// largest bound left): sound at every step, reached (exact) when no box is left above it.
#pragma once
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "symbolic/expr/binary32_enclosure.hpp"
#include "symbolic/expr/input_domain.hpp"

namespace rigor::symbolic::expr {

struct Box {
    std::vector<std::uint64_t> first, last;  // per input: the index range of its values
};
Box whole_box(const std::vector<InputDomain>& domains);
std::vector<Binary32Range> box_ranges(const std::vector<InputDomain>& domains, const Box& box);

struct BoxObjective {
    // A sound upper bound of the objective over a box (-inf: nothing there).
    std::function<double(const std::vector<NodeEnclosure>&)> upper;
    // A value of the objective the point (a point box) certainly reaches (-inf: none).
    std::function<double(const std::vector<NodeEnclosure>&)> at_point;
};

struct BoxSearch {
    double bound = std::numeric_limits<double>::infinity();  // sound
    double best = -std::numeric_limits<double>::infinity();  // reached at best_point
    std::vector<float> best_point;
    long boxes = 0;
    bool complete = false;  // no box left above the best: bound == best
};

// best/best_point: what is known reached already (from the engine search).
BoxSearch maximise(const Binary32Enclosure& enclosure, const std::vector<InputDomain>& domains,
                   const BoxObjective& objective, double best, std::vector<float> best_point, long budget);

}  // namespace rigor::symbolic::expr
