#include "pixel/regress/span_kernels.hpp"

#include <immintrin.h>

#include "pixel/regress/lanes.hpp"
#include "pixel/regress/window_sums.hpp"

namespace rigor::pixel::regress {

namespace {

template <int K>
std::array<const double*, K> first(const std::array<const double*, 3>& c) {
    std::array<const double*, K> out;
    for (int k = 0; k < K; ++k) out[std::size_t(k)] = c[std::size_t(k)];
    return out;
}

}  // namespace

void regression_span_plain(const std::array<const double*, 5>& c, int r, int begin, int end,
                           const RegressionConstants& k, float* slope, float* corr, float* icpt) noexcept {
    with_direct_sums<5>(c, r, [&](const auto& sums) { regression_span_of(sums, begin, end, k, slope, corr, icpt); });
}

void reconstruct_span_plain(const std::array<const double*, 3>& c, bool with_intercept, int r, int begin, int end,
                            const float* x, double inv_n, double eps, float* out) noexcept {
    if (with_intercept)
        with_direct_sums<3>(c, r, [&](const auto& s) { reconstruct_span_of<3>(s, begin, end, x, inv_n, eps, out); });
    else
        with_direct_sums<2>(first<2>(c), r,
                            [&](const auto& s) { reconstruct_span_of<2>(s, begin, end, x, inv_n, eps, out); });
}

namespace {

using lanes::Doubles4;
using lanes::Floats8;
using lanes::v4d;
using lanes::v8f;
using lanes::broadcast4;
using lanes::broadcast8;

#define RIGOR_AVX2 [[gnu::target("avx2"), gnu::always_inline]] inline

// Two groups of four doubles rounded to binary32 (as float(d), to nearest), side by side.
RIGOR_AVX2 Floats8 rounded(Doubles4 lo, Doubles4 hi) noexcept {
    return {v8f(_mm256_set_m128(_mm256_cvtpd_ps(hi.v), _mm256_cvtpd_ps(lo.v)))};
}

// v, its value hidden from the optimiser (an empty asm).  For the zeros of formulas::max
// (b < a ? a : b): with a known 0 GCC folds `0 < v ? v : 0` into a compare and a mask (two
// instructions); with an unknown one it emits vmaxpd/vmaxps, which compute exactly
// a > b ? a : b lane by lane (MAXPD returns the second operand when the lanes compare
// unordered or equal: NaN → 0, −0 → +0, as the select).  callgrind Ir/px (regress_ir):
// r1 27.81 → 27.19, r2 31.89 → 31.27, r4 37.20 → 36.46; outputs hash-identical.
template <class V>
RIGOR_AVX2 lanes::Lanes<V> opaque(lanes::Lanes<V> v) noexcept {
    asm("" : "+x"(v.v));
    return v;
}

// DirectWindowSums<K, R> on four columns (window_sums.hpp direct_window_sum: the same
// order), each term an unaligned load.
template <int R>
RIGOR_AVX2 Doubles4 window_sum(const double* c, int x) noexcept {
    const double* p = c + x - R;
    return direct_window_sum<R, Doubles4>([p](int o) __attribute__((always_inline)) { return lanes::load4(p + o); });
}

// The window sums of K channels for columns i … i + 3 (lo) and i + 4 … i + 7 (hi), for
// i = begin, begin + 8, …: DirectWindowSums' values.  With two blocks of four
// (direct_window_sum: R = 4, 5) the windows of lo and hi share one block, and hi's last
// block is the next lo's first, kept in `carry`: two blocks per channel and step instead
// of four (R = 4: 12 loads and adds instead of 18).  Otherwise each window is summed on
// its own, from a column index hidden from the optimiser (an empty asm) for R ≥ 3: the
// loads of lo and hi overlap, and keeping them in registers for each other costs more in
// spills than loading them again (callgrind at R = 3: 26 → 19 Ir/px).
template <int K, int R>
struct EightColumnSums {
    std::array<const double*, K> c;
    std::array<v4d, K> carry;  // raw vectors: GCC keeps these in registers, Lanes structs it spills
    static constexpr bool kPaired = kWindowBlocks<R> == 2;

    RIGOR_AVX2 static Doubles4 block(const double* p) noexcept {
        return window_block([p](int o) __attribute__((always_inline)) { return lanes::load4(p + o); }, 0);
    }
    RIGOR_AVX2 EightColumnSums(const std::array<const double*, K>& columns, int begin) noexcept : c(columns) {
        if constexpr (kPaired)
            for (int k = 0; k < K; ++k) carry[k] = block(c[k] + begin - R).v;
    }
    RIGOR_AVX2 void next(int i, std::array<Doubles4, K>& lo, std::array<Doubles4, K>& hi) noexcept {
        for (int k = 0; k < K; ++k) {
            if constexpr (kPaired) {
                const double* p = c[k] + i - R;
                const Doubles4 middle = block(p + 4), last = block(p + 8);
                lo[k] = plus_window_rest<R>(Doubles4{carry[k]} + middle, [p](int o)
                                                __attribute__((always_inline)) { return lanes::load4(p + o); });
                hi[k] = plus_window_rest<R>(middle + last, [p](int o)
                                                __attribute__((always_inline)) { return lanes::load4(p + 4 + o); });
                carry[k] = last.v;
            } else {
                int x = i, y = i + 4;
                if constexpr (R >= 3) asm("" : "+r"(x), "+r"(y));
                lo[k] = window_sum<R>(c[k], x), hi[k] = window_sum<R>(c[k], y);
            }
        }
    }
};

// regression_span_of's double part on four columns, from their window sums.
struct Moments {
    Doubles4 mx, my, var_x, var_y, cov;
};
RIGOR_AVX2 Moments moments(const std::array<Doubles4, 5>& s, Doubles4 inv_n) noexcept {
    namespace f = rigor::regress::formulas;
    const Doubles4 zero = opaque(broadcast4(0.0));
    Moments m;
    m.mx = s[0] * inv_n;
    m.my = s[1] * inv_n;
    m.var_x = f::variance(s[2] * inv_n, m.mx, zero);
    m.var_y = f::variance(s[4] * inv_n, m.my, zero);
    m.cov = f::covariance(s[3] * inv_n, m.mx, m.my);
    return m;
}

// regression_span_of's intercept on four columns, rounded to binary32.
RIGOR_AVX2 __m128 intercept4(const Moments& m, Doubles4 eps, Doubles4 divisor) noexcept {
    namespace f = rigor::regress::formulas;
    const Doubles4 a = f::slope(m.cov, m.var_x, eps);
    return _mm256_cvtpd_ps(f::intercept(m.my, a, m.mx, divisor).v);
}

// Rescale (w ≠ 1) and Intercept (icpt not null) are template parameters, not tested per
// step: GCC does not unswitch the loop on them (callgrind: 7 instructions per 8 columns).
template <int R, bool Rescale, bool Intercept>
[[gnu::target("avx2")]] void regression_span_avx2(const std::array<const double*, 5>& columns, int begin, int end,
                                                  const RegressionConstants& k, float* slope, float* corr,
                                                  float* icpt) noexcept {
    namespace f = rigor::regress::formulas;
    const std::array<const double*, 5> c = columns;  // in registers, not reloaded after each store
    const Doubles4 inv_n = broadcast4(k.inv_n), eps = broadcast4(k.eps), divisor = broadcast4(k.intercept_divisor);
    const Floats8 feps = broadcast8(float(k.eps)), fzero = opaque(broadcast8(0.0f));
    const Floats8 one_minus_w = broadcast8(float(1.0 - k.wt)), fw = broadcast8(float(k.wt));
    EightColumnSums<5, R> sums(c, begin);
    int i = begin;
    for (; i + 8 <= end; i += 8) {
        std::array<Doubles4, 5> s_lo, s_hi;
        sums.next(i, s_lo, s_hi);
        const Moments lo = moments(s_lo, inv_n), hi = moments(s_hi, inv_n);
        const Floats8 cov = rounded(lo.cov, hi.cov), var_x = rounded(lo.var_x, hi.var_x);
        const Floats8 var_y = rounded(lo.var_y, hi.var_y);
        _mm256_storeu_ps(slope + i, __m256(f::slope(cov, var_x, feps).v));
        const Floats8 rho = f::rho(cov, var_x, var_y, feps);
        _mm256_storeu_ps(corr + i, __m256(Rescale ? f::weighted_correlation(rho, one_minus_w, fw, fzero).v : rho.v));
        if constexpr (Intercept) {
            _mm_storeu_ps(icpt + i, intercept4(lo, eps, divisor));
            _mm_storeu_ps(icpt + i + 4, intercept4(hi, eps, divisor));
        }
    }
    regression_span_of(DirectWindowSums<5, R>{c}, i, end, k, slope, corr, icpt);
}

// reconstruct_span_of on four columns from their window sums, rounded to binary32; K = 3:
// with an intercept.
template <int K>
RIGOR_AVX2 __m128 reconstructed4(const std::array<Doubles4, K>& s, const float* x, Doubles4 inv_n,
                                 Doubles4 eps) noexcept {
    namespace f = rigor::regress::formulas;
    const Doubles4 xs{v4d(_mm256_cvtps_pd(_mm_loadu_ps(x)))};
    const Doubles4 mean_ac = s[0] * inv_n, mean_c = s[1] * inv_n;
    if constexpr (K == 3) return _mm256_cvtpd_ps(f::reconstructed(xs, mean_ac, s[2] * inv_n, mean_c, eps).v);
    else return _mm256_cvtpd_ps(f::reconstructed(xs, mean_ac, mean_c, eps).v);
}

template <int K, int R>
[[gnu::target("avx2")]] void reconstruct_span_avx2(const std::array<const double*, 3>& columns, int begin, int end,
                                                   const float* x, double inv_n, double eps, float* out) noexcept {
    const std::array<const double*, K> c = first<K>(columns);
    const Doubles4 n = broadcast4(inv_n), e = broadcast4(eps);
    EightColumnSums<K, R> sums(c, begin);
    int i = begin;
    for (; i + 8 <= end; i += 8) {
        std::array<Doubles4, K> s_lo, s_hi;
        sums.next(i, s_lo, s_hi);
        const __m128 lo = reconstructed4<K>(s_lo, x + i, n, e), hi = reconstructed4<K>(s_hi, x + i + 4, n, e);
        _mm256_storeu_ps(out + i, _mm256_set_m128(hi, lo));
    }
    reconstruct_span_of<K>(DirectWindowSums<K, R>{c}, i, end, x, inv_n, eps, out);
}
#undef RIGOR_AVX2

bool has_avx2() noexcept {
    static const bool yes = __builtin_cpu_supports("avx2");
    return yes;
}

}  // namespace

void regression_span(const std::array<const double*, 5>& c, int r, int begin, int end, const RegressionConstants& k,
                     float* slope, float* corr, float* icpt) noexcept {
    if (!has_avx2()) return regression_span_plain(c, r, begin, end, k, slope, corr, icpt);
    using Kernel = void (*)(const std::array<const double*, 5>&, int, int, const RegressionConstants&, float*,
                            float*, float*) noexcept;
    // kernels[rescale][intercept][r]
    static constexpr Kernel kernels[2][2][kLargestDirectRadius + 1] = {
        {{regression_span_avx2<0, false, false>, regression_span_avx2<1, false, false>,
          regression_span_avx2<2, false, false>, regression_span_avx2<3, false, false>,
          regression_span_avx2<4, false, false>, regression_span_avx2<5, false, false>},
         {regression_span_avx2<0, false, true>, regression_span_avx2<1, false, true>,
          regression_span_avx2<2, false, true>, regression_span_avx2<3, false, true>,
          regression_span_avx2<4, false, true>, regression_span_avx2<5, false, true>}},
        {{regression_span_avx2<0, true, false>, regression_span_avx2<1, true, false>,
          regression_span_avx2<2, true, false>, regression_span_avx2<3, true, false>,
          regression_span_avx2<4, true, false>, regression_span_avx2<5, true, false>},
         {regression_span_avx2<0, true, true>, regression_span_avx2<1, true, true>,
          regression_span_avx2<2, true, true>, regression_span_avx2<3, true, true>,
          regression_span_avx2<4, true, true>, regression_span_avx2<5, true, true>}}};
    static_assert(kLargestDirectRadius == 5, "one entry per direct radius");
    kernels[k.wt != 1.0][icpt != nullptr][r](c, begin, end, k, slope, corr, icpt);
}

void reconstruct_span(const std::array<const double*, 3>& c, bool with_intercept, int r, int begin, int end,
                      const float* x, double inv_n, double eps, float* out) noexcept {
    if (!has_avx2()) return reconstruct_span_plain(c, with_intercept, r, begin, end, x, inv_n, eps, out);
    using Kernel = void (*)(const std::array<const double*, 3>&, int, int, const float*, double, double,
                            float*) noexcept;
    static constexpr Kernel two[] = {reconstruct_span_avx2<2, 0>, reconstruct_span_avx2<2, 1>,
                                     reconstruct_span_avx2<2, 2>, reconstruct_span_avx2<2, 3>,
                                     reconstruct_span_avx2<2, 4>, reconstruct_span_avx2<2, 5>};
    static constexpr Kernel three[] = {reconstruct_span_avx2<3, 0>, reconstruct_span_avx2<3, 1>,
                                       reconstruct_span_avx2<3, 2>, reconstruct_span_avx2<3, 3>,
                                       reconstruct_span_avx2<3, 4>, reconstruct_span_avx2<3, 5>};
    static_assert(std::size(two) == kLargestDirectRadius + 1);
    (with_intercept ? three : two)[r](c, begin, end, x, inv_n, eps, out);
}

}  // namespace rigor::pixel::regress
