// A test pattern (spec §4): pixel polarities that drive one target value towards its
// maximum (+1: the pixel at its maximum, −1: at its minimum; unset pixels don't matter),
// placed so that its top-left set pixel lies in [0, multiple) on each axis.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace rigor::vc2 {

// A rectangular window of polarities: 0 unset, +1, −1; row-major.
struct PolarityImage {
    long x0 = 0, y0 = 0;  // picture coordinates of the window's top-left sample
    int width = 0, height = 0;
    std::vector<std::int8_t> polarity;

    std::int8_t at(int col, int row) const { return polarity[static_cast<std::size_t>(row) * width + col]; }
};

struct PackedTestPattern {
    long target_x = 0, target_y = 0;
    // Bounding box of the set pixels after translation.
    long dx = 0, dy = 0;
    int width = 0, height = 0;
    // Row-major bits over the box, MSB first, last byte zero-padded (the serialised
    // form, and 4× smaller than a byte per pixel: large analyses hold ~10^9 pixels).
    std::vector<std::uint8_t> positive_bits;  // pixel > 0
    std::vector<std::uint8_t> mask_bits;      // pixel set
    long pattern_multiple_x = 1, pattern_multiple_y = 1;
    long target_multiple_x = 1, target_multiple_y = 1;

    // −1, 0 or +1 at (col, row) of the box.
    int polarity(int col, int row) const;
    friend bool operator==(const PackedTestPattern&, const PackedTestPattern&) = default;
};

// Crops `image` to its set pixels and moves it by whole multiples of the pattern
// translation multiple so its minimum coordinates lie in [0, multiple); the target
// (phase) moves by the same number of target multiples.
PackedTestPattern place_pattern(const PolarityImage& image, long phase_x, long phase_y, long pattern_multiple_x,
                          long pattern_multiple_y, long target_multiple_x, long target_multiple_y);

// Standard base64 ('=' padded) of row-major bits, MSB first, last byte zero-padded:
// bit = (polarity > 0) for `positive`, (polarity != 0) for `mask`.
std::string encode_positive(const PackedTestPattern& p);
std::string encode_mask(const PackedTestPattern& p);

}  // namespace rigor::vc2
