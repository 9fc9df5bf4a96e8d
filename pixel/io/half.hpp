// IEEE binary16 ("half") <-> binary32 conversions for 16-bit float samples.
// half_to_float is exact; float_to_half rounds to nearest even, overflows to ±inf and
// keeps NaN a NaN.
#pragma once
#include <bit>
#include <cstdint>

namespace rigor::pixel {

inline float half_to_float(std::uint16_t h) noexcept {
    std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
    std::uint32_t exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu;
    if (exp == 0x1f) return std::bit_cast<float>(sign | 0x7f800000u | (mant << 13));  // inf/NaN
    if (exp == 0) {  // zero or subnormal: mant * 2^-24, exact in binary32
        float v = float(mant) * 0x1p-24f;
        return sign ? -v : v;
    }
    return std::bit_cast<float>(sign | ((exp + 112u) << 23) | (mant << 13));
}

inline std::uint16_t float_to_half(float f) noexcept {
    std::uint32_t u = std::bit_cast<std::uint32_t>(f);
    std::uint16_t sign = std::uint16_t((u >> 16) & 0x8000u);
    std::uint32_t abs = u & 0x7fffffffu;
    if (abs > 0x7f800000u) return std::uint16_t(sign | 0x7e00u);  // NaN
    if (abs >= 0x477ff000u) return std::uint16_t(sign | 0x7c00u);  // rounds to >= 65520: inf
    if (abs < 0x38800000u) {  // below the smallest normal half: subnormal, round to even
        float v = std::bit_cast<float>(abs) * 0x1p24f;  // exact scaling
        // v in [0, 1024): round half to even by the float trick (adds and subtracts 2^23)
        float r = (v + 0x1p23f) - 0x1p23f;
        return std::uint16_t(sign | std::uint16_t(r));
    }
    // Normal: re-bias the exponent and round the 13 dropped bits half to even.
    std::uint32_t rounded = abs - 0x38000000u;
    rounded += 0xfffu + ((rounded >> 13) & 1u);
    return std::uint16_t(sign | (rounded >> 13));
}

}  // namespace rigor::pixel
