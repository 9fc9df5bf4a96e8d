#include "filters/formats/vc2_static_analysis.hpp"

#include <algorithm>
#include <bit>

#include "filters/base/error.hpp"

namespace rigor::formats {

void TestPattern::clear_box(long box_width, long box_height) {
    width = box_width;
    height = box_height;
    const std::size_t bytes = (static_cast<std::size_t>(width) * static_cast<std::size_t>(height) + 7) / 8;
    positive_bits.assign(bytes, 0);
    mask_bits.assign(bytes, 0);
}

void TestPattern::set_row(long row, const std::int8_t* row_polarities) {
    // Bits are gathered a byte at a time and each byte is written once: a read-modify-write
    // per pixel would chain every pixel's store to the next pixel's load of the same byte.
    std::size_t i = pixel_index(0, row);
    const std::size_t end = i + static_cast<std::size_t>(width);
    while (i < end) {
        const std::size_t byte = i / 8, stop = std::min(end, (byte + 1) * 8);
        std::uint8_t touched = 0, mask = 0, positive = 0;
        for (; i < stop; ++i, ++row_polarities) {
            const std::uint8_t bit = bit_of(i);
            touched |= bit;
            if (*row_polarities != 0) mask |= bit;
            if (*row_polarities > 0) positive |= bit;
        }
        mask_bits[byte] = static_cast<std::uint8_t>((mask_bits[byte] & ~touched) | mask);
        positive_bits[byte] = static_cast<std::uint8_t>((positive_bits[byte] & ~touched) | positive);
    }
}

std::size_t TestPattern::set_pixels() const {
    std::size_t n = 0;
    for (std::uint8_t byte : mask_bits) n += static_cast<std::size_t>(std::popcount(byte));
    return n;
}

std::vector<std::int8_t> TestPattern::polarities() const {
    std::vector<std::int8_t> out(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (std::size_t i = 0; i < out.size(); ++i)
        if (mask_bits[i / 8] & bit_of(i)) out[i] = (positive_bits[i / 8] & bit_of(i)) ? 1 : -1;
    return out;
}

void TestPattern::set_polarities(const std::vector<std::int8_t>& row_major) {
    if (row_major.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
        throw InternalError("a test pattern's polarities do not fill its box");
    clear_box(width, height);
    for (std::size_t i = 0; i < row_major.size(); ++i) {
        if (row_major[i] != 0) mask_bits[i / 8] |= bit_of(i);
        if (row_major[i] > 0) positive_bits[i / 8] |= bit_of(i);
    }
}

}  // namespace rigor::formats
