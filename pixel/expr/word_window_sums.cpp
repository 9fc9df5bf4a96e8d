#include "pixel/expr/word_window_sums.hpp"

#include <immintrin.h>

#include <array>
#include <utility>

namespace rigor::pixel::expr {

void word_slide_plain(std::uint16_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept {
    for (int x = 0; x < n; ++x) c[x] = std::uint16_t(c[x] + enter[x] - leave[x]);
}

void word_window_sums_plain(const std::uint16_t* c, int n, int k, std::uint16_t* prefix, std::uint16_t* out) noexcept {
    std::uint16_t s = 0;
    prefix[0] = 0;
    for (int i = 0; i < n + k - 1; ++i) prefix[i + 1] = s = std::uint16_t(s + c[i]);
    for (int x = 0; x < n; ++x) out[x] = std::uint16_t(prefix[x + k] - prefix[x]);
}

namespace {

// 16 bytes from p as 16 words.
__attribute__((target("avx2"))) inline __m256i widened(const std::uint8_t* p) noexcept {
    return _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

__attribute__((target("avx2"))) void word_slide_avx2(std::uint16_t* c, const std::uint8_t* enter,
                                                     const std::uint8_t* leave, int n) noexcept {
    int x = 0;
#pragma GCC unroll 2
    for (; x + 16 <= n; x += 16) {
        auto* column = reinterpret_cast<__m256i*>(c + x);
        const __m256i sum = _mm256_add_epi16(_mm256_loadu_si256(column), widened(enter + x));
        _mm256_storeu_si256(column, _mm256_sub_epi16(sum, widened(leave + x)));
    }
    word_slide_plain(c + x, enter + x, leave + x, n - x);
}

// out[x] = c[x] + ... + c[x + K - 1] directly: a load and K - 1 additions per 16
// outputs, fewer than the prefix sums' 18 up to K = 16.
template <int K>
__attribute__((target("avx2"))) void direct_window_sums_avx2(const std::uint16_t* c, int n,
                                                             std::uint16_t* out) noexcept {
    int x = 0;
#pragma GCC unroll 2
    for (; x + 16 <= n; x += 16) {
        __m256i s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(c + x));
        for (int i = 1; i < K; ++i)
            s = _mm256_add_epi16(s, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(c + x + i)));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + x), s);
    }
    for (; x < n; ++x) {
        std::uint16_t s = 0;
        for (int i = 0; i < K; ++i) s = std::uint16_t(s + c[x + i]);
        out[x] = s;
    }
}

constexpr int kDirectWidths = 16;

template <int... K>
constexpr auto direct_table(std::integer_sequence<int, K...>) {
    using Sums = void (*)(const std::uint16_t*, int, std::uint16_t*) noexcept;
    return std::array<Sums, sizeof...(K)>{&direct_window_sums_avx2<K + 1>...};
}

__attribute__((target("avx2"))) void word_window_sums_avx2(const std::uint16_t* c, int n, int k,
                                                           std::uint16_t* prefix, std::uint16_t* out) noexcept {
    static constexpr auto direct = direct_table(std::make_integer_sequence<int, kDirectWidths>());
    if (k <= kDirectWidths) return direct[std::size_t(k - 1)](c, n, out);
    const int m = n + k - 1;  // words of c summed into prefix[1 .. m]
    std::uint16_t* p = prefix + 1;
    prefix[0] = 0;
    const __m256i last_word = _mm256_set1_epi16(0x0f0e);  // bytes 14, 15: word 7 of each lane
    __m256i carry = _mm256_setzero_si256();                // the total of the vectors before
    int i = 0;
#pragma GCC unroll 2
    for (; i + 16 <= m; i += 16) {
        __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(c + i));
        v = _mm256_add_epi16(v, _mm256_slli_si256(v, 2));
        v = _mm256_add_epi16(v, _mm256_slli_si256(v, 4));
        v = _mm256_add_epi16(v, _mm256_slli_si256(v, 8));  // prefix within each lane
        const __m256i lane_totals = _mm256_shuffle_epi8(v, last_word);
        v = _mm256_add_epi16(v, _mm256_permute2x128_si256(lane_totals, lane_totals, 0x08));  // high += low's total
        v = _mm256_add_epi16(v, carry);
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(p + i), v);
        carry = _mm256_permute4x64_epi64(_mm256_shuffle_epi8(v, last_word), 0xff);
    }
    std::uint16_t s = prefix[i];
    for (; i < m; ++i) p[i] = s = std::uint16_t(s + c[i]);
    int x = 0;
#pragma GCC unroll 4
    for (; x + 16 <= n; x += 16) {
        const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(prefix + x + k));
        const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(prefix + x));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + x), _mm256_sub_epi16(a, b));
    }
    for (; x < n; ++x) out[x] = std::uint16_t(prefix[x + k] - prefix[x]);
}

bool has_avx2() noexcept {
    static const bool yes = __builtin_cpu_supports("avx2");
    return yes;
}

}  // namespace

void word_slide(std::uint16_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept {
    if (has_avx2()) word_slide_avx2(c, enter, leave, n);
    else word_slide_plain(c, enter, leave, n);
}

void word_window_sums(const std::uint16_t* c, int n, int k, std::uint16_t* prefix, std::uint16_t* out) noexcept {
    if (has_avx2()) word_window_sums_avx2(c, n, k, prefix, out);
    else word_window_sums_plain(c, n, k, prefix, out);
}

}  // namespace rigor::pixel::expr
