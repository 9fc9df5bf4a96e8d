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

// inverse_quant(forward_quant(v, index), index) for many values at one index: the factor
// and offset computed once, and in 64-bit arithmetic wherever it is exact — for
// |v| < 2^60, 4|v| < 2^62 and q·qf ≤ 4|v| (q = (4|v|) div qf), so q·qf + offset + 2 < 2^63
// (offset ≤ qf/2 + 1 < 2^62); larger values take the 128-bit path above.
class Requantiser {
public:
    explicit Requantiser(int index) : index_(index), factor_(quant_factor(index)), offset_(quant_offset(index)) {}
    std::int64_t operator()(std::int64_t v) const {
        const std::uint64_t mag = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        if (mag >= (std::uint64_t{1} << 60)) return inverse_quant(forward_quant(v, index_), index_);
        const std::int64_t q = static_cast<std::int64_t>(4 * mag) / factor_;
        if (q == 0) return 0;
        const std::int64_t r = (q * factor_ + offset_ + 2) / 4;
        return v < 0 ? -r : r;
    }

private:
    int index_;
    std::int64_t factor_, offset_;
};

// The smallest index that quantises `value` to 0.
int smallest_zeroing_quantisation_index(std::int64_t value);
// The largest magnitude dequantisation can give a coefficient of magnitude ≤ |value|
// (with the sign of value): at qi = smallest_zeroing − 1, inverse(forward(value, qi), qi).
std::int64_t maximum_dequantised_magnitude(std::int64_t value);

}  // namespace rigor::pixel::vc2
