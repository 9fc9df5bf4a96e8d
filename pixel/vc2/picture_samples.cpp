#include "pixel/vc2/picture_samples.hpp"

#include <algorithm>
#include <cctype>

#include "filters/base/error.hpp"
#include "pixel/io/clip_reader.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/io/y4m.hpp"

namespace rigor::pixel::vc2 {

using rigor::vc2::SampleArray;

namespace {

bool ends_with_ignoring_case(std::string_view path, std::string_view suffix) {
    if (path.size() < suffix.size()) return false;
    return std::equal(suffix.begin(), suffix.end(), path.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                      [](char s, char p) { return std::tolower(static_cast<unsigned char>(p)) == s; });
}

bool is_y4m_path(std::string_view path) { return ends_with_ignoring_case(path, ".y4m"); }
bool is_pfm_path(std::string_view path) { return ends_with_ignoring_case(path, ".pfm"); }

const char* kIntegerFormats = "an integer picture (PNG or TIFF of 8/16 bits, y4m of 8 to 16 bits) or JSON rows";

template <class Sample>
void copy_offset_rows(const pixel::Plane& from, std::int64_t offset, SampleArray& to) {
    for (int y = 0; y < from.height(); ++y) {
        const Sample* row = from.row_as<Sample>(y);
        for (int x = 0; x < from.width(); ++x) to.at(x, y) = std::int64_t{row[x]} - offset;
    }
}

template <class Sample>
long store_offset_rows(const SampleArray& from, std::int64_t offset, std::int64_t max_code, pixel::Plane& to) {
    long clamped = 0;
    for (long y = 0; y < from.height; ++y) {
        Sample* row = to.row_as<Sample>(static_cast<int>(y));
        for (long x = 0; x < from.width; ++x) {
            const std::int64_t v = from.at(x, y) + offset;
            const std::int64_t c = std::clamp<std::int64_t>(v, 0, max_code);
            clamped += c != v;
            row[x] = static_cast<Sample>(c);
        }
    }
    return clamped;
}

}  // namespace

SampleArray signed_samples(const pixel::Frame& frame, int plane, const std::string& where) {
    const pixel::VideoFormat& f = frame.format();
    if (f.is_float())
        throw UserError(where + ": float samples (" + f.name() + ") cannot go through the integer VC-2 transform; give " +
                        kIntegerFormats);
    if (plane < 0 || plane >= frame.planes())
        throw UserError(where + ": no plane " + std::to_string(plane) + " (" + f.name() + " has plane" +
                        (frame.planes() == 1 ? " 0 only" : "s 0 to " + std::to_string(frame.planes() - 1)) + ")");
    const pixel::Plane& p = frame.plane(plane);
    SampleArray out(p.width(), p.height());
    const std::int64_t offset = std::int64_t{1} << (f.bits - 1);
    if (p.bytes_per_sample() == 1) copy_offset_rows<std::uint8_t>(p, offset, out);
    else copy_offset_rows<std::uint16_t>(p, offset, out);
    return out;
}

OffsetPicture offset_picture(const SampleArray& samples, int bits) {
    if (bits < 8 || bits > 16)
        throw UserError("a picture file needs a bit depth of 8 to 16, not " + std::to_string(bits));
    pixel::VideoFormat f;
    f.bits = bits;
    OffsetPicture out{pixel::Frame(f, static_cast<int>(samples.width), static_cast<int>(samples.height)), 0};
    const std::int64_t offset = std::int64_t{1} << (bits - 1), max_code = (std::int64_t{1} << bits) - 1;
    pixel::Plane& p = out.frame.plane(0);
    out.clamped = p.bytes_per_sample() == 1 ? store_offset_rows<std::uint8_t>(samples, offset, max_code, p)
                                            : store_offset_rows<std::uint16_t>(samples, offset, max_code, p);
    return out;
}

bool is_picture_or_y4m_path(std::string_view path) { return pixel::is_picture_path(path) || is_y4m_path(path); }

SignedPicture read_signed_picture(const std::string& path, int plane, long frame_index) {
    if (is_pfm_path(path))
        throw UserError(path + ": PFM holds float samples, which cannot go through the integer VC-2 transform; give " +
                        kIntegerFormats);
    if (!is_picture_or_y4m_path(path)) throw UserError(path + ": not a PNG, TIFF or y4m file name");
    if (frame_index < 0) throw UserError(path + ": frame " + std::to_string(frame_index) + " does not exist");
    pixel::ClipReader clip(path);
    if (clip.is_still() && frame_index > 0)
        throw UserError(path + ": a picture file has only frame 0, not frame " + std::to_string(frame_index));
    pixel::Frame frame;
    for (long i = 0; i <= frame_index; ++i)
        if (!clip.next(frame))
            throw UserError(path + ": no frame " + std::to_string(frame_index) + " (the stream has " + std::to_string(i) +
                            " frame" + (i == 1 ? "" : "s") + ")");
    const std::string where = clip.is_still() ? path : path + " frame " + std::to_string(frame_index);
    return {signed_samples(frame, plane, where), frame.format().bits};
}

long write_signed_picture(std::ostream& out, const std::string& name, const SampleArray& samples, int bits) {
    if (is_pfm_path(name))
        throw UserError(name + ": PFM holds float samples; write PNG, TIFF, y4m or JSON");
    if (!is_picture_or_y4m_path(name)) throw UserError(name + ": not a PNG, TIFF or y4m file name");
    if (is_y4m_path(name) && (bits < 8 || bits > 16))
        throw UserError(name + ": y4m holds 8 to 16-bit samples, not " + std::to_string(bits) + " (write JSON for this depth)");
    if (!is_y4m_path(name) && bits != 8 && bits != 16)
        throw UserError(name + ": PNG and TIFF hold 8 or 16-bit samples, not " + std::to_string(bits) +
                        " (write y4m or JSON for this depth)");
    const OffsetPicture picture = offset_picture(samples, bits);
    if (is_y4m_path(name)) {
        pixel::Y4mHeader header;
        header.format = picture.frame.format();
        header.width = picture.frame.width();
        header.height = picture.frame.height();
        pixel::Y4mWriter(out, header).write_frame(picture.frame);
    } else {
        pixel::write_picture(out, name, picture.frame);
    }
    return picture.clamped;
}

}  // namespace rigor::pixel::vc2
