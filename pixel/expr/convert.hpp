// Sample conversions at the edges of an Expr program: integer samples to binary32 and
// results back to integer samples (spec: "Values and formats": clamp to [0, top] with
// NaN -> 0, then round half to even).  Each has a plain reference loop and an AVX2
// version with explicit intrinsics (GCC does not vectorise these narrowing and widening
// loops well); the AVX2 one is chosen at run time and gives identical results, since
// VCVTPS2DQ rounds half to even in the default rounding mode, exactly as the reference's
// add-and-subtract-2^23 does for values in [0, 65535].
#pragma once
#include <cstdint>

namespace rigor::pixel::expr {

// dst[i] = float(src[i]), i < n.
void u8_to_float(const std::uint8_t* src, float* dst, int n) noexcept;
void u16_to_float(const std::uint16_t* src, float* dst, int n) noexcept;
// dst[i] = round_half_even(clamp(v[i], 0, top)) (NaN -> 0), i < n; top < 65536.
void float_to_u8(const float* v, std::uint8_t* dst, int n, float top) noexcept;
void float_to_u16(const float* v, std::uint16_t* dst, int n, float top) noexcept;

// The plain reference loops (used on CPUs without AVX2, and by tests).
void u8_to_float_plain(const std::uint8_t* src, float* dst, int n) noexcept;
void u16_to_float_plain(const std::uint16_t* src, float* dst, int n) noexcept;
void float_to_u8_plain(const float* v, std::uint8_t* dst, int n, float top) noexcept;
void float_to_u16_plain(const float* v, std::uint16_t* dst, int n, float top) noexcept;

}  // namespace rigor::pixel::expr
