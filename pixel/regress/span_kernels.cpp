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

// DirectWindowSums<K, R> on four columns: c[x − R] + c[x − R + 1] + … + c[x + R], each
// term an unaligned load folded into its add.
template <int R>
RIGOR_AVX2 Doubles4 window_sum(const double* c, int x) noexcept {
    const double* p = c + x;
    Doubles4 s{v4d(_mm256_loadu_pd(p - R))};
    for (int d = -R + 1; d <= R; ++d) s = s + Doubles4{v4d(_mm256_loadu_pd(p + d))};
    return s;
}

// x, hidden from the optimiser (an empty asm): the loads of two neighbouring groups of
// columns overlap, and for R ≥ 3 keeping them in registers for each other costs more
// in spills than loading them again (callgrind at r = 4: 26 → 19 Ir/px for the
// regression span; at r = 1 and 2 the shared loads are cheaper).
template <int R>
RIGOR_AVX2 int opaque_column(int x) noexcept {
    if constexpr (R >= 3) asm("" : "+r"(x));
    return x;
}

// regression_span_of's double part on four columns.
struct Moments {
    Doubles4 mx, my, var_x, var_y, cov;
};
template <int R>
RIGOR_AVX2 Moments moments(const std::array<const double*, 5>& c, int x, Doubles4 inv_n) noexcept {
    namespace f = rigor::regress::formulas;
    x = opaque_column<R>(x);
    const Doubles4 zero = broadcast4(0.0);
    Moments m;
    m.mx = window_sum<R>(c[0], x) * inv_n;
    m.my = window_sum<R>(c[1], x) * inv_n;
    m.var_x = f::variance(window_sum<R>(c[2], x) * inv_n, m.mx, zero);
    m.var_y = f::variance(window_sum<R>(c[4], x) * inv_n, m.my, zero);
    m.cov = f::covariance(window_sum<R>(c[3], x) * inv_n, m.mx, m.my);
    return m;
}

// regression_span_of's intercept on four columns, rounded to binary32.
RIGOR_AVX2 __m128 intercept4(const Moments& m, Doubles4 eps, Doubles4 divisor) noexcept {
    namespace f = rigor::regress::formulas;
    const Doubles4 a = f::slope(m.cov, m.var_x, eps);
    return _mm256_cvtpd_ps(f::intercept(m.my, a, m.mx, divisor).v);
}

template <int R>
[[gnu::target("avx2")]] void regression_span_avx2(const std::array<const double*, 5>& columns, int begin, int end,
                                                  const RegressionConstants& k, float* slope, float* corr,
                                                  float* icpt) noexcept {
    namespace f = rigor::regress::formulas;
    const std::array<const double*, 5> c = columns;  // in registers, not reloaded after each store
    const Doubles4 inv_n = broadcast4(k.inv_n), eps = broadcast4(k.eps), divisor = broadcast4(k.intercept_divisor);
    const bool rescale = k.wt != 1.0;
    const Floats8 feps = broadcast8(float(k.eps)), fzero = broadcast8(0.0f);
    const Floats8 one_minus_w = broadcast8(float(1.0 - k.wt)), fw = broadcast8(float(k.wt));
    int i = begin;
    for (; i + 8 <= end; i += 8) {
        const Moments lo = moments<R>(c, i, inv_n), hi = moments<R>(c, i + 4, inv_n);
        const Floats8 cov = rounded(lo.cov, hi.cov), var_x = rounded(lo.var_x, hi.var_x);
        const Floats8 var_y = rounded(lo.var_y, hi.var_y);
        _mm256_storeu_ps(slope + i, __m256(f::slope(cov, var_x, feps).v));
        const Floats8 rho = f::rho(cov, var_x, var_y, feps);
        _mm256_storeu_ps(corr + i, __m256(rescale ? f::weighted_correlation(rho, one_minus_w, fw, fzero).v : rho.v));
        if (icpt) {
            _mm_storeu_ps(icpt + i, intercept4(lo, eps, divisor));
            _mm_storeu_ps(icpt + i + 4, intercept4(hi, eps, divisor));
        }
    }
    regression_span_of(DirectWindowSums<5, R>{c}, i, end, k, slope, corr, icpt);
}

// reconstruct_span_of on four columns, rounded to binary32; K = 3: with an intercept.
template <int K, int R>
RIGOR_AVX2 __m128 reconstructed4(const std::array<const double*, 3>& c, int i, const float* x, Doubles4 inv_n,
                                 Doubles4 eps) noexcept {
    namespace f = rigor::regress::formulas;
    const Doubles4 xs{v4d(_mm256_cvtps_pd(_mm_loadu_ps(x + i)))};
    i = opaque_column<R>(i);
    const Doubles4 mean_ac = window_sum<R>(c[0], i) * inv_n, mean_c = window_sum<R>(c[1], i) * inv_n;
    if constexpr (K == 3)
        return _mm256_cvtpd_ps(f::reconstructed(xs, mean_ac, window_sum<R>(c[2], i) * inv_n, mean_c, eps).v);
    else
        return _mm256_cvtpd_ps(f::reconstructed(xs, mean_ac, mean_c, eps).v);
}

template <int K, int R>
[[gnu::target("avx2")]] void reconstruct_span_avx2(const std::array<const double*, 3>& columns, int begin, int end,
                                                   const float* x, double inv_n, double eps, float* out) noexcept {
    const std::array<const double*, 3> c = columns;
    const Doubles4 n = broadcast4(inv_n), e = broadcast4(eps);
    int i = begin;
    for (; i + 8 <= end; i += 8) {
        const __m128 lo = reconstructed4<K, R>(c, i, x, n, e), hi = reconstructed4<K, R>(c, i + 4, x, n, e);
        _mm256_storeu_ps(out + i, _mm256_set_m128(hi, lo));
    }
    reconstruct_span_of<K>(DirectWindowSums<K, R>{first<K>(c)}, i, end, x, inv_n, eps, out);
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
    static constexpr Kernel kernels[] = {regression_span_avx2<0>, regression_span_avx2<1>, regression_span_avx2<2>,
                                         regression_span_avx2<3>, regression_span_avx2<4>, regression_span_avx2<5>};
    static_assert(std::size(kernels) == kLargestDirectRadius + 1);
    kernels[r](c, begin, end, k, slope, corr, icpt);
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
