// tan, asin, acos, atan and atan2 in binary32, branch-free (vector_math.hpp's rules: loops
// over arrays calling them vectorise; math_kernels.hpp evaluates them for the interpreter
// and, through call-outs, for generated code, so both give the same bits).
//
// Formulas (Cephes-style reductions, S. Moshier's minimax coefficients for atanf/asinf):
//   atan:  a = |x|; a > tan(3pi/8): pi/2 + atan(-1/a); a > tan(pi/8): pi/4 + atan((a-1)/(a+1));
//          then atan(t) = t + t z P(z), z = t^2, |t| <= tan(pi/8); the sign of x at the end.
//   atan2: t = min(|y|,|x|) / max(|y|,|x|) in [0, 1], r = atan t; |y| > |x|: pi/2 - r;
//          x < 0 (or x = -0 when y = ±0): pi - r; the sign of y.  C's special cases
//          (C11 F.10.1.4) follow: atan2(±0, +0) = ±0, atan2(±0, -0) = ±pi, ±inf/±inf the
//          odd multiples of pi/4, any NaN operand NaN.
//   asin:  a = |x| <= 1/2: a + a z P(z), z = a^2; a > 1/2: pi/2 - 2 asin(sqrt((1-a)/2))
//          (1 - a is exact there, Sterbenz); |x| > 1: NaN.
//   acos:  x > 1/2: 2 asin(sqrt((1-x)/2)); x < -1/2: pi - 2 asin(sqrt((1+x)/2));
//          else pi/2 - asin(x); |x| > 1: NaN.
//   tan:   sincos_parts' reduction x = k pi/2 + r: s/c for k even, -c/s for k odd;
//          ±0 stays ±0; NaN beyond |x 2/pi| >= 2^22 (the reduction's limit, where the
//          argument's ulp is >= 1/2 and tan x is noise), and for ±inf.
// Multiples of pi are added as hi + (lo + v) (hi = the binary32 nearest, lo = the rest) so
// the constant's own rounding error does not count.  Every NaN result is NAN_F.
// Accuracy against glibc's double functions (tests/expr/trig_test.cpp; every 61st binary32
// argument measured, atan2 on 4 M pairs): atan 2.23, asin 2.35, acos 1.10, atan2 2.52 ulp
// at most, so "within 3 ulp" is the stated bound; tan 4.66 ulp on those samples for
// |x| < 2^10 ("within 5 ulp"), but not next to its poles: there the reduction's absolute
// error (about k 2^-57) over the distance to the pole gives up to 1107 x 2^-24 relative
// below 2^10 (the exhaustive scan), and more beyond.  The certified per-slice bounds over
// all 2^32 arguments are the accuracy table (function_accuracy_trig_table.cpp; asin 4.5,
// acos 2.1, atan 2.9 x 2^-24 relative at most, margins included).
#pragma once
#include <bit>
#include <cstdint>

#include "pixel/expr/vector_math.hpp"

namespace rigor::pixel::expr::vmath {

namespace trig_constant {
inline constexpr float kPi = 0x1.921fb6p+1f, kPiLo = -0x1.777a5cp-24f;  // pi = kPi + kPiLo + e, e = -3.43e-15 (|e| < 2^-48)
inline constexpr float kPi2 = 0x1.921fb6p+0f, kPi2Lo = -0x1.777a5cp-25f;
inline constexpr float kPi4 = 0x1.921fb6p-1f, kPi4Lo = -0x1.777a5cp-26f;
inline constexpr float kTan3Pi8 = 2.41421356237309504880f, kTanPi8 = 0.41421356237309504880f;
inline constexpr float kAtan[4] = {8.05374449538e-2f, -1.38776856032e-1f, 1.99777106478e-1f, -3.33329491539e-1f};
inline constexpr float kAsin[5] = {4.2163199048e-2f, 2.4181311049e-2f, 4.5470025998e-2f, 7.4953002686e-2f,
                                   1.6666752422e-1f};
}  // namespace trig_constant

// atan of a >= 0 (or NaN; +inf gives pi/2).
[[gnu::always_inline]] inline float atan_positive(float a) noexcept {
    using namespace trig_constant;
    const bool big = a > kTan3Pi8, mid = a > kTanPi8;
    const float t = select(mid, select(big, -1.0f, a - 1.0f) / select(big, a, a + 1.0f), a);
    const float hi = select(big, kPi2, select(mid, kPi4, 0.0f));
    const float lo = select(big, kPi2Lo, select(mid, kPi4Lo, 0.0f));
    const float z = t * t;
    const float p = fma(fma(fma(kAtan[0], z, kAtan[1]), z, kAtan[2]), z, kAtan[3]);
    const float y = fma(p * z, t, t);
    return hi + (lo + y);
}

[[gnu::always_inline]] inline float atan(float x) noexcept {
    const float r = copysign(atan_positive(abs(x)), x);
    return select(r != r, NAN_F, r);
}

[[gnu::always_inline]] inline float atan2(float y, float x) noexcept {
    using namespace trig_constant;
    const float A = abs(y), B = abs(x);
    const float big = A > B ? A : B, small = A > B ? B : A;
    // 0/0 and inf/inf: the limits C chooses (angle 0 and pi/4 before the quadrant).
    const float t = select(A == B, select(A == 0.0f, 0.0f, 1.0f), small / big);
    float r = atan_positive(t);
    r = select(A > B, kPi2 + (kPi2Lo - r), r);
    // Left half plane: x < 0, or x = -0 with y = ±0 (for y != 0, x = ±0 is the y axis).
    const bool left = (x < 0.0f) | ((std::bit_cast<std::uint32_t>(x) >> 31 != 0) & (A == 0.0f));
    r = select(left, kPi + (kPiLo - r), r);
    r = copysign(r, y);
    return select((x != x) | (y != y), NAN_F, r);
}

// asin of s in [0, 1/2] given z = s^2.
[[gnu::always_inline]] inline float asin_core(float s, float z) noexcept {
    using namespace trig_constant;
    const float p = fma(fma(fma(fma(kAsin[0], z, kAsin[1]), z, kAsin[2]), z, kAsin[3]), z, kAsin[4]);
    return fma(p * z, s, s);
}

// The reduction both share: |x| <= 1/2: y = asin |x|; |x| > 1/2 (big): y = asin(sqrt((1-|x|)/2)).
struct ArcSineParts {
    float a, y;
    bool big;
};
[[gnu::always_inline]] inline ArcSineParts arc_sine_parts(float x) noexcept {
    const float a = abs(x);
    const bool big = a > 0.5f;
    const float z = select(big, 0.5f * (1.0f - a), a * a);
    const float s = select(big, __builtin_sqrtf(z), a);
    return {a, asin_core(s, z), big};
}
// |x| > 1 and NaN: the one NaN.
[[gnu::always_inline]] inline float arc_domain(float a, float r) noexcept {
    r = select(a > 1.0f, NAN_F, r);
    return select(r != r, NAN_F, r);
}

[[gnu::always_inline]] inline float asin(float x) noexcept {
    using namespace trig_constant;
    const ArcSineParts p = arc_sine_parts(x);
    return arc_domain(p.a, copysign(select(p.big, kPi2 + (kPi2Lo - (p.y + p.y)), p.y), x));
}

[[gnu::always_inline]] inline float acos(float x) noexcept {
    using namespace trig_constant;
    const ArcSineParts p = arc_sine_parts(x);
    const float twice = p.y + p.y;
    const float r_big = select(x < 0.0f, kPi + (kPiLo - twice), twice);
    return arc_domain(p.a, select(p.big, r_big, kPi2 + (kPi2Lo - copysign(p.y, x))));
}

[[gnu::always_inline]] inline float tan(float x) noexcept {
    const SinCosParts p = sincos_parts(x);
    const bool odd = (p.q & 1) != 0;
    float r = select(odd, -p.c, p.s) / select(odd, p.s, p.c);
    r = select(x == 0.0f, x, r);
    r = select(abs(x * sincos_constant::kTwoOverPi) < sincos_constant::kReducible, r, NAN_F);
    return select(r != r, NAN_F, r);
}

}  // namespace rigor::pixel::expr::vmath
