#include "pixel/vc2/quantisation.hpp"

#include <cstdint>

#include "filters/base/error.hpp"

namespace rigor::pixel::vc2 {

namespace {
__extension__ typedef __int128 Wide;  // products of a 62-bit factor and a coefficient
}  // namespace

std::int64_t quant_factor(int index) {
    if (index < 0 || index > kMaxQuantisationIndex)
        throw UserError("quantisation index " + std::to_string(index) + " is out of range (0 to " +
                        std::to_string(kMaxQuantisationIndex) + ")");
    const Wide base = Wide{1} << (index / 4);
    switch (index % 4) {
        case 0: return static_cast<std::int64_t>(4 * base);
        case 1: return static_cast<std::int64_t>((503829 * base + 52958) / 105917);
        case 2: return static_cast<std::int64_t>((665857 * base + 58854) / 117708);
        default: return static_cast<std::int64_t>((440253 * base + 32722) / 65444);
    }
}

std::int64_t quant_offset(int index) {
    if (index == 0) return 1;
    if (index == 1) return 2;
    return (quant_factor(index) + 1) / 2;
}

std::int64_t forward_quant(std::int64_t value, int index) {
    const Wide q = (4 * Wide{value < 0 ? -value : value}) / quant_factor(index);
    return static_cast<std::int64_t>(value < 0 ? -q : q);
}

std::int64_t inverse_quant(std::int64_t quantised, int index) {
    if (quantised == 0) return 0;
    const std::int64_t mag = quantised < 0 ? -quantised : quantised;
    const Wide v = (Wide{mag} * quant_factor(index) + quant_offset(index) + 2) / 4;
    if (v > INT64_MAX) throw UserError("dequantised value out of the 64-bit range");
    return static_cast<std::int64_t>(quantised < 0 ? -v : v);
}

int smallest_zeroing_quantisation_index(std::int64_t value) {
    int qi = 0;
    while (forward_quant(value, qi) != 0) {
        if (qi == kMaxQuantisationIndex) throw UserError("value too large to quantise to zero");
        ++qi;
    }
    return qi;
}

std::int64_t maximum_dequantised_magnitude(std::int64_t value) {
    if (value == 0) return 0;
    const int qi = smallest_zeroing_quantisation_index(value) - 1;
    return inverse_quant(forward_quant(value, qi), qi);
}

}  // namespace rigor::pixel::vc2
