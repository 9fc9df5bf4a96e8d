#include "pixel/expr/window_sum_kernels.hpp"

#include <immintrin.h>

#include <array>
#include <utility>

namespace rigor::pixel::expr {

namespace {

// c[x] += enter[x] - leave[x] in C (uint16 wraps modulo 2^16).
template <class C, class T>
void slide_plain(C* c, const T* enter, const T* leave, int n) noexcept {
    for (int x = 0; x < n; ++x) c[x] = C(c[x] + std::int32_t(enter[x]) - std::int32_t(leave[x]));
}

}  // namespace

void word_slide_plain(std::uint16_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept {
    slide_plain(c, enter, leave, n);
}

void dword_slide_plain(std::int32_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept {
    slide_plain(c, enter, leave, n);
}

void dword_slide_plain(std::int32_t* c, const std::uint16_t* enter, const std::uint16_t* leave, int n) noexcept {
    slide_plain(c, enter, leave, n);
}

void word_window_sums_plain(const std::uint16_t* c, int n, int k, std::uint16_t* prefix, std::uint16_t* out) noexcept {
    std::uint16_t s = 0;
    prefix[0] = 0;
    for (int i = 0; i < n + k - 1; ++i) prefix[i + 1] = s = std::uint16_t(s + c[i]);
    for (int x = 0; x < n; ++x) out[x] = std::uint16_t(prefix[x + k] - prefix[x]);
}

void float_window_sums_plain(const std::int32_t* c, int n, int k, std::uint32_t* prefix, float* out) noexcept {
    std::uint32_t s = 0;
    prefix[0] = 0;
    for (int i = 0; i < n + k - 1; ++i) prefix[i + 1] = s = s + std::uint32_t(c[i]);
    for (int x = 0; x < n; ++x) out[x] = float(std::int32_t(prefix[x + k] - prefix[x]));
}

namespace {

// The samples from p that fill a vector of C lanes (16 words or 8 int32), widened.
template <class C, class T>
__attribute__((target("avx2"))) inline __m256i widened(const T* p) noexcept {
    if constexpr (sizeof(C) == 2) return _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
    else if constexpr (sizeof(T) == 1) return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
    else return _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

template <class C, class T>
__attribute__((target("avx2"))) void slide_avx2(C* c, const T* enter, const T* leave, int n) noexcept {
    constexpr int lanes = 32 / int(sizeof(C));
    int x = 0;
#pragma GCC unroll 4
    for (; x + lanes <= n; x += lanes) {
        auto* column = reinterpret_cast<__m256i*>(c + x);
        const __m256i v = _mm256_loadu_si256(column), e = widened<C>(enter + x), l = widened<C>(leave + x);
        if constexpr (sizeof(C) == 2) _mm256_storeu_si256(column, _mm256_sub_epi16(_mm256_add_epi16(v, e), l));
        else _mm256_storeu_si256(column, _mm256_sub_epi32(_mm256_add_epi32(v, e), l));
    }
    slide_plain(c + x, enter + x, leave + x, n - x);
}

// Lane arithmetic on C lanes (uint16 words or int32), wrapping.
template <class C>
__attribute__((target("avx2"))) inline __m256i add_lanes(__m256i a, __m256i b) noexcept {
    if constexpr (sizeof(C) == 2) return _mm256_add_epi16(a, b);
    else return _mm256_add_epi32(a, b);
}

// Stores a vector of sums: words as they are, int32 as binary32 (exact below 2^24).
template <class Out>
__attribute__((target("avx2"))) inline void store_sums(Out* out, __m256i s) noexcept {
    if constexpr (sizeof(Out) == 2) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), s);
    else _mm256_storeu_ps(out, _mm256_cvtepi32_ps(s));
}

// Each 128-bit lane's last element in all of its lane's elements.
template <class C>
__attribute__((target("avx2"))) inline __m256i lane_lasts(__m256i v) noexcept {
    if constexpr (sizeof(C) == 2) return _mm256_shuffle_epi8(v, _mm256_set1_epi16(0x0f0e));  // bytes 14, 15
    else return _mm256_shuffle_epi32(v, 0xff);
}

// out[x] = c[x] + ... + c[x + K - 1] directly: a load and K - 1 additions per vector of
// outputs (16 words, or 8 int32 stored as binary32), fewer instructions than the prefix
// sums' (about 18 per 16 words, 16 per 8 int32) up to K = 16 for words, 12 for int32.
template <int K, class C, class Out>
__attribute__((target("avx2"))) void direct_sums_avx2(const C* c, int n, Out* out) noexcept {
    constexpr int lanes = 32 / int(sizeof(C));
    int x = 0;
#pragma GCC unroll 4
    for (; x + lanes <= n; x += lanes) {
        __m256i s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(c + x));
        for (int i = 1; i < K; ++i)
            s = add_lanes<C>(s, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(c + x + i)));
        store_sums(out + x, s);
    }
    for (; x < n; ++x) {
        C s = 0;
        for (int i = 0; i < K; ++i) s = C(s + c[x + i]);
        out[x] = Out(s);
    }
}

constexpr int kDirectWordWidths = 16, kDirectFloatWidths = 12;

// direct_sums_avx2<1 .. sizeof...(K)> by width - 1.
template <class C, class Out, int... K>
constexpr auto direct_table(std::integer_sequence<int, K...>) {
    using Sums = void (*)(const C*, int, Out*) noexcept;
    return std::array<Sums, sizeof...(K)>{&direct_sums_avx2<K + 1, C, Out>...};
}

// Direct sums up to Direct columns, else the prefix sums (header): per vector the prefix
// within each 128-bit lane by shifted adds (3 for words, 2 for int32), the low lane's
// total into the high lane, the total of the vectors before (`carry`) broadcast in.
template <class C, class P, class Out, int Direct>
__attribute__((target("avx2"))) void window_sums_avx2(const C* c, int n, int k, P* prefix, Out* out) noexcept {
    static constexpr auto direct = direct_table<C, Out>(std::make_integer_sequence<int, Direct>());
    if (k <= Direct) return direct[std::size_t(k - 1)](c, n, out);
    constexpr int lanes = 32 / int(sizeof(C));
    const int m = n + k - 1;  // elements of c summed into prefix[1 .. m]
    P* p = prefix + 1;
    prefix[0] = 0;
    __m256i carry = _mm256_setzero_si256();
    int i = 0;
#pragma GCC unroll 2
    for (; i + lanes <= m; i += lanes) {
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(c + i));
        v = add_lanes<C>(v, _mm256_slli_si256(v, sizeof(C)));
        v = add_lanes<C>(v, _mm256_slli_si256(v, 2 * sizeof(C)));
        if constexpr (sizeof(C) == 2) v = add_lanes<C>(v, _mm256_slli_si256(v, 8));
        const __m256i totals = lane_lasts<C>(v);
        v = add_lanes<C>(v, _mm256_permute2x128_si256(totals, totals, 0x08));  // high lane += low's total
        v = add_lanes<C>(v, carry);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(p + i), v);
        if constexpr (sizeof(C) == 2) carry = _mm256_permute4x64_epi64(lane_lasts<C>(v), 0xff);
        else carry = _mm256_permutevar8x32_epi32(v, _mm256_set1_epi32(7));
    }
    P s = prefix[i];
    for (; i < m; ++i) p[i] = s = P(s + P(c[i]));
    int x = 0;
#pragma GCC unroll 4
    for (; x + lanes <= n; x += lanes) {
        const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(prefix + x + k));
        const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(prefix + x));
        store_sums(out + x, sizeof(C) == 2 ? _mm256_sub_epi16(a, b) : _mm256_sub_epi32(a, b));
    }
    for (; x < n; ++x) out[x] = Out(C(prefix[x + k] - prefix[x]));
}

bool has_avx2() noexcept {
    static const bool yes = __builtin_cpu_supports("avx2");
    return yes;
}

}  // namespace

void word_slide(std::uint16_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept {
    if (has_avx2()) slide_avx2(c, enter, leave, n);
    else word_slide_plain(c, enter, leave, n);
}

void word_window_sums(const std::uint16_t* c, int n, int k, std::uint16_t* prefix, std::uint16_t* out) noexcept {
    if (has_avx2()) window_sums_avx2<std::uint16_t, std::uint16_t, std::uint16_t, kDirectWordWidths>(c, n, k, prefix, out);
    else word_window_sums_plain(c, n, k, prefix, out);
}

void dword_slide(std::int32_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept {
    if (has_avx2()) slide_avx2(c, enter, leave, n);
    else dword_slide_plain(c, enter, leave, n);
}

void dword_slide(std::int32_t* c, const std::uint16_t* enter, const std::uint16_t* leave, int n) noexcept {
    if (has_avx2()) slide_avx2(c, enter, leave, n);
    else dword_slide_plain(c, enter, leave, n);
}

void float_window_sums(const std::int32_t* c, int n, int k, std::uint32_t* prefix, float* out) noexcept {
    if (has_avx2()) window_sums_avx2<std::int32_t, std::uint32_t, float, kDirectFloatWidths>(c, n, k, prefix, out);
    else float_window_sums_plain(c, n, k, prefix, out);
}

}  // namespace rigor::pixel::expr
