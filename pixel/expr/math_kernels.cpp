#include "pixel/expr/math_kernels.hpp"

#include <cmath>
#include <cstdint>

#include "pixel/expr/vector_math.hpp"
#include "pixel/expr/vector_math_trig.hpp"

namespace rigor::pixel::expr {

namespace {

// fmod's lanes per pass, and pow's with a constant exponent (a multiple of every vector
// width).
constexpr long kFmodChunk = 64;
constexpr long kPowChunk = 64;
constexpr long kChunk = 64;  // exp's and log's

// The kernels once, as templates over nothing but the attribute their instantiation's
// caller gives them (GCC compiles always_inline bodies for the target of the function
// they are inlined into).
#define RIGOR_LANES _Pragma("GCC ivdep") for (long i = 0; i < n; ++i)
// d = f(a) per chunk of kChunk lanes: when plain(a) holds on every lane of the chunk (a
// read-only pass first, so d may equal a), by `fast`, which equals f there; else by f.
#define RIGOR_PLAIN_CHUNKS(plain, fast, f)                                                                         \
    for (long s = 0; s < n; s += kChunk) {                                                                         \
        const long m = n - s < kChunk ? n - s : kChunk;                                                            \
        const float* as = a + s;                                                                                   \
        float* ds = d + s;                                                                                         \
        int other = 0;                                                                                             \
        _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) other |= int(!plain(as[i]));                             \
        if (other) {                                                                                               \
            _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) ds[i] = f(as[i]);                                    \
        } else {                                                                                                   \
            _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) ds[i] = fast(as[i]);                                 \
        }                                                                                                          \
    }
#define RIGOR_KERNELS(prefix, attr)                                                                               \
    attr void prefix##exp(const float* a, float* d, long n) noexcept {                                            \
        RIGOR_PLAIN_CHUNKS(vmath::exp_is_plain, vmath::exp_unclamped, vmath::exp)                                  \
    }                                                                                                              \
    attr void prefix##log(const float* a, float* d, long n) noexcept {                                            \
        RIGOR_PLAIN_CHUNKS(vmath::log_is_plain, vmath::log_of_normal, vmath::log)                                  \
    }                                                                                                              \
    attr void prefix##sin(const float* a, float* d, long n) noexcept { RIGOR_LANES d[i] = vmath::sin(a[i]); }      \
    attr void prefix##cos(const float* a, float* d, long n) noexcept { RIGOR_LANES d[i] = vmath::cos(a[i]); }      \
    attr void prefix##tan(const float* a, float* d, long n) noexcept { RIGOR_LANES d[i] = vmath::tan(a[i]); }      \
    attr void prefix##asin(const float* a, float* d, long n) noexcept { RIGOR_LANES d[i] = vmath::asin(a[i]); }    \
    attr void prefix##acos(const float* a, float* d, long n) noexcept { RIGOR_LANES d[i] = vmath::acos(a[i]); }    \
    attr void prefix##atan(const float* a, float* d, long n) noexcept { RIGOR_LANES d[i] = vmath::atan(a[i]); }    \
    attr void prefix##atan2(const float* a, const float* b, float* d, long n) noexcept {                          \
        RIGOR_LANES d[i] = vmath::atan2(a[i], b[i]);                                                               \
    }                                                                                                              \
    attr void prefix##bitnot(const float* a, float* d, long n) noexcept {                                         \
        RIGOR_LANES d[i] = float(~vmath::to_int32(a[i]));                                                          \
    }                                                                                                              \
    attr void prefix##sincos(const float* a, float* s, float* c, long n) noexcept {                               \
        RIGOR_LANES {                                                                                              \
            const float v = a[i];                                                                                  \
            const vmath::SinCosParts parts = vmath::sincos_parts(v);                                               \
            s[i] = vmath::sincos_result(parts, 0);                                                              \
            c[i] = vmath::sincos_result(parts, 1);                                                              \
        }                                                                                                          \
    }                                                                                                              \
    /* Per chunk the plain lanes' sequence when every lane is plain (vmath::pow_variable_lane), */                \
    /* pow itself when one is not (the same bits); a read-only pass first, so d may be a or b. */                  \
    attr void prefix##pow(const float* a, const float* b, float* d, long n) noexcept {                            \
        for (long s = 0; s < n; s += kPowChunk) {                                                                  \
            const long m = n - s < kPowChunk ? n - s : kPowChunk;                                                  \
            const float* as = a + s;                                                                               \
            const float* bs = b + s;                                                                               \
            float* ds = d + s;                                                                                     \
            float t[kPowChunk];                                                                                    \
            int general = 0;                                                                                       \
            _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) {                                                    \
                const float lm = vmath::pow_variable_log_input(as[i]);                                             \
                t[i] = bs[i] * vmath::log_of_normal(lm);                                                           \
                general |= int(!vmath::pow_variable_is_plain(lm, t[i]));                                           \
            }                                                                                                      \
            if (general) {                                                                                         \
                _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) ds[i] = vmath::pow(as[i], bs[i]);                \
            } else {                                                                                               \
                _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) ds[i] = vmath::pow_variable_lane(as[i], bs[i], t[i]); \
            }                                                                                                      \
        }                                                                                                          \
    }                                                                                                              \
    /* vmath::ConstantExponent: the exact exponents alone, else per chunk the plain lanes' */                     \
    /* sequence when every lane is plain, pow itself when one is not (the same bits). */                         \
    attr void prefix##pow_constant(const float* a, float c, float* d, long n) noexcept {                          \
        if (vmath::pow_exponent_is_exact(c)) {                                                                     \
            RIGOR_LANES d[i] = vmath::pow_exact(a[i], c);                                                          \
            return;                                                                                                \
        }                                                                                                          \
        const vmath::ConstantExponent k = vmath::constant_exponent(c);                                             \
        float cs[kPowChunk]; /* c per lane: pow on a loop-invariant c does not vectorise */                        \
        for (long i = 0; i < kPowChunk; ++i) cs[i] = c;                                                            \
        for (long s = 0; s < n; s += kPowChunk) {                                                                  \
            const long m = n - s < kPowChunk ? n - s : kPowChunk;                                                  \
            const float* as = a + s;                                                                               \
            float* ds = d + s;                                                                                     \
            float t[kPowChunk];                                                                                    \
            int general = 0;                                                                                       \
            _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) {                                                    \
                const float lm = vmath::pow_constant_log_input(as[i], k);                                          \
                t[i] = vmath::pow_constant_product(lm, k);                                                         \
                general |= int(!vmath::pow_constant_is_plain(lm, t[i]));                                           \
            }                                                                                                      \
            if (general) {                                                                                         \
                _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) ds[i] = vmath::pow(as[i], cs[i]);                \
            } else {                                                                                               \
                _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) ds[i] = vmath::pow_constant_lane(as[i], t[i], k); \
            }                                                                                                      \
        }                                                                                                          \
    }                                                                                                              \
    attr void prefix##fmod(const float* a, const float* b, float* d, long n) noexcept {                           \
        /* Chunks through a buffer: d may be a, and the library lanes read a and b again. */                      \
        for (long c = 0; c < n; c += kFmodChunk) {                                                                 \
            const long m = n - c < kFmodChunk ? n - c : kFmodChunk;                                                \
            const float* ac = a + c;                                                                               \
            const float* bc = b + c;                                                                               \
            float t[kFmodChunk];                                                                                   \
            int library = 0;                                                                                       \
            _Pragma("GCC ivdep") for (long i = 0; i < m; ++i) {                                                    \
                t[i] = vmath::fmod_lanes(ac[i], bc[i]);                                                            \
                library |= int(vmath::fmod_needs_library(ac[i], bc[i]));                                           \
            }                                                                                                      \
            if (library)                                                                                           \
                for (long i = 0; i < m; ++i)                                                                       \
                    if (vmath::fmod_needs_library(ac[i], bc[i])) t[i] = std::fmod(ac[i], bc[i]);                   \
            for (long i = 0; i < m; ++i) d[c + i] = t[i];                                                          \
        }                                                                                                          \
    }                                                                                                              \
    attr void prefix##bitand(const float* a, const float* b, float* d, long n) noexcept {                         \
        RIGOR_LANES d[i] = float(vmath::to_int32(a[i]) & vmath::to_int32(b[i]));                                   \
    }                                                                                                              \
    attr void prefix##bitor(const float* a, const float* b, float* d, long n) noexcept {                          \
        RIGOR_LANES d[i] = float(vmath::to_int32(a[i]) | vmath::to_int32(b[i]));                                   \
    }                                                                                                              \
    attr void prefix##bitxor(const float* a, const float* b, float* d, long n) noexcept {                         \
        RIGOR_LANES d[i] = float(vmath::to_int32(a[i]) ^ vmath::to_int32(b[i]));                                   \
    }

RIGOR_KERNELS(fast_, [[gnu::target("avx2,fma")]])
RIGOR_KERNELS(plain_, )

#undef RIGOR_KERNELS
#undef RIGOR_LANES
#undef RIGOR_PLAIN_CHUNKS

constexpr MathKernels kFast{fast_exp, fast_log, fast_sin, fast_cos, fast_bitnot, fast_sincos,
                            fast_pow, fast_pow_constant, fast_fmod, fast_bitand, fast_bitor, fast_bitxor,
                            fast_tan, fast_asin, fast_acos, fast_atan, fast_atan2};
constexpr MathKernels kPlain{plain_exp, plain_log, plain_sin, plain_cos, plain_bitnot, plain_sincos,
                             plain_pow, plain_pow_constant, plain_fmod, plain_bitand, plain_bitor, plain_bitxor,
                             plain_tan, plain_asin, plain_acos, plain_atan, plain_atan2};

}  // namespace

bool cpu_has_avx2_fma() noexcept {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

const MathKernels& math_kernels() noexcept { return cpu_has_avx2_fma() ? kFast : kPlain; }
const MathKernels& math_kernels_avx2() noexcept { return kFast; }
const MathKernels& math_kernels_plain() noexcept { return kPlain; }

}  // namespace rigor::pixel::expr
