// One lifting stage applied along one line of samples, exactly as the VC-2
// specification's lift1…lift4 (SMPTE ST 2042-1 15.4.4.1), including its edge rule: tap
// positions are clamped into the line (odd taps to [1, n−1], even taps to [0, n−2];
// filters/vc2/edge_rule.hpp, shared with the exact finite-line responses).
#pragma once
#include <cstdint>

#include "filters/vc2/wavelet.hpp"

namespace rigor::pixel::vc2 {

// Applies `stage` as given (synthesis stages for synthesis, analysis_stages() for
// analysis) to line[0], line[stride], …, line[(n−1)·stride].  n must be even and ≥ 2.
void lift_line(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& stage) noexcept;
// lift_line on `count` lines side by side: line j is first[j], first[j + stride], …,
// first[j + (n−1)·stride] (the columns of a row-major array: stride = width = count).
void lift_lines(std::int64_t* first, long n, long stride, long count, const rigor::vc2::LiftingStage& stage);
// The plain loop lift_line is checked against: every tap through the edge rule.
void lift_line_reference(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& stage) noexcept;
// The same, every product and sum checked: false as soon as one would leave 64-bit
// integers (the line is then partly updated).  For the runs filters/vc2/integer_range
// cannot prove safe; the plain loop above is the reference.
bool lift_line_checked(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& stage) noexcept;

}  // namespace rigor::pixel::vc2
