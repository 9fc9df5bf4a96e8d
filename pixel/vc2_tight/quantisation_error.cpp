#include "pixel/vc2_tight/quantisation_error.hpp"

#include <algorithm>

#include "filters/base/error.hpp"
#include "pixel/vc2/quantisation.hpp"

namespace rigor::pixel::vc2_tight {

using pixel::vc2::forward_quant;
using pixel::vc2::inverse_quant;
using pixel::vc2::quant_factor;

namespace {

std::int64_t dequantised(std::int64_t c, int index) { return inverse_quant(forward_quant(c, index), index); }

__extension__ typedef __int128 Wide;

// First c ≥ 0 of step k: ⌈k·qf/4⌉.
std::int64_t step_start(std::int64_t k, std::int64_t qf) { return static_cast<std::int64_t>((Wide{k} * qf + 3) / 4); }

// Extremes of 8·Q(c) − j·c over integers 0 ≤ c ≤ h.
void line_extremes(std::int64_t h, int index, int j, std::int64_t& lo, std::int64_t& hi) {
    lo = hi = 0;  // c = 0
    const std::int64_t qf = quant_factor(index);
    const std::int64_t steps = static_cast<std::int64_t>(Wide{4} * h / qf);
    auto visit = [&](std::int64_t k) {
        const std::int64_t first = step_start(k, qf);
        if (first > h) return;
        const std::int64_t last = std::min(h, step_start(k + 1, qf) - 1);
        const std::int64_t q = 8 * dequantised(first, index);
        hi = std::max(hi, q - j * first);
        lo = std::min(lo, q - j * last);
    };
    for (std::int64_t k = 0; k <= std::min<std::int64_t>(steps, 5); ++k) visit(k);
    for (std::int64_t k = std::max<std::int64_t>(0, steps - 5); k <= steps; ++k) visit(k);
}

}  // namespace

LineOffsets line_offsets(std::int64_t lo, std::int64_t hi, int index, int j) {
    if (lo > 0 || hi < 0) throw InternalError("a coefficient range must contain 0");
    if (j < 0 || j > 8) throw InternalError("a slope of the lines around Q outside 0 … 8 eighths");
    std::int64_t plo = 0, phi = 0, nlo = 0, nhi = 0;
    line_extremes(hi, index, j, plo, phi);
    line_extremes(-lo, index, j, nlo, nhi);  // 8Q(−u) + j·u = −(8Q(u) − j·u)
    return {std::min(plo, -nhi), std::max(phi, -nlo)};
}

QuantisedRange quantised_range(std::int64_t lo, std::int64_t hi, int index) {
    if (lo > 0 || hi < 0) throw InternalError("a coefficient range must contain 0");
    QuantisedRange r;
    r.dequantised_lo = dequantised(lo, index);
    r.dequantised_hi = dequantised(hi, index);
    r.zeroed = r.dequantised_lo == 0 && r.dequantised_hi == 0;
    const LineOffsets e = line_offsets(lo, hi, index, 8);  // 8·(Q(c) − c)
    r.error_lo = e.lo / 8;
    r.error_hi = e.hi / 8;
    return r;
}

}  // namespace rigor::pixel::vc2_tight
