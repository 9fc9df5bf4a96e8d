#include "symbolic/vc2/test_pattern.hpp"

#include <algorithm>

#include "filters/base/error.hpp"

namespace rigor::symbolic::vc2 {

namespace {
long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

formats::TestPattern place_pattern(const PolarityImage& img, const formats::ArrayPhase& where, long mx, long my,
                                   long tmx, long tmy) {
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
    formats::TestPattern p;
    p.where = where;
    const long min_x = img.x0 + c0, min_y = img.y0 + r0;
    const long steps_x = floor_div(min_x, mx), steps_y = floor_div(min_y, my);
    p.dx = min_x - steps_x * mx;
    p.dy = min_y - steps_y * my;
    p.target_x = where.x - steps_x * tmx;
    p.target_y = where.y - steps_y * tmy;
    p.pattern_multiple_x = mx;
    p.pattern_multiple_y = my;
    p.target_multiple_x = tmx;
    p.target_multiple_y = tmy;
    p.clear_box(c1 - c0 + 1, r1 - r0 + 1);
    for (long r = 0; r < p.height; ++r)
        p.set_row(r, &img.polarity[static_cast<std::size_t>(r0 + r) * static_cast<std::size_t>(img.width) +
                                   static_cast<std::size_t>(c0)]);
    return p;
}

}  // namespace rigor::symbolic::vc2
