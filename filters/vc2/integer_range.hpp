// Whether the integer VC-2 transform (spec 15.4, pixel/vc2) stays inside 64-bit integers:
// a worst-case bound on the magnitude of every value it computes, from the largest input
// magnitude alone, so that a run can be refused before it starts instead of overflowing.
//
// The bound follows the transform step by step with one magnitude per sample parity of
// each array (M_even, M_odd), exact in 128-bit integers:
//   analysis shift      x·2^b                     M ← M·2^b
//   lifting stage       t = o + Σ taps[i]·x[…]     |t| ≤ A = o + Σ|taps|·M_other
//                       x ← x ± (t >> S)           M_updated ← M_updated + ⌈A / 2^S⌉
//   synthesis shift     (x + 2^(b−1)) >> b         M ← ⌈(M + 2^(b−1)) / 2^b⌉
// (|⌊t/2^S⌋| ≤ ⌈|t|/2^S⌉; every partial sum of t is bounded by A too.)  Splitting into
// even and odd samples gives each half the magnitude of its parity; interleaving gives
// the even samples the first input's and the odd ones the second's.  The spec's edge rule
// clamps a tap to another sample of the same parity (lifting.hpp), so the bound holds at
// the picture edges as inside.  It ignores every cancellation, so it is loose (LeGall:
// about 2.2 bits per 2-D level where the true growth is 2), but it is a proof.
#pragma once
#include <cstdint>
#include <optional>

#include "filters/vc2/transform_config.hpp"

namespace rigor::vc2 {

// Every value and lifting sum must fit a signed 64-bit integer.
inline constexpr std::uint64_t kIntegerLimit = std::uint64_t{1} << 63;  // exclusive

// The largest magnitude any value of the analysis of a picture with |sample| ≤ input can
// take (samples and lifting sums), or nothing when that bound reaches 2^63.
std::optional<std::uint64_t> analysis_magnitude_bound(const TransformConfig& config, std::uint64_t input);
// The same for the synthesis of coefficients with |coefficient| ≤ input in every band.
std::optional<std::uint64_t> synthesis_magnitude_bound(const TransformConfig& config, std::uint64_t input);

}  // namespace rigor::vc2
