#include "pixel/expr/convert.hpp"

#include <immintrin.h>

namespace rigor::pixel::expr {

namespace {

// Clamp to [0, top] (NaN -> 0), then round half to even: below 2^23 adding and
// subtracting 2^23 is exactly that rounding.
inline std::int32_t clamp_round(float v, float top) noexcept {
    float c = v > 0.0f ? v : 0.0f;
    c = c < top ? c : top;
    return std::int32_t((c + 8388608.0f) - 8388608.0f);
}

// The same on 8 lanes: MINPS(top, v) keeps a NaN v (it returns its second operand when
// either is NaN), then MAXPS(c, 0) turns it into 0; VCVTPS2DQ rounds half to even.
__attribute__((target("avx2"))) inline __m256i clamp_round8(const float* v, __m256 top) noexcept {
    __m256 c = _mm256_min_ps(top, _mm256_loadu_ps(v));
    c = _mm256_max_ps(c, _mm256_setzero_ps());
    return _mm256_cvtps_epi32(c);
}

__attribute__((target("avx2"))) void u8_to_float_avx2(const std::uint8_t* src, float* dst, int n) noexcept {
    int i = 0;
    for (; i + 32 <= n; i += 32)
        for (int j = 0; j < 32; j += 8) {
            __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + i + j));
            _mm256_storeu_ps(dst + i + j, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(b)));
        }
    u8_to_float_plain(src + i, dst + i, n - i);
}

__attribute__((target("avx2"))) void u16_to_float_avx2(const std::uint16_t* src, float* dst, int n) noexcept {
    int i = 0;
    for (; i + 32 <= n; i += 32)
        for (int j = 0; j < 32; j += 8) {
            __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i + j));
            _mm256_storeu_ps(dst + i + j, _mm256_cvtepi32_ps(_mm256_cvtepu16_epi32(h)));
        }
    u16_to_float_plain(src + i, dst + i, n - i);
}

__attribute__((target("avx2"))) void float_to_u8_avx2(const float* v, std::uint8_t* dst, int n, float top) noexcept {
    const __m256 t = _mm256_set1_ps(top);
    // PACKUS works within 128-bit halves: after both packs the 4-byte groups are in the
    // order a0 b0 c0 d0 a1 b1 c1 d1; the permutation restores a0 a1 b0 b1 ...
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i a = clamp_round8(v + i, t), b = clamp_round8(v + i + 8, t);
        __m256i c = clamp_round8(v + i + 16, t), d = clamp_round8(v + i + 24, t);
        __m256i bytes = _mm256_packus_epi16(_mm256_packus_epi32(a, b), _mm256_packus_epi32(c, d));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_permutevar8x32_epi32(bytes, order));
    }
    float_to_u8_plain(v + i, dst + i, n - i, top);
}

__attribute__((target("avx2"))) void float_to_u16_avx2(const float* v, std::uint16_t* dst, int n,
                                                       float top) noexcept {
    const __m256 t = _mm256_set1_ps(top);
    int i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256i words = _mm256_packus_epi32(clamp_round8(v + i, t), clamp_round8(v + i + 8, t));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_permute4x64_epi64(words, 0xd8));
    }
    float_to_u16_plain(v + i, dst + i, n - i, top);
}

bool has_avx2() noexcept {
    static const bool yes = __builtin_cpu_supports("avx2");
    return yes;
}

}  // namespace

void u8_to_float_plain(const std::uint8_t* src, float* dst, int n) noexcept {
    for (int i = 0; i < n; ++i) dst[i] = float(src[i]);
}
void u16_to_float_plain(const std::uint16_t* src, float* dst, int n) noexcept {
    for (int i = 0; i < n; ++i) dst[i] = float(src[i]);
}
void float_to_u8_plain(const float* v, std::uint8_t* dst, int n, float top) noexcept {
    for (int i = 0; i < n; ++i) dst[i] = std::uint8_t(clamp_round(v[i], top));
}
void float_to_u16_plain(const float* v, std::uint16_t* dst, int n, float top) noexcept {
    for (int i = 0; i < n; ++i) dst[i] = std::uint16_t(clamp_round(v[i], top));
}

void u8_to_float(const std::uint8_t* src, float* dst, int n) noexcept {
    has_avx2() ? u8_to_float_avx2(src, dst, n) : u8_to_float_plain(src, dst, n);
}
void u16_to_float(const std::uint16_t* src, float* dst, int n) noexcept {
    has_avx2() ? u16_to_float_avx2(src, dst, n) : u16_to_float_plain(src, dst, n);
}
void float_to_u8(const float* v, std::uint8_t* dst, int n, float top) noexcept {
    has_avx2() ? float_to_u8_avx2(v, dst, n, top) : float_to_u8_plain(v, dst, n, top);
}
void float_to_u16(const float* v, std::uint16_t* dst, int n, float top) noexcept {
    has_avx2() ? float_to_u16_avx2(v, dst, n, top) : float_to_u16_plain(v, dst, n, top);
}

}  // namespace rigor::pixel::expr
