#include "filters/formats/vc2_static_analysis.hpp"

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
    std::size_t i = pixel_index(0, row);
    for (long col = 0; col < width; ++col, ++i) {
        const std::uint8_t bit = bit_of(i);
        mask_bits[i / 8] = static_cast<std::uint8_t>(row_polarities[col] != 0 ? mask_bits[i / 8] | bit : mask_bits[i / 8] & ~bit);
        positive_bits[i / 8] =
            static_cast<std::uint8_t>(row_polarities[col] > 0 ? positive_bits[i / 8] | bit : positive_bits[i / 8] & ~bit);
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
