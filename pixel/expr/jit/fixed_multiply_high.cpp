// The float tail (a root `a / c` or `a * c` on an exact 16-bit a, fixed_kernel.cpp) in
// 16-bit lanes: q = min(((k + b) * M) >> (16 + r), top) by VPADDW, VPMULHUW, VPSRLW and
// VPMINUW (or the 8-bit store's saturating pack), 16 pixels in four instructions instead of two conversions, two divisions and
// a pack (the 3x3 box's / 9: b = 4, M = 7282, r = 0).
//
// Exactness is not argued but checked, exhaustively, when the kernel is planned: the
// argument takes only the values k / 2^s with k in [lo, hi] (dyadic_ranges), at most
// 2^16 of them, so for each k the binary32 result the program defines, the store of
// fl(fl(k 2^-s) / c) clamped to [0, top] and rounded half to even, is computed with the
// interpreter's own store (convert.hpp) and compared with q(k).  Parameters are tried
// only if every k agrees; otherwise the float tail stays.  (Why it usually holds for
// c > 1 odd: k/c is never within 1/(2c) of a half-integer, binary32's error on it is
// below 2^-24 k/c < 1/(2c) for k < 2^23, so the store is round(k/c) = floor((k + b)/c)
// with b = (c - 1)/2, which a multiply-high reproduces below 2^16 when M c - 2^16 is
// small; the check covers the cases the argument does not, ties and products included.)
#include <algorithm>
#include <cmath>

#include "pixel/expr/convert.hpp"
#include "pixel/expr/jit/fixed_generator.hpp"

namespace rigor::pixel::expr::jit {

std::optional<FixedGenerator::MultiplyHigh> multiply_high_tail(const rigor::expr::DyadicRange& arg,
                                                               const FixedGenerator::FloatTail& tail, int out_bits) {
    const std::int64_t lo = arg.lo, hi = arg.hi;
    if (lo < 0 || hi > 65535 || !std::isfinite(tail.c) || tail.c == 0.0f) return std::nullopt;
    const float top = float((std::int64_t(1) << out_bits) - 1);
    std::vector<std::uint16_t> want(std::size_t(hi - lo + 1));
    for (std::int64_t k = lo; k <= hi; ++k) {
        const float v = tail.at(arg.shift, k);
        float_to_u16_plain(&v, &want[std::size_t(k - lo)], 1, top);
    }
    // The scale q approximates: k 2^-s / c or k 2^-s c.
    const double alpha = std::ldexp(tail.divide ? 1.0 / double(tail.c) : double(tail.c), -arg.shift);
    if (!(alpha > 0)) return std::nullopt;
    auto agrees = [&](FixedGenerator::MultiplyHigh p) {
        const std::int64_t t = std::int64_t(top);
        p.min_top = false;
        p.largest = 0;
        for (std::int64_t k = lo; k <= hi; ++k) {
            std::int64_t q = ((k + p.bias) * p.multiplier) >> (16 + p.shift);
            p.largest = std::max(p.largest, q);
            if (q > t) q = t, p.min_top = true;
            if (q != want[std::size_t(k - lo)]) return std::optional<FixedGenerator::MultiplyHigh>{};
        }
        return std::optional<FixedGenerator::MultiplyHigh>{p};
    };
    for (int r = 0; r < 16; ++r) {
        const double m = std::ldexp(alpha, 16 + r);
        if (m >= 65536) break;
        if (m < 1) continue;
        for (std::int64_t M : {std::int64_t(std::ceil(m)), std::int64_t(std::floor(m))}) {
            if (M < 1 || M > 65535) continue;
            // (k + b) M / 2^(16+r) ~ k alpha + 1/2: b ~ 2^(15+r) / M.
            const std::int64_t b0 = std::int64_t(std::floor(std::ldexp(1.0, 15 + r) / double(M)));
            for (std::int64_t b : {b0, b0 + 1, b0 - 1, b0 + 2}) {
                if (lo + b < 0 || hi + b > 65535) continue;
                if (auto p = agrees({int(b), int(M), r, false})) return p;
            }
        }
    }
    return std::nullopt;
}

// 16 lanes of k in register k into t (unsigned 16-bit: k + b <= 65535 by the plan).
void FixedGenerator::emit_multiply_high(int k, int t) {
    const MultiplyHigh& p = *multiply_high_;
    if (p.bias != 0) a_.vpaddw(ymm(t), ymm(k), pooled(p.bias));
    a_.vpmulhuw(ymm(t), ymm(p.bias != 0 ? t : k), pooled(p.multiplier));
    if (p.shift > 0) a_.vpsrlw(ymm(t), ymm(t), std::uint8_t(p.shift));
    // An 8-bit output's VPACKUSWB (store_words) saturates words in [256, 32767] to 255, the
    // clamp itself.
    const bool pack_clamps = out_.bytes_per_sample == 1 && out_.bits == 8 && p.largest <= 32767;
    if (p.min_top && !pack_clamps) a_.vpminuw(ymm(t), ymm(t), pooled((std::int64_t(1) << out_.bits) - 1));
}

}  // namespace rigor::pixel::expr::jit
