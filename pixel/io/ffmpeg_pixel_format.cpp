#include "pixel/io/ffmpeg_pixel_format.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace rigor::pixel::ffmpeg {

namespace {
constexpr bool kLittleEndian = std::endian::native == std::endian::little;

// Colour components (alpha not counted) and the family they make.
int colour_components(const AVPixFmtDescriptor* d) {
    return d->nb_components - ((d->flags & AV_PIX_FMT_FLAG_ALPHA) ? 1 : 0);
}

bool unusable(const AVPixFmtDescriptor* d) {
    constexpr unsigned long long refused =
        AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_BAYER;
    return !d || (d->flags & refused) || std::strncmp(d->name, "xyz", 3) == 0;
}

// The samples `d` holds, whatever their layout; nullopt when rigor has no such format.
std::optional<VideoFormat> samples_of(const AVPixFmtDescriptor* d) {
    if (unusable(d)) return std::nullopt;
    const int n = colour_components(d);
    if (n != 1 && n != 3) return std::nullopt;
    VideoFormat f;
    f.family = n == 1 ? ColorFamily::Gray : (d->flags & AV_PIX_FMT_FLAG_RGB) ? ColorFamily::RGB : ColorFamily::YUV;
    if (f.family == ColorFamily::YUV) {
        f.ss_w = d->log2_chroma_w;
        f.ss_h = d->log2_chroma_h;
    }
    const int depth = d->comp[0].depth;
    for (int c = 1; c < n; ++c)  // rgb565 and the like would need their values rescaled
        if (d->comp[c].depth != depth) return std::nullopt;
    if (d->flags & AV_PIX_FMT_FLAG_FLOAT) {
        if (depth != 32) return std::nullopt;  // FFmpeg 5.1 has binary32 only
        f.sample = SampleType::Float;
        f.bits = 32;
    } else {
        if (depth < 8 || depth > 16) return std::nullopt;
        f.sample = SampleType::Integer;
        f.bits = depth;
    }
    return f;
}
}  // namespace

std::optional<VideoFormat> direct_format(AVPixelFormat format) {
    const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(format);
    std::optional<VideoFormat> f = samples_of(d);
    if (!f) return std::nullopt;
    if (bool(d->flags & AV_PIX_FMT_FLAG_BE) == kLittleEndian && f->bits > 8) return std::nullopt;
    const int n = colour_components(d);
    if (n == 3 && !(d->flags & AV_PIX_FMT_FLAG_PLANAR)) return std::nullopt;
    const int bytes = f->bytes_per_sample();
    for (int c = 0; c < n; ++c) {
        const AVComponentDescriptor& comp = d->comp[c];
        if (comp.step != bytes || comp.offset != 0 || comp.shift != 0) return std::nullopt;
        if (f->sample == SampleType::Integer && comp.depth != f->bits) return std::nullopt;
        for (int other = 0; other < c; ++other)
            if (d->comp[other].plane == comp.plane) return std::nullopt;
    }
    return f;
}

AVPixelFormat planar_equivalent(AVPixelFormat format) {
    if (direct_format(format)) return format;
    const std::optional<VideoFormat> f = samples_of(av_pix_fmt_desc_get(format));
    return f ? pixel_format_of(*f) : AV_PIX_FMT_NONE;
}

AVPixelFormat pixel_format_of(const VideoFormat& format) {
    for (const AVPixFmtDescriptor* d = av_pix_fmt_desc_next(nullptr); d; d = av_pix_fmt_desc_next(d)) {
        if ((d->flags & AV_PIX_FMT_FLAG_ALPHA) || std::strncmp(d->name, "yuvj", 4) == 0) continue;
        const AVPixelFormat id = av_pix_fmt_desc_get_id(d);
        if (direct_format(id) == format) return id;
    }
    return AV_PIX_FMT_NONE;
}

int plane_of(AVPixelFormat format, int p) { return av_pix_fmt_desc_get(format)->comp[p].plane; }

bool make_relayout(int width, int height, AVPixelFormat from, AVPixelFormat to, ScalerHandle& scaler, AVFrame& target) {
    scaler.reset(sws_getContext(width, height, from, width, height, to, SWS_POINT | SWS_BITEXACT | SWS_ACCURATE_RND,
                                nullptr, nullptr, nullptr));
    target.format = to;
    target.width = width;
    target.height = height;
    return scaler && av_frame_get_buffer(&target, 64) >= 0;
}

const char* name_of(AVPixelFormat format) {
    const char* name = av_get_pix_fmt_name(format);
    return name ? name : "none";
}

}  // namespace rigor::pixel::ffmpeg
