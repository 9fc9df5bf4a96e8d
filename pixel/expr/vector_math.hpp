// Branch-free binary32 functions the compiler can vectorise (loops over arrays calling
// them become SIMD code).  Accuracy: exp, log within about 2 ulp on normal results,
// sin/cos within about 2e-7 absolute for |x| < 8192 (Cody-Waite reduction by pi/2,
// degrades slowly beyond), pow within about 1e-6 relative; all well inside the 1e-4
// relative tolerance of the Expr golden cases.  Polynomials: Cephes (S. Moshier) minimax
// coefficients for expf/logf/sinf/cosf.  Special values follow C: exp(-inf) = 0,
// exp(inf) = inf, log(0) = -inf, log(<0) = NaN, NaN in -> NaN out.
#pragma once
#include <bit>
#include <cstdint>
#include <limits>

namespace rigor::pixel::vmath {

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
[[gnu::always_inline]] inline float trunc(float v) noexcept {
    float a = abs(v);
    // Converting inf, NaN or anything beyond INT32_MAX to int is undefined: convert 0 then.
    float t = float(std::int32_t(select(a < 8388608.0f, a, 0.0f)));
    return select(a < 8388608.0f, copysign(t, v), v);
}
[[gnu::always_inline]] inline float floor(float v) noexcept {
    float t = trunc(v);
    return select(t > v, t - 1.0f, t);
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

[[gnu::always_inline]] inline float exp(float x) noexcept {
    // x = n ln2 + r, |r| <= ln2/2; e^x = 2^n e^r.
    float xc = select(x > 88.5f, 88.5f, select(x < -87.5f, -87.5f, x));
    xc = select(xc == xc, xc, 0.0f);
    // |xc log2 e| <= 128: adding and subtracting 1.5 * 2^23 rounds half to even with no
    // range select (round_even's select made GCC duplicate the whole polynomial).  Only
    // the sign of a zero n differs from round_even, which changes no result.
    float n = (xc * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
    float r = xc - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float er = p * (r * r) + r + 1.0f;
    // 2^n in two halves so n = 128 (just above 88.72) still scales correctly to inf.
    std::int32_t ni = std::int32_t(n);
    std::int32_t n1 = ni / 2, n2 = ni - n1;
    float s1 = std::bit_cast<float>(std::uint32_t(n1 + 127) << 23);
    float s2 = std::bit_cast<float>(std::uint32_t(n2 + 127) << 23);
    float y = er * s1 * s2;
    y = select(x > 88.72283935546875f, INFINITY_F, y);
    y = select(x < -103.972084045410f, 0.0f, y);
    return select(x == x, y, x);
}

[[gnu::always_inline]] inline float log(float x) noexcept {
    // x = m 2^e with m in [sqrt(1/2), sqrt(2)); log x = log m + e ln2.
    float xs = select(x < 1.17549435e-38f, x * 8388608.0f, x);  // lift subnormals
    float bias = select(x < 1.17549435e-38f, 23.0f, 0.0f);
    std::uint32_t u = std::bit_cast<std::uint32_t>(xs);
    std::int32_t e = std::int32_t((u >> 23) & 0xffu) - 126;
    float m = std::bit_cast<float>((u & 0x007fffffu) | 0x3f000000u);  // [0.5, 1)
    bool small = m < 0.707106781186547524f;
    float ef = float(e) - bias - select(small, 1.0f, 0.0f);
    float z = select(small, m + m, m) - 1.0f;
    float z2 = z * z;
    float p = 7.0376836292e-2f;
    p = p * z - 1.1514610310e-1f;
    p = p * z + 1.1676998740e-1f;
    p = p * z - 1.2420140846e-1f;
    p = p * z + 1.4249322787e-1f;
    p = p * z - 1.6668057665e-1f;
    p = p * z + 2.0000714765e-1f;
    p = p * z - 2.4999993993e-1f;
    p = p * z + 3.3333331174e-1f;
    float y = z * z2 * p;
    y = y + ef * -2.12194440e-4f;
    y = y - 0.5f * z2;
    float r = z + y;
    r = r + ef * 0.693359375f;
    r = select(x == INFINITY_F, INFINITY_F, r);
    r = select(x == 0.0f, -INFINITY_F, r);
    r = select(x < 0.0f, NAN_F, r);
    return select(x == x, r, x);
}

// Range reduction and both polynomials of sincos below: x = k pi/2 + r, q = k mod 4.
struct SinCosParts {
    float s, c;      // sin r, cos r
    std::int32_t q;  // quadrant
};
[[gnu::always_inline]] inline SinCosParts sincos_parts(float x) noexcept {
    // k = round_even(t) below 2^23, else 0 (no reduction is meaningful there), written
    // with one select so GCC does not thread the two range tests into two copies.
    float t = x * 0.636619772367581343f;
    float ta = abs(t);
    float k = select(ta < 8388608.0f, copysign((ta + 8388608.0f) - 8388608.0f, t), 0.0f);
    float r = x - k * 1.5703125f;
    r = r - k * 4.837512969970703125e-4f;
    r = r - k * 7.54978995489188216e-8f;
    float r2 = r * r;
    float s = ((-1.9515295891e-4f * r2 + 8.3321608736e-3f) * r2 - 1.6666654611e-1f) * r2 * r + r;
    float c = ((2.443315711809948e-5f * r2 - 1.388731625493765e-3f) * r2 + 4.166664568298827e-2f) * r2 * r2 -
              0.5f * r2 + 1.0f;
    return {s, c, std::int32_t(k)};
}
// sin of x from its parts, shifted by a quarter turn per unit of shift (1: cos).
[[gnu::always_inline]] inline float sincos_result(float x, const SinCosParts& p, std::int32_t shift) noexcept {
    std::int32_t q = p.q + shift;
    float v = select((q & 1) != 0, p.c, p.s);
    v = select((q & 2) != 0, -v, v);
    return select(abs(x) == INFINITY_F, NAN_F, v);
}
[[gnu::always_inline]] inline float sin(float x) noexcept { return sincos_result(x, sincos_parts(x), 0); }
[[gnu::always_inline]] inline float cos(float x) noexcept { return sincos_result(x, sincos_parts(x), 1); }

// powf: exp(b log|a|) with the signs and special cases of C's powf.
[[gnu::always_inline]] inline float pow(float a, float b) noexcept {
    float r = exp(b * log(abs(a)));
    float bt = trunc(b);
    bool b_int = bt == b;
    bool b_odd = b_int && abs(b) < 16777216.0f && (std::int32_t(select(abs(b) < 16777216.0f, b, 0.0f)) & 1) != 0;
    r = select(a < 0.0f, select(b_int, select(b_odd, -r, r), NAN_F), r);
    r = select(a == 0.0f && b_odd && std::bit_cast<std::uint32_t>(a) == 0x80000000u, -r, r);  // (-0)^odd
    r = select(b == 0.0f || a == 1.0f, 1.0f, r);
    return r;
}

}  // namespace rigor::pixel::vmath
