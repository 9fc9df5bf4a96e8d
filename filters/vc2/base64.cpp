#include "filters/vc2/base64.hpp"

namespace rigor::vc2 {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int value_of(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace

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

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = text[i + static_cast<std::size_t>(k)];
            if (c == '=' && i + 4 == text.size() && k >= 2) {
                v[k] = 0;
                ++pad;
            } else if (pad > 0 || (v[k] = value_of(c)) < 0) {
                return std::nullopt;
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
