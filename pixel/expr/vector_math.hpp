// Branch-free binary32 functions the compiler can vectorise (loops over arrays calling
// them become SIMD code).  The transcendental ones are evaluated over arrays by
// math_kernels.hpp, for the interpreter and generated code alike.  Accuracy: exp, log within about 2 ulp on normal results,
// sin/cos within about 2e-7 absolute for |x| < 8192 (Cody-Waite reduction by pi/2,
// degrades slowly beyond), pow within about |b log a| 2^-22 relative (exp's error on
// b log a), exact for the exponents 0.5, 1, 2; all well inside the 1e-4
// relative tolerance of the Expr golden cases.  Polynomials: Cephes (S. Moshier) minimax
// coefficients for expf/logf/sinf/cosf.  Special values follow C: exp(-inf) = 0,
// exp(inf) = inf, log(0) = -inf, log(<0) = NaN, NaN in -> NaN out.
#pragma once
#include <bit>
#include <cstdint>
#include <limits>

namespace rigor::pixel::expr::vmath {

inline constexpr float INFINITY_F = std::numeric_limits<float>::infinity();
inline constexpr float NAN_F = std::numeric_limits<float>::quiet_NaN();

[[gnu::always_inline]] inline float select(bool c, float t, float f) noexcept { return c ? t : f; }
[[gnu::always_inline]] inline float abs(float v) noexcept { return std::bit_cast<float>(std::bit_cast<std::uint32_t>(v) & 0x7fffffffu); }
[[gnu::always_inline]] inline float copysign(float mag, float sign) noexcept {
    return std::bit_cast<float>((std::bit_cast<std::uint32_t>(mag) & 0x7fffffffu) |
                                (std::bit_cast<std::uint32_t>(sign) & 0x80000000u));
}

// Round half to even, exactly nearbyint in the default rounding mode: below 2^23 adding
// and subtracting 2^23 rounds away the fraction; larger values are already integers.
[[gnu::always_inline]] inline float round_even(float v) noexcept {
    float a = abs(v);
    float r = (a + 8388608.0f) - 8388608.0f;
    return select(a < 8388608.0f, copysign(r, v), v);
}
// Exact in any implementation: VROUNDPS where the target has SSE4.1 (GCC then vectorises
// it, which it did not do for a conversion to int32 and back), the C library's truncf
// elsewhere.  Infinities and NaN stay as they are.
[[gnu::always_inline]] inline float trunc(float v) noexcept { return __builtin_truncf(v); }
[[gnu::always_inline]] inline float floor(float v) noexcept {
    float t = trunc(v);
    return select(t > v, t - 1.0f, t);
}
// ceilf: trunc moves positive non-integers down, so one up (-0.5 stays -0, as C).
[[gnu::always_inline]] inline float ceil(float v) noexcept {
    float t = trunc(v);
    return select(t < v, t + 1.0f, t);
}
// (v > 0) - (v < 0): 1, -1, +0 for ±0 and NaN (ir.hpp).
[[gnu::always_inline]] inline float sign(float v) noexcept {
    return select(v > 0.0f, 1.0f, 0.0f) - select(v < 0.0f, 1.0f, 0.0f);
}

// Bit-operation operand (scalar.hpp to_int32): round half to even, saturate, NaN -> 0.
[[gnu::always_inline]] inline std::int32_t to_int32(float v) noexcept {
    float r = round_even(v);
    float safe = select(r == r, r, 0.0f);
    safe = select(safe >= 2147483648.0f, 0.0f, safe);
    safe = select(safe <= -2147483648.0f, 0.0f, safe);
    std::int32_t i = std::int32_t(safe);
    i = r >= 2147483648.0f ? INT32_MAX : i;
    i = r <= -2147483648.0f ? INT32_MIN : i;
    return i;
}

// Fused multiply-add, rounded once (IEEE 754 fusedMultiplyAdd): the same bits from
// VFMADD and from the C library's fmaf, so the polynomials below give identical results
// on every path (math_kernels.cpp compiles them for AVX2 + FMA and for any x86-64).
[[gnu::always_inline]] inline float fma(float a, float b, float c) noexcept { return __builtin_fmaf(a, b, c); }

// The constants of exp and log, named because generated code
// (jit/float_transcendental.cpp) evaluates the very same sequence of operations inline
// and must give the same bits.
namespace exp_constant {
inline constexpr float kHigh = 88.72283935546875f;  // largest x with a finite e^x
inline constexpr float kLow = -86.0f;
inline constexpr float kZeroBelow = -103.972084045410f;
inline constexpr float kLog2e = 1.44269504088896341f;
inline constexpr float kRound = 12582912.0f;  // 1.5 * 2^23
inline constexpr float kLn2Hi = -0.693359375f, kLn2Lo = 2.12194440e-4f;  // -ln 2 in two parts
inline constexpr float kP[6] = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,  // Cephes expf
                                4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};
}  // namespace exp_constant

// exp's sequence after the clamps: e^x for x in [kLow, kHigh] (exp below), where the
// clamps change nothing and no special case applies.
[[gnu::always_inline]] inline float exp_unclamped(float xc) noexcept {
    using namespace exp_constant;
    // Adding 1.5 * 2^23 rounds n half to even (|xc log2 e| < 2^22).
    float n = fma(xc, kLog2e, kRound) - kRound;
    float r = fma(n, kLn2Hi, xc);
    r = fma(n, kLn2Lo, r);
    float p = kP[0];  // written out: a loop here stops GCC vectorising the callers' loops
    p = fma(p, r, kP[1]);
    p = fma(p, r, kP[2]);
    p = fma(p, r, kP[3]);
    p = fma(p, r, kP[4]);
    p = fma(p, r, kP[5]);
    float er = fma(p, r * r, r) + 1.0f;  // in [0.70, 1.42]
    // Multiply by 2^(n-1) by adding n - 1 to the exponent field, then by 2.
    return std::bit_cast<float>(std::bit_cast<std::int32_t>(er) + ((std::int32_t(n) - 1) << 23)) * 2.0f;
}
// The arguments exp computes as exp_unclamped does (a cheap test, a subset of [kLow, kHigh]).
[[gnu::always_inline]] inline bool exp_is_plain(float x) noexcept { return abs(x) < 86.0f; }

[[gnu::always_inline]] inline float exp(float x) noexcept {
    using namespace exp_constant;
    // x = n ln2 + r, |r| <= ln2/2; e^x = 2^n e^r.  x is clamped to [-86, 88.7228...] so
    // that n - 1 lies in [-125, 127] and e^r 2^(n-1) is a normal number; the last
    // doubling rounds (or overflows) as IEEE multiplication does.  Below -86 the result
    // is e^-86 (4e-38, not the subnormal it should be) down to -103.97, then 0.
    // Written as MINPS/MAXPS compute them (NaN becomes the bound: the result is x then).
    float xc = x < kHigh ? x : kHigh;
    xc = xc > kLow ? xc : kLow;
    float y = exp_unclamped(xc);
    y = select(x > kHigh, INFINITY_F, y);
    y = select(x < kZeroBelow, 0.0f, y);
    return select(x == x, y, x);
}

namespace log_constant {
inline constexpr float kSmallestNormal = 1.17549435e-38f;
inline constexpr float kLift = 8388608.0f;  // 2^23
inline constexpr float kSqrtHalf = 0.707106781186547524f;
inline constexpr float kP[9] = {7.0376836292e-2f,  -1.1514610310e-1f, 1.1676998740e-1f,  // Cephes logf
                                -1.2420140846e-1f, 1.4249322787e-1f,  -1.6668057665e-1f,
                                2.0000714765e-1f,  -2.4999993993e-1f, 3.3333331174e-1f};
inline constexpr float kLn2Lo = -2.12194440e-4f, kLn2Hi = 0.693359375f;
}  // namespace log_constant

// log's sequence on xs = x 2^lift (lift 0 or 23) for x > 0 and xs a normal number:
// xs = m 2^e with m in [sqrt(1/2), sqrt(2)); log x = log m + (e - lift) ln2.  With lift
// 0 (x - 0 is x exactly) it is log x itself for positive normal finite x.
[[gnu::always_inline]] inline float log_of_normal(float xs, float lift = 0.0f) noexcept {
    using namespace log_constant;
    std::uint32_t u = std::bit_cast<std::uint32_t>(xs);
    std::int32_t e = std::int32_t(u >> 23) - 126;  // x > 0 here; other lanes are replaced by log
    float m = std::bit_cast<float>((u & 0x007fffffu) | 0x3f000000u);  // [0.5, 1)
    bool small = m < kSqrtHalf;
    float ef = float(e) - lift - select(small, 1.0f, 0.0f);
    float z = m + select(small, m, 0.0f) - 1.0f;
    float z2 = z * z;
    float p = kP[0];
    p = fma(p, z, kP[1]);
    p = fma(p, z, kP[2]);
    p = fma(p, z, kP[3]);
    p = fma(p, z, kP[4]);
    p = fma(p, z, kP[5]);
    p = fma(p, z, kP[6]);
    p = fma(p, z, kP[7]);
    p = fma(p, z, kP[8]);
    float y = z * z2 * p;
    y = fma(ef, kLn2Lo, y);
    y = fma(-0.5f, z2, y);
    float r = z + y;
    return fma(ef, kLn2Hi, r);
}
// The arguments log computes as log_of_normal(x) does: 2^-126 <= x < inf.
[[gnu::always_inline]] inline bool log_is_plain(float x) noexcept { return (x >= log_constant::kSmallestNormal) & (x < INFINITY_F); }

[[gnu::always_inline]] inline float log(float x) noexcept {
    using namespace log_constant;
    const bool subnormal = x < kSmallestNormal;
    float xs = select(subnormal, x * kLift, x);  // lift subnormals by 2^23
    float r = log_of_normal(xs, select(subnormal, 23.0f, 0.0f));
    r = select(x == INFINITY_F, INFINITY_F, r);
    r = select(x == 0.0f, -INFINITY_F, r);
    r = select(x < 0.0f, NAN_F, r);
    return select(x == x, r, x);
}

// Range reduction and both polynomials of sincos below: x = k pi/2 + r, q = k mod 4.
// The constants are named because generated code (jit/float_transcendental.cpp)
// evaluates this very sequence of operations inline and must give the same bits.
// Per lane: 1 multiply, 1 add, 1 subtract and 2 FMAs reduce; r^2, sin's 3 FMAs and a
// multiply, cos's 4 FMAs (14 floating-point operations for both; 19 with the three-part
// reduction, its range select and 1 - r^2/2 + r^4 P, before).
namespace sincos_constant {
inline constexpr float kTwoOverPi = 0.636619772367581343f;
inline constexpr float kReducible = 4194304.0f;  // 2^22: tan's limit (vector_math_trig.hpp)
inline constexpr float kRound = 12582912.0f;     // 1.5 * 2^23
// -pi/2 in two parts (Cody and Waite with a fused multiply-add): kPi2Hi is the binary32
// below pi/2, kPi2Lo the binary32 nearest the rest (pi/2 - |kPi2Hi + kPi2Lo| < 2^-48).
inline constexpr float kPi2Hi = -0x1.921fb4p+0f;
inline constexpr float kPi2Lo = -7.54978995489188216e-8f;
inline constexpr float kSin3 = -1.9515295891e-4f, kSin2 = 8.3321608736e-3f, kSin1 = -1.6666654611e-1f;
inline constexpr float kCos3 = 2.443315711809948e-5f, kCos2 = -1.388731625493765e-3f, kCos1 = 4.166664568298827e-2f;
}  // namespace sincos_constant

struct SinCosParts {
    float s, c;      // sin r, cos r
    std::int32_t q;  // quadrant
};
[[gnu::always_inline]] inline SinCosParts sincos_parts(float x) noexcept {
    using namespace sincos_constant;
    // k = round_even(x 2/pi) by adding 1.5 * 2^23, whose low bits then hold k mod 4, for
    // |x 2/pi| < 2^22.  Beyond, no reduction is meaningful (the argument's ulp is at
    // least 1/2): k is a multiple of 2 there and q not k mod 4, and the result is some
    // number of magnitude about 1 (NaN for ±inf: k = inf, r = inf - inf).
    float t = x * kTwoOverPi;
    float shifted = t + kRound;
    float k = shifted - kRound;
    std::int32_t q = std::bit_cast<std::int32_t>(shifted);
    // Below 2^22, x + k kPi2Hi is exact: k != 0 needs |x| > pi/4, so both are multiples
    // of 2^-24, and of 2^-23 when |x| >= 1 (k = ±1 below), and |r| < 1: 24 bits, so the
    // fused multiply-add does not round; the second rounds once.
    float r = fma(k, kPi2Hi, x);
    r = fma(k, kPi2Lo, r);
    float r2 = r * r;
    float s = fma(fma(fma(kSin3, r2, kSin2), r2, kSin1), r2 * r, r);
    float c = fma(fma(fma(fma(kCos3, r2, kCos2), r2, kCos1), r2, -0.5f), r2, 1.0f);
    return {s, c, q};
}
// sin of x from its parts, shifted by a quarter turn per unit of shift (1: cos).
[[gnu::always_inline]] inline float sincos_result(const SinCosParts& p, std::int32_t shift) noexcept {
    std::int32_t q = p.q + shift;
    float v = select((q & 1) != 0, p.c, p.s);
    // Negated in quadrants 2 and 3.  x = ±inf or NaN needs no test: k = 0 there, r = x,
    // and the polynomials give inf - inf = NaN (or carry the NaN).
    return std::bit_cast<float>(std::bit_cast<std::uint32_t>(v) ^ ((std::uint32_t(q) & 2u) << 30));
}
[[gnu::always_inline]] inline float sin(float x) noexcept { return sincos_result(sincos_parts(x), 0); }
[[gnu::always_inline]] inline float cos(float x) noexcept { return sincos_result(sincos_parts(x), 1); }

// powf(a, 0.5) as C defines it: sqrt, but +0 for -0 and +inf for -inf (NaN below 0).
[[gnu::always_inline]] inline float pow_half(float a) noexcept {
    return select(a == -INFINITY_F, INFINITY_F, __builtin_sqrtf(a) + 0.0f);
}

// powf as exp(b log|a|) with C's signs and special cases (C11 F.10.4.4), written as a
// sequence of lane-wise selects that generated code (jit/float_power.cpp) repeats
// operation for operation, so both give the same bits:
// - odd integer b: the sign of a (also -0: pow(-0, -3) = -inf); finite a < 0 and b not
//   an integer: NaN (pow(-inf, b) is inf or 0 then).  b is an integer when trunc(b) == b (inf too), odd when its lowest bit
//   is 1 (|b| >= 2^24 is even).
// - 1 for b = ±0 (even for a NaN base), a = 1 (even for b NaN), and a = -1, b = ±inf.
// - The exponents 2, 1 and 0.5 exactly, as a * a, a and sqrt(a) (pow(-0, 0.5) = +0,
//   pow(-inf, 0.5) = +inf): correctly rounded, and what generated code computes for
//   those constant exponents without a log or an exp.
// - Every NaN result is the one quiet NaN NAN_F (which NaN a product of two NaNs gives
//   depends on the operands' order, which a compiler may swap).
[[gnu::always_inline]] inline float pow(float a, float b) noexcept {
    const float magnitude = abs(a);
    float r = exp(b * log(magnitude));
    const bool b_int = trunc(b) == b;
    const std::int32_t b_low = std::int32_t(select(abs(b) < 16777216.0f, b, 0.0f));
    const std::uint32_t odd = b_int ? std::uint32_t(b_low) << 31 : 0u;  // the sign bit when b is odd
    r = std::bit_cast<float>(std::bit_cast<std::uint32_t>(r) ^ (odd & std::bit_cast<std::uint32_t>(a)));
    r = select((a < 0.0f) & (a != -INFINITY_F) & !b_int, NAN_F, r);
    r = select((b == 0.0f) | (a == 1.0f) | ((magnitude == 1.0f) & (abs(b) == INFINITY_F)), 1.0f, r);
    r = select(b == 2.0f, a * a, r);
    r = select(b == 1.0f, a, r);
    r = select(b == 0.5f, pow_half(a), r);
    return select(r != r, NAN_F, r);
}

// pow(a, c) for an exponent c the same for every lane, other than the four pow selects
// without a log or an exp (pow_exponent_is_exact), prepared once: on most lanes pow is
// exp(c log|a|) with at most its sign changed, and the rest is known in advance or rare.
// For a lane a, with m = |a| for an integer c and m = a otherwise:
// - a = ±0: pow's result at ±0 (at_zero, at_minus_zero, computed by pow itself).
// - m a positive normal finite number and t = c log_of_normal(m) with |t| < 86: log and exp
//   take their plain paths (log_is_plain, exp_is_plain), so pow's value is
//   exp_unclamped(t), its sign flipped for an odd c where a < 0 (pow's `odd`), and none of
//   pow's selects applies: c is none of 0, 0.5, 1, 2; a = 1 gives t = ±0, e^t = 1; the
//   base -1 or t = ±inf (c = ±inf) is no such lane; a < 0 with c not an integer is not
//   (m = a < 0).  pow_constant_lane gives these bits.
// - Any other lane (negative bases for a non-integer c, subnormals, inf, NaN, |t| >= 86):
//   pow itself.
// Zero lanes enter the log as 1 (pow_constant_log_input), so they are plain.
[[gnu::always_inline]] inline bool pow_exponent_is_exact(float c) noexcept {
    return c == 0.0f || c == 1.0f || c == 2.0f || c == 0.5f;
}
// pow(a, c) for those: the value pow selects (1, a, a * a, pow_half(a)), NaN made NAN_F.
[[gnu::always_inline]] inline float pow_exact(float a, float c) noexcept {
    const float r = c == 0.0f ? 1.0f : c == 1.0f ? a : c == 2.0f ? a * a : pow_half(a);
    return select(r != r, NAN_F, r);
}
struct ConstantExponent {
    float c;
    std::uint32_t magnitude;       // the bits of a kept in m: 0x7fffffff (|a|) for an integer c (±inf too), else all
    std::uint32_t odd;             // 0x80000000 when c is an odd integer, else 0
    float at_zero, at_minus_zero;  // pow(+0, c), pow(-0, c)
};
inline ConstantExponent constant_exponent(float c) noexcept {
    const bool integer = trunc(c) == c;  // pow's b_int and odd
    const std::int32_t low = std::int32_t(select(abs(c) < 16777216.0f, c, 0.0f));
    return {c, integer ? 0x7fffffffu : 0xffffffffu, integer ? std::uint32_t(low) << 31 : 0u, pow(0.0f, c),
            pow(-0.0f, c)};
}
[[gnu::always_inline]] inline float pow_constant_log_input(float a, const ConstantExponent& k) noexcept {
    // m + 1 at ±0, m + 0 = m elsewhere (written as a sum: as a select on a == 0, GCC
    // folds it into the plain test as a condition it cannot vectorise).
    return std::bit_cast<float>(std::bit_cast<std::uint32_t>(a) & k.magnitude) + select(a == 0.0f, 1.0f, 0.0f);
}
// t = c log m (the product in pow's order) and whether the lane is plain.
[[gnu::always_inline]] inline float pow_constant_product(float m, const ConstantExponent& k) noexcept {
    return k.c * log_of_normal(m);
}
[[gnu::always_inline]] inline bool pow_constant_is_plain(float m, float t) noexcept {
    return log_is_plain(m) & exp_is_plain(t);
}
[[gnu::always_inline]] inline float pow_constant_lane(float a, float t, const ConstantExponent& k) noexcept {
    const float r = std::bit_cast<float>(std::bit_cast<std::uint32_t>(exp_unclamped(t)) ^ (k.odd & std::bit_cast<std::uint32_t>(a)));
    const float zero = std::bit_cast<std::int32_t>(a) < 0 ? k.at_minus_zero : k.at_zero;
    return select(a == 0.0f, zero, r);
}

// pow(a, b) for a varying b on its plain lanes (the interpreter's kernel per chunk, the
// generated code per vector: jit/float_power.cpp argues why these are vmath::pow's bits):
// a a positive normal finite number or +0, which enters the log as 1, and
// t = b log_of_normal(that) with |t| < 86.  There pow is exp_unclamped(t) but for its
// selects: at a = +0 and b != 0, +0 (b > 0) or +inf (b < 0); a a, a, sqrt(a) for b = 2,
// 1, 0.5 (sqrt(a) + 0 = sqrt(a) for a >= +0).
[[gnu::always_inline]] inline float pow_variable_log_input(float a) noexcept {
    return a + select(std::bit_cast<std::uint32_t>(a) == 0u, 1.0f, 0.0f);  // as pow_constant_log_input
}
[[gnu::always_inline]] inline bool pow_variable_is_plain(float m, float t) noexcept {
    return log_is_plain(m) & exp_is_plain(t);
}
[[gnu::always_inline]] inline float pow_variable_lane(float a, float b, float t) noexcept {
    const bool zero = std::bit_cast<std::uint32_t>(a) == 0u;
    float r = exp_unclamped(t);
    r = select(zero & (b < 0.0f), INFINITY_F, r);
    r = select(zero & (b > 0.0f), 0.0f, r);
    r = select(b == 2.0f, a * a, r);
    r = select(b == 1.0f, a, r);
    return select(b == 0.5f, __builtin_sqrtf(a), r);
}

// fmodf (exact: the remainder is always a binary32 number), lane-wise for quotients
// |a/b| below 2^24, the rest by the C library (math_kernels.cpp; generated code calls
// that kernel when a vector has such a lane, jit/float_power.cpp).  With A = |a|, B = |b|
// and n = floor(A/B) < 2^24: n is a binary32 integer and rounding is monotonic, so
// q = trunc(fl(A/B)) is n or n + 1; A - qB is then a multiple of B's last place (A >= B
// is a multiple of it) below B in magnitude, so fma(-q, B, A) is exact, and adding B
// when it is negative gives A - nB exactly (a representable result).  A < B gives A (also
// B = inf); B = 0, A = inf or NaN operands give NaN.  The result has the sign of a.
[[gnu::always_inline]] inline float fmod_lanes(float a, float b) noexcept {
    const float A = abs(a), B = abs(b);
    const float q = trunc(A / B);
    float r = fma(-q, B, A);
    r = select(r < 0.0f, r + B, r);
    r = select(A < B, A, r);
    r = std::bit_cast<float>(std::bit_cast<std::uint32_t>(r) | (std::bit_cast<std::uint32_t>(a) & 0x80000000u));
    return select(r != r, NAN_F, r);
}
// The lanes fmod_lanes does not compute exactly: finite a, b != 0, |a/b| >= 2^24.
[[gnu::always_inline]] inline bool fmod_needs_library(float a, float b) noexcept {
    const float A = abs(a), B = abs(b);
    return (A / B >= 16777216.0f) & (A < INFINITY_F) & (B != 0.0f);
}

}  // namespace rigor::pixel::expr::vmath
