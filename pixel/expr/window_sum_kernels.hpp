// The vector kernels of window sums (window_sum_rows.hpp), each with a plain reference
// loop that its AVX2 version must equal bit for bit (the dispatched name takes AVX2 where
// the CPU has it).
//
// word_slide: column sums c[x] += enter[x] - leave[x] modulo 2^16 for 8-bit rows (the
// window moved down one row), 16 columns per vector, the rows widened as they are loaded;
// dword_slide the same on int32 column sums of 8- or 16-bit rows, 8 per vector.
//
// word_window_sums: sums of k consecutive words along a row; up to k = 16 directly (a
// load and k - 1 additions per 16 outputs), wider at a cost independent of k: prefix sums
// P[0] = 0, P[i + 1] = P[i] + c[i] modulo 2^16, then out[x] = P[x + k] - P[x] modulo 2^16.
// Wrap-around cancels in the difference (both sides are congruent to the true sums modulo
// 2^16), so out[x] is the exact sum c[x] + ... + c[x + k - 1] whenever that sum is below
// 2^16: the caller's guarantee (a window's sample count times the samples' maximum fits
// 16 bits, window_sum_rows.hpp).  The AVX2 version (16 words per vector: the prefix within
// each 128-bit lane by three shifted adds, the low lane's total into the high lane, the
// running total of the previous vectors broadcast in).
//
// float_window_sums: the same on int32 column sums into binary32, 8 per vector, for
// windows whose sums are below 2^24 (the window-sum pass's bound; exact in binary32): up
// to k = 12 directly, wider by prefix sums modulo 2^32 (the wrap cancels as above).
#pragma once
#include <cstdint>

namespace rigor::pixel::expr {

void word_slide(std::uint16_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept;
void word_slide_plain(std::uint16_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept;
void dword_slide(std::int32_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept;
void dword_slide_plain(std::int32_t* c, const std::uint8_t* enter, const std::uint8_t* leave, int n) noexcept;
void dword_slide(std::int32_t* c, const std::uint16_t* enter, const std::uint16_t* leave, int n) noexcept;
void dword_slide_plain(std::int32_t* c, const std::uint16_t* enter, const std::uint16_t* leave, int n) noexcept;

// out[x] for x in [0, n); c holds n + k - 1 words, prefix is scratch of n + k words
// (read and written only for k > 16).
void word_window_sums(const std::uint16_t* c, int n, int k, std::uint16_t* prefix, std::uint16_t* out) noexcept;
void word_window_sums_plain(const std::uint16_t* c, int n, int k, std::uint16_t* prefix, std::uint16_t* out) noexcept;

// out[x] for x in [0, n); c holds n + k - 1 column sums, prefix is scratch of n + k
// (read and written only for k > 12).
void float_window_sums(const std::int32_t* c, int n, int k, std::uint32_t* prefix, float* out) noexcept;
void float_window_sums_plain(const std::int32_t* c, int n, int k, std::uint32_t* prefix, float* out) noexcept;

}  // namespace rigor::pixel::expr
