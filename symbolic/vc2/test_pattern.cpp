#include "symbolic/vc2/test_pattern.hpp"

#include <algorithm>

#include "filters/error.hpp"

namespace rigor::vc2 {

namespace {
long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}  // namespace

PackedTestPattern place_pattern(const PolarityImage& img, long phase_x, long phase_y, long mx, long my, long tmx,
                          long tmy) {
    int c0 = img.width, c1 = -1, r0 = img.height, r1 = -1;
    for (int r = 0; r < img.height; ++r)
        for (int c = 0; c < img.width; ++c)
            if (img.at(c, r) != 0) {
                c0 = std::min(c0, c);
                c1 = std::max(c1, c);
                r0 = std::min(r0, r);
                r1 = std::max(r1, r);
            }
    if (c1 < 0) throw InternalError("test pattern with no set pixel");
    PackedTestPattern p;
    const long min_x = img.x0 + c0, min_y = img.y0 + r0;
    const long steps_x = floor_div(min_x, mx), steps_y = floor_div(min_y, my);
    p.dx = min_x - steps_x * mx;
    p.dy = min_y - steps_y * my;
    p.target_x = phase_x - steps_x * tmx;
    p.target_y = phase_y - steps_y * tmy;
    p.width = c1 - c0 + 1;
    p.height = r1 - r0 + 1;
    p.pattern_multiple_x = mx;
    p.pattern_multiple_y = my;
    p.target_multiple_x = tmx;
    p.target_multiple_y = tmy;
    const std::size_t n = static_cast<std::size_t>(p.width) * static_cast<std::size_t>(p.height);
    p.positive_bits.assign((n + 7) / 8, 0);
    p.mask_bits.assign((n + 7) / 8, 0);
    std::size_t i = 0;
    for (int r = 0; r < p.height; ++r)
        for (int c = 0; c < p.width; ++c, ++i) {
            const int v = img.at(c0 + c, r0 + r);
            const auto bit = static_cast<std::uint8_t>(0x80u >> (i % 8));
            if (v != 0) p.mask_bits[i / 8] |= bit;
            if (v > 0) p.positive_bits[i / 8] |= bit;
        }
    return p;
}

int PackedTestPattern::polarity(int col, int row) const {
    const std::size_t i = static_cast<std::size_t>(row) * static_cast<std::size_t>(width) + static_cast<std::size_t>(col);
    const auto bit = static_cast<std::uint8_t>(0x80u >> (i % 8));
    if (!(mask_bits[i / 8] & bit)) return 0;
    return (positive_bits[i / 8] & bit) ? 1 : -1;
}

std::string encode_positive(const PackedTestPattern& p) { return base64_encode(p.positive_bits); }

std::string encode_mask(const PackedTestPattern& p) { return base64_encode(p.mask_bits); }

std::string base64_encode(const std::vector<std::uint8_t>& b) {
    std::string out;
    out.reserve((b.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < b.size(); i += 3) {
        const unsigned v = (unsigned{b[i]} << 16) | (i + 1 < b.size() ? unsigned{b[i + 1]} << 8 : 0u) |
                           (i + 2 < b.size() ? unsigned{b[i + 2]} : 0u);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < b.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += i + 2 < b.size() ? kAlphabet[v & 63] : '=';
    }
    return out;
}

std::vector<std::uint8_t> base64_decode(const std::string& text) {
    if (text.size() % 4 != 0) throw UserError("malformed base64 text (length not a multiple of 4)");
    std::vector<std::uint8_t> out;
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = text[i + k];
            if (c == '=' && i + 4 == text.size() && k >= 2) {
                v[k] = 0;
                ++pad;
            } else if (pad > 0 || (v[k] = value(c)) < 0) {
                throw UserError("malformed base64 text");
            }
        }
        const unsigned w = (unsigned(v[0]) << 18) | (unsigned(v[1]) << 12) | (unsigned(v[2]) << 6) | unsigned(v[3]);
        out.push_back(static_cast<std::uint8_t>(w >> 16));
        if (pad < 2) out.push_back(static_cast<std::uint8_t>(w >> 8));
        if (pad < 1) out.push_back(static_cast<std::uint8_t>(w));
    }
    return out;
}

}  // namespace rigor::vc2
