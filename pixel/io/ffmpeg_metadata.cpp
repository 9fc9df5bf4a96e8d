#include "pixel/io/ffmpeg_metadata.hpp"

#include <charconv>
#include <cstring>

#include "filters/base/error.hpp"

namespace rigor::pixel::ffmpeg {

namespace {
// An FFmpeg enum field as the int it holds.  FFmpeg (C) stores any code a file gives,
// also one outside the enum's list (a hostile transfer 254); in C++ loading such a
// value as the enum type is undefined, so every field is read as its bytes.
template <class E>
int code_of(const E& field) {
    static_assert(sizeof(E) == sizeof(int));
    int v = 0;
    std::memcpy(&v, &field, sizeof v);
    return v;
}

// FFmpeg's names of the codes in its tables (nullptr outside them: only values of the
// enums' own range are ever converted to them).
const char* space_name(int c) { return c >= 0 && c < AVCOL_SPC_NB ? av_color_space_name(AVColorSpace(c)) : nullptr; }
const char* primaries_name(int c) {
    return c >= 0 && c < AVCOL_PRI_NB ? av_color_primaries_name(AVColorPrimaries(c)) : nullptr;
}
const char* transfer_name(int c) {
    return c >= 0 && c < AVCOL_TRC_NB ? av_color_transfer_name(AVColorTransferCharacteristic(c)) : nullptr;
}
// A code FFmpeg has a name for, other than "reserved".
bool known_code(int code, const char* (*to_name)(int)) {
    const char* n = to_name(code);
    return n && std::strcmp(n, "reserved") != 0;
}

// FFmpeg's "reserved" and out-of-table codes are no description at all.
void forget_unknown_codes(VideoMetadata& m) {
    if (!known_code(m.matrix, space_name)) m.matrix = VideoMetadata::kUnspecified;
    if (!known_code(m.primaries, primaries_name)) m.primaries = VideoMetadata::kUnspecified;
    if (!known_code(m.transfer, transfer_name)) m.transfer = VideoMetadata::kUnspecified;
}

Ratio ratio_of(AVRational r) { return r.num > 0 && r.den > 0 ? Ratio{r.num, r.den} : Ratio{}; }

ColorRange range_of(int r) {
    return r == AVCOL_RANGE_MPEG ? ColorRange::limited : r == AVCOL_RANGE_JPEG ? ColorRange::full : ColorRange::unspecified;
}

// AVChromaLocation is H.273's chroma_sample_loc_type + 1, as ChromaSiting.
ChromaSiting siting_of(int l) {
    return l > AVCHROMA_LOC_UNSPECIFIED && l <= AVCHROMA_LOC_BOTTOM ? ChromaSiting(int(l)) : ChromaSiting::unspecified;
}

FieldOrder order_of(int o) {
    switch (o) {
        case AV_FIELD_PROGRESSIVE: return FieldOrder::progressive;
        case AV_FIELD_TT: case AV_FIELD_TB: return FieldOrder::top_first;
        case AV_FIELD_BB: case AV_FIELD_BT: return FieldOrder::bottom_first;
        default: return FieldOrder::unspecified;
    }
}
}  // namespace

VideoMetadata metadata_of(const AVStream& stream, const AVFrame* first) {
    const AVCodecParameters& p = *stream.codecpar;
    VideoMetadata m;
    m.frame_rate = ratio_of(stream.avg_frame_rate);
    if (!m.frame_rate.known()) m.frame_rate = ratio_of(stream.r_frame_rate);
    m.sample_aspect = ratio_of(stream.sample_aspect_ratio);
    if (!m.sample_aspect.known()) m.sample_aspect = ratio_of(p.sample_aspect_ratio);
    m.field_order = order_of(code_of(p.field_order));
    m.chroma_siting = siting_of(code_of(p.chroma_location));
    m.color_range = range_of(code_of(p.color_range));
    m.matrix = code_of(p.color_space);
    m.primaries = code_of(p.color_primaries);
    m.transfer = code_of(p.color_trc);
    forget_unknown_codes(m);
    const char* pixfmt = av_get_pix_fmt_name(AVPixelFormat(first ? first->format : p.format));
    if (first) {
        if (m.chroma_siting == ChromaSiting::unspecified) m.chroma_siting = siting_of(code_of(first->chroma_location));
        if (m.color_range == ColorRange::unspecified) m.color_range = range_of(code_of(first->color_range));
        if (m.matrix == VideoMetadata::kUnspecified) m.matrix = code_of(first->colorspace);
        if (m.primaries == VideoMetadata::kUnspecified) m.primaries = code_of(first->color_primaries);
        if (m.transfer == VideoMetadata::kUnspecified) m.transfer = code_of(first->color_trc);
        if (!m.sample_aspect.known()) m.sample_aspect = ratio_of(first->sample_aspect_ratio);
        if (m.field_order == FieldOrder::unspecified && first->interlaced_frame)
            m.field_order = first->top_field_first ? FieldOrder::top_first : FieldOrder::bottom_first;
    }
    // The deprecated yuvj formats say "full range" by their name.
    if (pixfmt && std::strncmp(pixfmt, "yuvj", 4) == 0 && m.color_range == ColorRange::unspecified)
        m.color_range = ColorRange::full;
    forget_unknown_codes(m);
    return m;
}

void apply_metadata(const VideoMetadata& m, AVCodecContext& e) {
    e.color_range = m.color_range == ColorRange::limited ? AVCOL_RANGE_MPEG
                    : m.color_range == ColorRange::full  ? AVCOL_RANGE_JPEG
                                                         : AVCOL_RANGE_UNSPECIFIED;
    e.chroma_sample_location = AVChromaLocation(int(m.chroma_siting));
    e.colorspace = AVColorSpace(m.matrix);
    e.color_primaries = AVColorPrimaries(m.primaries);
    e.color_trc = AVColorTransferCharacteristic(m.transfer);
    switch (m.field_order) {
        case FieldOrder::progressive: e.field_order = AV_FIELD_PROGRESSIVE; break;
        case FieldOrder::top_first: e.field_order = AV_FIELD_TT; break;
        case FieldOrder::bottom_first: e.field_order = AV_FIELD_BB; break;
        default: e.field_order = AV_FIELD_UNKNOWN; break;
    }
    if (m.sample_aspect.known()) e.sample_aspect_ratio = AVRational{m.sample_aspect.num, m.sample_aspect.den};
}

// The command line's names for the three codes are FFmpeg's (bt709, bt470bg, smpte170m,
// bt2020nc, …), or the H.273 number itself.
namespace {
int parse_code(std::string_view text, int (*from_name)(const char*), const char* (*to_name)(int), const char* what) {
    int code = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), code);
    if (ec == std::errc() && end == text.data() + text.size() && known_code(code, to_name)) return code;
    if (text == "unspecified" || text == "unknown") return VideoMetadata::kUnspecified;
    const std::string name(text);
    code = from_name(name.c_str());
    if (code >= 0) return code;
    std::string known;
    for (int c = 0; c < 256; ++c)
        if (const char* n = to_name(c); n && c != VideoMetadata::kUnspecified && std::strcmp(n, "reserved") != 0)
            known += (known.empty() ? "" : ", ") + std::string(n);
    throw UserError("unknown " + std::string(what) + " '" + name + "' (expected one of " + known +
                    ", or its H.273 number)");
}
std::string name_or_number(const char* name, int code) { return name ? std::string(name) : std::to_string(code); }
}  // namespace

}  // namespace rigor::pixel::ffmpeg

namespace rigor::pixel {

int parse_matrix_name(std::string_view text) {
    return ffmpeg::parse_code(text, av_color_space_from_name, ffmpeg::space_name, "matrix");
}
int parse_primaries_name(std::string_view text) {
    return ffmpeg::parse_code(text, av_color_primaries_from_name, ffmpeg::primaries_name, "primaries");
}
int parse_transfer_name(std::string_view text) {
    return ffmpeg::parse_code(text, av_color_transfer_from_name, ffmpeg::transfer_name, "transfer");
}
std::string matrix_name(int code) { return ffmpeg::name_or_number(ffmpeg::space_name(code), code); }
std::string primaries_name(int code) { return ffmpeg::name_or_number(ffmpeg::primaries_name(code), code); }
std::string transfer_name(int code) { return ffmpeg::name_or_number(ffmpeg::transfer_name(code), code); }

}  // namespace rigor::pixel
