// The VC-2 dead-zone quantiser and its inverse (SMPTE ST 2042-1 13.3), and the two
// facts the bit-width tools derive from them.
#pragma once
#include <cstdint>

namespace rigor::pixel::vc2 {

// Beyond this the factor no longer fits 63 bits.
inline constexpr int kMaxQuantisationIndex = 4 * 60 - 1;

// quant_factor(i): 2^(i/4) scaled by 4 and rounded as the spec's table does.
std::int64_t quant_factor(int index);
// quant_offset(i): 1 for i = 0, 2 for i = 1, else (quant_factor + 1) / 2.
std::int64_t quant_offset(int index);
// sign(c)·((4|c|) div qf).
std::int64_t forward_quant(std::int64_t value, int index);
// sign(q)·((|q|·qf + offset + 2) div 4); 0 → 0.
std::int64_t inverse_quant(std::int64_t quantised, int index);

// The smallest index that quantises `value` to 0.
int smallest_zeroing_quantisation_index(std::int64_t value);
// The largest magnitude dequantisation can give a coefficient of magnitude ≤ |value|
// (with the sign of value): at qi = smallest_zeroing − 1, inverse(forward(value, qi), qi).
std::int64_t maximum_dequantised_magnitude(std::int64_t value);

}  // namespace rigor::pixel::vc2
