#include "pixel/regress/plane_files.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iostream>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "pixel/io/clip_reader.hpp"
#include "pixel/io/picture.hpp"

namespace rigor::pixel::regress {

namespace {

Plane gray_frame_to_plane(const pixel::Frame& f, const std::string& path) {
    if (f.format().family != pixel::ColorFamily::Gray)
        throw UserError("'" + path + "' is " + f.format().name() + "; regress reads gray planes (one plane per file)");
    const pixel::Plane& p = f.plane(0);
    if (f.format().is_float() && f.format().bits == 32) return p;
    if (f.format().is_float()) throw UserError("'" + path + "': half-float input is not supported; use 32-bit float");
    Plane out = make_float_plane(p.width(), p.height());
    const double inv = 1.0 / f.format().max_code();
    for (int y = 0; y < p.height(); ++y)
        for (int x = 0; x < p.width(); ++x) {
            const double v = p.bytes_per_sample() == 1 ? p.row_as<std::uint8_t>(y)[x] : p.row_as<std::uint16_t>(y)[x];
            out.row_as<float>(y)[x] = float(v * inv);
        }
    return out;
}

}  // namespace

PlaneSource::PlaneSource(const std::string& path) : path_(path), clip_(std::make_unique<pixel::ClipReader>(path)) {
    header_ = clip_->info();
    if (header_.format.family != pixel::ColorFamily::Gray)
        throw UserError("'" + path + "' is " + header_.format.name() +
                        (clip_->is_still() ? "; regress reads gray planes (one plane per file)"
                                           : "; regress reads gray video (y4m C mono32, or gray video FFmpeg reads)"));
    if (clip_->is_still()) header_.format = pixel::VideoFormat{pixel::ColorFamily::Gray, pixel::SampleType::Float, 32, 0, 0};
}

std::optional<Plane> PlaneSource::next() {
    if (clip_->is_still() && still_read_) return std::nullopt;  // a picture is one plane
    if (!clip_->next(frame_)) return std::nullopt;
    still_read_ = true;
    return gray_frame_to_plane(frame_, path_);
}

PlaneSink::PlaneSink(std::ostream& out, std::string name, const pixel::Y4mHeader& like)
    : out_(out), name_(std::move(name)), header_(like) {
    header_.format = pixel::VideoFormat{pixel::ColorFamily::Gray, pixel::SampleType::Float, 32, 0, 0};
    picture_ = name_ != "-" && (pixel::is_picture_path(name_) || pixel::file_extension(name_) == "exr");
}

void PlaneSink::write(const Plane& plane) {
    if (picture_) {
        if (written_++ > 0)
            throw UserError("'" + name_ + "' is a picture and holds one frame; write y4m for several frames");
        std::string lower = name_;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        const bool png = lower.size() >= 4 && lower.compare(lower.size() - 4, 4, ".png") == 0;
        pixel::VideoFormat fmt{pixel::ColorFamily::Gray, png ? pixel::SampleType::Integer : pixel::SampleType::Float,
                               png ? 16 : 32, 0, 0};
        pixel::Frame f(fmt, plane.width(), plane.height());
        for (int y = 0; y < plane.height(); ++y)
            for (int x = 0; x < plane.width(); ++x) {
                const float v = plane.row_as<float>(y)[x];
                if (png)
                    f.plane(0).row_as<std::uint16_t>(y)[x] =
                        std::uint16_t(std::nearbyint(std::clamp(double(v), 0.0, 1.0) * 65535.0));
                else
                    f.plane(0).row_as<float>(y)[x] = v;
            }
        pixel::write_picture(out_, name_, f);
        return;
    }
    if (!writer_) {
        header_.width = plane.width();
        header_.height = plane.height();
        writer_ = std::make_unique<pixel::Y4mWriter>(out_, header_);
    }
    pixel::Frame f(header_.format, plane.width(), plane.height());
    for (int y = 0; y < plane.height(); ++y)
        std::memcpy(f.plane(0).row(y), plane.row(y), plane.row_bytes());
    writer_->write_frame(f);
    ++written_;
}

}  // namespace rigor::pixel::regress
