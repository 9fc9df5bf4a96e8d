// Integer video ↔ VapourSynth float units (spec: the top of local-regression.md):
// luma 0…1, chroma −0.5…0.5, so that eps = 1e-7 means the same at every bit depth.
//   limited: Y = (v − 16·2^(b−8)) / (219·2^(b−8)),  C = (v − 2^(b−1)) / (224·2^(b−8))
//   full:    Y = v / (2^b − 1),                       C = (v − 2^(b−1)) / (2^b − 1)
#pragma once
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

enum class ColorRange { limited, full };

struct IntegerCoding {
    int bits = 8;       // 8 … 16
    bool chroma = false;
    ColorRange range = ColorRange::limited;
    double offset() const;  // v at float 0
    double scale() const;   // code values per float unit
};

// Integer plane (1 or 2 bytes per sample) → float plane, bit for bit as zimg's depth
// conversion on x86 (its SIMD kernels: binary32 scale and offset, one rounding).
Plane integer_to_float(const Plane& src, const IntegerCoding& coding);
// Float plane → integer plane, rounded to nearest and clamped to 0 … 2^bits − 1.
Plane float_to_integer(const Plane& src, const IntegerCoding& coding);

}  // namespace rigor::pixel::regress
