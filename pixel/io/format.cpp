#include "pixel/io/format.hpp"

#include <charconv>
#include <limits>

#include "filters/base/error.hpp"

namespace rigor::pixel {

namespace {

struct Subsampling {
    std::string_view digits;
    int ss_w, ss_h;
};
constexpr Subsampling kSubsamplings[] = {
    {"444", 0, 0}, {"422", 1, 0}, {"420", 1, 1}, {"411", 2, 0}, {"440", 0, 1}, {"410", 2, 1},
};

// "8".."16" → integer depth, "h" → half, "s" → single; false if malformed.
bool parse_depth(std::string_view s, VideoFormat& f) {
    if (s == "h" || s == "s") {
        f.sample = SampleType::Float;
        f.bits = s == "h" ? 16 : 32;
        return true;
    }
    int bits = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), bits);
    if (ec != std::errc() || end != s.data() + s.size() || bits < 8 || bits > 16) return false;
    f.sample = SampleType::Integer;
    f.bits = bits;
    return true;
}

}  // namespace

std::string VideoFormat::name() const {
    std::string depth = sample == SampleType::Float ? (bits == 16 ? "h" : "s") : std::to_string(bits);
    if (family == ColorFamily::Gray) return "gray" + depth;
    if (family == ColorFamily::RGB) return sample == SampleType::Float ? "rgb" + depth : "rgb" + std::to_string(3 * bits);
    std::string s = "yuv";
    for (const Subsampling& sub : kSubsamplings)
        if (sub.ss_w == ss_w && sub.ss_h == ss_h) s += sub.digits;
    return s + "p" + depth;
}

VideoFormat parse_format_name(std::string_view name) {
    VideoFormat f;
    bool ok = false;
    if (name.starts_with("gray")) {
        f.family = ColorFamily::Gray;
        ok = parse_depth(name.substr(4), f);
    } else if (name.starts_with("rgb")) {
        f.family = ColorFamily::RGB;
        std::string_view d = name.substr(3);
        int total = 0;
        if (d == "h" || d == "s") ok = parse_depth(d, f);
        else if (std::from_chars(d.data(), d.data() + d.size(), total).ptr == d.data() + d.size() && total % 3 == 0)
            ok = parse_depth(std::to_string(total / 3), f);
    } else if (name.starts_with("yuv") && name.size() > 7 && name[6] == 'p') {
        f.family = ColorFamily::YUV;
        for (const Subsampling& sub : kSubsamplings)
            if (name.substr(3, 3) == sub.digits) {
                f.ss_w = sub.ss_w;
                f.ss_h = sub.ss_h;
                ok = parse_depth(name.substr(7), f);
            }
    }
    if (!ok)
        throw UserError("unknown format '" + std::string(name) +
                        "': expected gray8..gray16, grayh, grays, rgb24, rgb30, rgb48, rgbh, rgbs, or yuvSSSpD with SSS one of "
                        "444 422 420 411 440 410 and D one of 8..16, h, s (e.g. yuv420p10)");
    return f;
}

std::size_t packed_frame_bytes(const VideoFormat& f, int width, int height) {
    if (width <= 0 || height <= 0) return 0;
    constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
    std::size_t total = 0;
    for (int p = 0; p < f.planes(); ++p) {
        std::size_t w = std::size_t(plane_width(f, p, width)), h = std::size_t(plane_height(f, p, height));
        std::size_t bps = std::size_t(f.bytes_per_sample());
        if (w > kMax / h || w * h > kMax / bps) return 0;
        std::size_t bytes = w * h * bps;
        if (total > kMax - bytes) return 0;
        total += bytes;
    }
    return total;
}

}  // namespace rigor::pixel
