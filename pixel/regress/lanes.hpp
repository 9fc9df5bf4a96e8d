// Four doubles and eight floats as number types for filters/regress/formulas.hpp: + − × ÷
// lane by lane, max as formulas::max (b < a ? a : b), sqrt correctly rounded, loads and
// stores.  Each lane computes exactly what the scalar type computes (the same IEEE
// operation), so a loop over Lanes equals the scalar loop bit for bit.  GCC's vector
// extensions, not intrinsics: they compile for any target, so formulas.hpp's templates
// (compiled for no particular target) may use them, and inlined into an AVX2 function
// they become ymm instructions (sqrt lane by lane becomes vsqrtps); in a baseline one,
// pairs of SSE2 instructions.
#pragma once
#include <cstring>

namespace rigor::pixel::regress::lanes {

using v4d = double __attribute__((vector_size(32)));
using v8f = float __attribute__((vector_size(32)));

#define RIGOR_LANES [[gnu::always_inline]] inline
template <class V>
struct Lanes {
    V v;
};
using Doubles4 = Lanes<v4d>;
using Floats8 = Lanes<v8f>;
template <class V>
RIGOR_LANES Lanes<V> operator+(Lanes<V> a, Lanes<V> b) noexcept { return {a.v + b.v}; }
template <class V>
RIGOR_LANES Lanes<V> operator-(Lanes<V> a, Lanes<V> b) noexcept { return {a.v - b.v}; }
template <class V>
RIGOR_LANES Lanes<V> operator*(Lanes<V> a, Lanes<V> b) noexcept { return {a.v * b.v}; }
template <class V>
RIGOR_LANES Lanes<V> operator/(Lanes<V> a, Lanes<V> b) noexcept { return {a.v / b.v}; }
template <class V>
RIGOR_LANES Lanes<V> max(Lanes<V> a, Lanes<V> b) noexcept { return {b.v < a.v ? a.v : b.v}; }
RIGOR_LANES Floats8 sqrt(Floats8 a) noexcept {
    Floats8 r;
    for (int l = 0; l < 8; ++l) r.v[l] = __builtin_sqrtf(a.v[l]);
    return r;
}
RIGOR_LANES Doubles4 broadcast4(double a) noexcept { return {v4d{a, a, a, a}}; }
RIGOR_LANES Floats8 broadcast8(float a) noexcept { return {v8f{a, a, a, a, a, a, a, a}}; }

// p[0 … 3]; four floats widened to double (exactly, as double(f)); p[0 … 3] = a.
RIGOR_LANES Doubles4 load4(const double* p) noexcept {
    Doubles4 a;
    std::memcpy(&a.v, p, sizeof a.v);
    return a;
}
RIGOR_LANES Doubles4 widened4(const float* p) noexcept {
    return {v4d{p[0], p[1], p[2], p[3]}};  // one vcvtps2pd (__builtin_convertvector splits it)
}
RIGOR_LANES void store4(double* p, Doubles4 a) noexcept { std::memcpy(p, &a.v, sizeof a.v); }
#undef RIGOR_LANES

}  // namespace rigor::pixel::regress::lanes
