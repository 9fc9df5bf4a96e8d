#include "pixel/regress/units.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "filters/base/error.hpp"

namespace rigor::pixel::regress {

double IntegerCoding::offset() const {
    if (chroma) return std::ldexp(1.0, bits - 1);
    return range == ColorRange::limited ? 16.0 * std::ldexp(1.0, bits - 8) : 0.0;
}

double IntegerCoding::scale() const {
    if (range == ColorRange::full) return std::ldexp(1.0, bits) - 1.0;
    return (chroma ? 224.0 : 219.0) * std::ldexp(1.0, bits - 8);
}

Plane integer_to_float(const Plane& src, const IntegerCoding& c) {
    if (c.bits < 8 || c.bits > 16) throw UserError("integer video must be 8 to 16 bits");
    const int bytes = c.bits <= 8 ? 1 : 2;
    if (src.bytes_per_sample() != bytes) throw InternalError("integer plane has the wrong sample size");
    Plane out = make_float_plane(src.width(), src.height());
    // zimg's depth conversion (depth/quantize.h: get_scale_offset): scale = 1/range and
    // offset = −offset_in/range rounded to binary32, then v·scale + offset with one
    // rounding, as its x86 SIMD kernels compute it (a fused multiply-add; its plain C
    // code rounds the product first, which differs by at most an ulp on some codes).
    // In double the sum is exact — v has at most 16 bits and scale 24, and the terms
    // span under 53 bits — so rounding it once to binary32 is the fused result.
    const double scale = float(1.0 / c.scale()), offset = float(-c.offset() / c.scale());
    for (int y = 0; y < src.height(); ++y) {
        float* o = out.row_as<float>(y);
        if (bytes == 1) {
            const std::uint8_t* s = src.row_as<std::uint8_t>(y);
            for (int x = 0; x < src.width(); ++x) o[x] = float(s[x] * scale + offset);
        } else {
            const std::uint16_t* s = src.row_as<std::uint16_t>(y);
            for (int x = 0; x < src.width(); ++x) o[x] = float(s[x] * scale + offset);
        }
    }
    return out;
}

Plane float_to_integer(const Plane& src, const IntegerCoding& c) {
    require_float(src, "float_to_integer input");
    if (c.bits < 8 || c.bits > 16) throw UserError("integer video must be 8 to 16 bits");
    const int bytes = c.bits <= 8 ? 1 : 2;
    Plane out(src.width(), src.height(), bytes);
    const double off = c.offset(), scale = c.scale(), top = std::ldexp(1.0, c.bits) - 1;
    for (int y = 0; y < src.height(); ++y) {
        const float* s = src.row_as<float>(y);
        for (int x = 0; x < src.width(); ++x) {
            double v = std::nearbyint(double(s[x]) * scale + off);
            v = std::isnan(v) ? off : std::clamp(v, 0.0, top);
            if (bytes == 1) out.row_as<std::uint8_t>(y)[x] = std::uint8_t(v);
            else out.row_as<std::uint16_t>(y)[x] = std::uint16_t(v);
        }
    }
    return out;
}

}  // namespace rigor::pixel::regress
