#include "symbolic/vc2/test_pattern.hpp"

#include <algorithm>

#include "filters/base/error.hpp"
#include "filters/vc2/base64.hpp"

namespace rigor::vc2 {

namespace {
long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

PackedTestPattern place_pattern(const PolarityImage& img, long phase_x, long phase_y, long mx, long my, long tmx,
                          long tmy) {
    int c0 = img.width, c1 = -1, r0 = img.height, r1 = -1;
    for (int r = 0; r < img.height; ++r)
        for (int c = 0; c < img.width; ++c)
            if (img.at(c, r) != 0) {
                c0 = std::min(c0, c);
                c1 = std::max(c1, c);
                r0 = std::min(r0, r);
                r1 = std::max(r1, r);
            }
    if (c1 < 0) throw InternalError("test pattern with no set pixel");
    PackedTestPattern p;
    const long min_x = img.x0 + c0, min_y = img.y0 + r0;
    const long steps_x = floor_div(min_x, mx), steps_y = floor_div(min_y, my);
    p.dx = min_x - steps_x * mx;
    p.dy = min_y - steps_y * my;
    p.target_x = phase_x - steps_x * tmx;
    p.target_y = phase_y - steps_y * tmy;
    p.width = c1 - c0 + 1;
    p.height = r1 - r0 + 1;
    p.pattern_multiple_x = mx;
    p.pattern_multiple_y = my;
    p.target_multiple_x = tmx;
    p.target_multiple_y = tmy;
    const std::size_t n = static_cast<std::size_t>(p.width) * static_cast<std::size_t>(p.height);
    p.positive_bits.assign((n + 7) / 8, 0);
    p.mask_bits.assign((n + 7) / 8, 0);
    std::size_t i = 0;
    for (int r = 0; r < p.height; ++r)
        for (int c = 0; c < p.width; ++c, ++i) {
            const int v = img.at(c0 + c, r0 + r);
            const auto bit = static_cast<std::uint8_t>(0x80u >> (i % 8));
            if (v != 0) p.mask_bits[i / 8] |= bit;
            if (v > 0) p.positive_bits[i / 8] |= bit;
        }
    return p;
}

int PackedTestPattern::polarity(int col, int row) const {
    const std::size_t i = static_cast<std::size_t>(row) * static_cast<std::size_t>(width) + static_cast<std::size_t>(col);
    const auto bit = static_cast<std::uint8_t>(0x80u >> (i % 8));
    if (!(mask_bits[i / 8] & bit)) return 0;
    return (positive_bits[i / 8] & bit) ? 1 : -1;
}

std::string encode_positive(const PackedTestPattern& p) { return base64_encode(p.positive_bits); }

std::string encode_mask(const PackedTestPattern& p) { return base64_encode(p.mask_bits); }

}  // namespace rigor::vc2
