#include "symbolic/vc2/synthesis_pattern.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace rigor::symbolic::vc2 {

namespace {

struct Coefficient {
    double magnitude;    // |wx|·|wy| (rounded)
    int band;
    int ix, iy;          // positions in the band's nonzero lists
    long cx, cy;
};

// Bits of a 1-D sign pattern: bit i ↔ index lowest + i.
struct AxisBits {
    std::vector<std::uint64_t> set, positive;
};

AxisBits bits_of(const PlainGain& g) {
    AxisBits b;
    const std::size_t words = (g.sign.size() + 63) / 64;
    b.set.assign(words, 0);
    b.positive.assign(words, 0);
    for (std::size_t i = 0; i < g.sign.size(); ++i) {
        if (g.sign[i] == 0) continue;
        b.set[i / 64] |= std::uint64_t{1} << (i % 64);
        if (g.sign[i] > 0) b.positive[i / 64] |= std::uint64_t{1} << (i % 64);
    }
    return b;
}

// `src` shifted left by `bits` (0…63) into dst (one word longer).
void shift_into(const std::vector<std::uint64_t>& src, unsigned bits, std::vector<std::uint64_t>& dst) {
    dst.assign(src.size() + 1, 0);
    for (std::size_t w = 0; w < src.size(); ++w) {
        dst[w] |= src[w] << bits;
        if (bits) dst[w + 1] |= src[w] >> (64 - bits);
    }
}

}  // namespace

SynthesisPatternPainter::SynthesisPatternPainter(std::vector<BandAnalysisSigns> bands) : bands_(std::move(bands)) {
    std::vector<int> order(bands_.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (bands_[a].level != bands_[b].level) return bands_[a].level < bands_[b].level;
        return bands_[a].orient < bands_[b].orient;  // Python string order
    });
    rank_.resize(bands_.size());
    for (std::size_t r = 0; r < order.size(); ++r) rank_[static_cast<std::size_t>(order[r])] = static_cast<int>(r);
}

PolarityImage SynthesisPatternPainter::paint(const std::vector<PlainGain>& rx, const std::vector<PlainGain>& ry,
                                             const PlainGain& direct_x, const PlainGain& direct_y) const {
    // 1. The coefficients of the target and the picture window they touch.
    std::vector<Coefficient> coeffs;
    long x0 = direct_x.empty() ? 0 : direct_x.lowest, x1 = direct_x.empty() ? -1 : direct_x.highest();
    long y0 = direct_y.empty() ? 0 : direct_y.lowest, y1 = direct_y.empty() ? -1 : direct_y.highest();
    bool any = !direct_x.empty() && !direct_y.empty();
    if (!any) x0 = y0 = 0, x1 = y1 = -1;
    auto widen = [&](long lo, long hi, long& a, long& b) {
        if (a > b) {
            a = lo;
            b = hi;
        } else {
            a = std::min(a, lo);
            b = std::max(b, hi);
        }
    };
    for (std::size_t b = 0; b < bands_.size(); ++b) {
        const BandAnalysisSigns& band = bands_[b];
        const PlainGain& wx = rx[static_cast<std::size_t>(band.x)];
        const PlainGain& wy = ry[static_cast<std::size_t>(band.y)];
        if (wx.empty() || wy.empty() || band.ax.empty() || band.ay.empty()) continue;
        for (std::size_t i = 0; i < wx.nonzero.size(); ++i)
            for (std::size_t j = 0; j < wy.nonzero.size(); ++j)
                coeffs.push_back({wx.magnitude[i] * wy.magnitude[j], static_cast<int>(b), static_cast<int>(i),
                                  static_cast<int>(j), wx.nonzero[i], wy.nonzero[j]});
        widen(band.step_x * wx.nonzero.front() + band.ax.lowest, band.step_x * wx.nonzero.back() + band.ax.highest(),
              x0, x1);
        widen(band.step_y * wy.nonzero.front() + band.ay.lowest, band.step_y * wy.nonzero.back() + band.ay.highest(),
              y0, y1);
    }
    PolarityImage img;
    if (x0 > x1 || y0 > y1) return img;

    // 2. Descending (|w|, level, orient, cx, cy).  Doubles decide unless two magnitudes are
    //    within rounding distance; then the exact products of numerators do.
    auto exact_cmp = [&](const Coefficient& a, const Coefficient& b) {
        const BandAnalysisSigns& ba = bands_[static_cast<std::size_t>(a.band)];
        const BandAnalysisSigns& bb = bands_[static_cast<std::size_t>(b.band)];
        const mpz_class pa = rx[static_cast<std::size_t>(ba.x)].numerator[static_cast<std::size_t>(a.ix)] *
                             ry[static_cast<std::size_t>(ba.y)].numerator[static_cast<std::size_t>(a.iy)];
        const mpz_class pb = rx[static_cast<std::size_t>(bb.x)].numerator[static_cast<std::size_t>(b.ix)] *
                             ry[static_cast<std::size_t>(bb.y)].numerator[static_cast<std::size_t>(b.iy)];
        return cmp(pa, pb);
    };
    std::sort(coeffs.begin(), coeffs.end(), [&](const Coefficient& a, const Coefficient& b) {
        if (std::abs(a.magnitude - b.magnitude) > 1e-12 * std::max(a.magnitude, b.magnitude))
            return a.magnitude > b.magnitude;
        if (const int c = exact_cmp(a, b); c != 0) return c > 0;
        if (a.band != b.band) return rank_[static_cast<std::size_t>(a.band)] > rank_[static_cast<std::size_t>(b.band)];
        if (a.cx != b.cx) return a.cx > b.cx;
        return a.cy > b.cy;
    });

    // 3. Paint unpainted pixels, highest priority first.
    const long width = x1 - x0 + 1, height = y1 - y0 + 1;
    const std::size_t words = static_cast<std::size_t>((width + 63) / 64) + 2;
    std::vector<std::uint64_t> painted(words * static_cast<std::size_t>(height), 0);
    std::vector<std::uint64_t> positive(words * static_cast<std::size_t>(height), 0);
    std::vector<AxisBits> band_bits(bands_.size());
    for (std::size_t b = 0; b < bands_.size(); ++b) band_bits[b] = bits_of(bands_[b].ax);
    std::vector<std::uint64_t> set_shifted, pos_shifted;
    for (const Coefficient& c : coeffs) {
        const BandAnalysisSigns& band = bands_[static_cast<std::size_t>(c.band)];
        const int wsign = rx[static_cast<std::size_t>(band.x)].sign[static_cast<std::size_t>(c.cx - rx[static_cast<std::size_t>(band.x)].lowest)] *
                          ry[static_cast<std::size_t>(band.y)].sign[static_cast<std::size_t>(c.cy - ry[static_cast<std::size_t>(band.y)].lowest)];
        const long start = band.step_x * c.cx + band.ax.lowest - x0;
        const std::size_t word0 = static_cast<std::size_t>(start / 64);
        const AxisBits& bits = band_bits[static_cast<std::size_t>(c.band)];
        shift_into(bits.set, static_cast<unsigned>(start % 64), set_shifted);
        shift_into(bits.positive, static_cast<unsigned>(start % 64), pos_shifted);
        for (long j : band.ay.nonzero) {
            const long row = band.step_y * c.cy + j - y0;
            std::uint64_t* prow = &painted[static_cast<std::size_t>(row) * words + word0];
            std::uint64_t* qrow = &positive[static_cast<std::size_t>(row) * words + word0];
            const bool up = band.ay.sign[static_cast<std::size_t>(j - band.ay.lowest)] * wsign > 0;
            for (std::size_t w = 0; w < set_shifted.size(); ++w) {
                const std::uint64_t fresh = set_shifted[w] & ~prow[w];
                if (!fresh) continue;
                prow[w] |= fresh;
                qrow[w] |= fresh & (up ? pos_shifted[w] : ~pos_shifted[w]);
            }
        }
    }

    // 4. Pixels that drive the target directly take the sign of D.
    img.x0 = x0;
    img.y0 = y0;
    img.width = static_cast<int>(width);
    img.height = static_cast<int>(height);
    img.polarity.assign(static_cast<std::size_t>(width * height), 0);
    for (long r = 0; r < height; ++r)
        for (long col = 0; col < width; ++col) {
            const std::size_t w = static_cast<std::size_t>(r) * words + static_cast<std::size_t>(col / 64);
            const std::uint64_t bit = std::uint64_t{1} << (col % 64);
            if (painted[w] & bit) img.polarity[static_cast<std::size_t>(r * width + col)] = (positive[w] & bit) ? 1 : -1;
        }
    if (any)
        for (long j : direct_y.nonzero)
            for (long i : direct_x.nonzero)
                img.polarity[static_cast<std::size_t>((j - y0) * width + (i - x0))] = static_cast<std::int8_t>(
                    direct_x.sign[static_cast<std::size_t>(i - direct_x.lowest)] *
                    direct_y.sign[static_cast<std::size_t>(j - direct_y.lowest)]);
    return img;
}

}  // namespace rigor::symbolic::vc2
