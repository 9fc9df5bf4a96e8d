// PFM: "Pf" (gray) or "PF" (RGB), "<w> <h>", a scale whose sign gives the byte order
// (negative = little-endian), then float rows from the bottom row up, RGB interleaved.
#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "pixel/io/picture.hpp"

namespace rigor::pixel {

namespace {
float from_bytes(const unsigned char* b, bool little) {
    std::uint32_t u = little ? (std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 |
                                std::uint32_t(b[3]) << 24)
                             : (std::uint32_t(b[3]) | std::uint32_t(b[2]) << 8 | std::uint32_t(b[1]) << 16 |
                                std::uint32_t(b[0]) << 24);
    return std::bit_cast<float>(u);
}
}  // namespace

Frame read_pfm(const std::string& path) {
    std::ifstream in = open_input_file(path);
    std::string magic;
    long w = 0, h = 0;
    double scale = 0;
    in >> magic >> w >> h >> scale;
    if (!in || (magic != "Pf" && magic != "PF") || w <= 0 || h <= 0 || w > 1 << 20 || h > 1 << 20 || scale == 0)
        throw UserError(path + ": malformed PFM header");
    in.get();  // the single white-space character before the data
    int channels = magic == "PF" ? 3 : 1;
    // The data is uncompressed: a header claiming more than the file holds is rejected
    // before the frame is allocated.
    const std::streamoff data_start = in.tellg();
    in.seekg(0, std::ios::end);
    const std::streamoff data_bytes = in.tellg() - data_start;
    in.seekg(data_start);
    if (!in || double(w) * double(h) * channels * 4 > double(data_bytes))
        throw UserError(path + ": truncated PFM data (" + std::to_string(w) + "x" + std::to_string(h) +
                        " needs " + std::to_string(w * h * channels * 4) + " bytes)");
    VideoFormat f;
    f.family = channels == 3 ? ColorFamily::RGB : ColorFamily::Gray;
    f.sample = SampleType::Float;
    f.bits = 32;
    Frame frame(f, int(w), int(h));
    std::vector<unsigned char> row(std::size_t(w) * channels * 4);
    bool little = scale < 0;
    for (long y = h - 1; y >= 0; --y) {
        in.read(reinterpret_cast<char*>(row.data()), std::streamsize(row.size()));
        if (std::size_t(in.gcount()) != row.size()) throw UserError(path + ": truncated PFM data");
        for (int c = 0; c < channels; ++c) {
            float* out = frame.plane(c).row_as<float>(int(y));
            for (long x = 0; x < w; ++x) out[x] = from_bytes(&row[std::size_t(x * channels + c) * 4], little);
        }
    }
    return frame;
}

void write_pfm(std::ostream& out, const std::string& path, const Frame& frame) {
    const VideoFormat& f = frame.format();
    if (!f.is_float() || f.bits != 32 || f.family == ColorFamily::YUV)
        throw UserError(path + ": PFM holds 32-bit float gray or RGB (grays, rgbs), not " + f.name());
    int channels = f.planes();
    out << (channels == 3 ? "PF" : "Pf") << '\n' << frame.width() << ' ' << frame.height() << '\n'
        << (std::endian::native == std::endian::little ? "-1.0" : "1.0") << '\n';
    std::vector<float> row(std::size_t(frame.width()) * channels);
    for (int y = frame.height() - 1; y >= 0; --y) {
        for (int c = 0; c < channels; ++c) {
            const float* in = frame.plane(c).row_as<float>(y);
            for (int x = 0; x < frame.width(); ++x) row[std::size_t(x) * channels + c] = in[x];
        }
        out.write(reinterpret_cast<const char*>(row.data()), std::streamsize(row.size() * 4));
    }
    if (!out.flush()) throw IoError(path + ": write failed");
}

}  // namespace rigor::pixel
