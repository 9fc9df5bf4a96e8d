// What a frame's samples are: colour family, subsampling, sample type and bit depth.
//
// Samples are stored in native types: 8-bit integer as uint8_t, 9..16-bit integer as
// uint16_t (code values in the low bits), 16-bit half float as uint16_t holding the
// IEEE binary16 bits (see pixel/io/half.hpp), 32-bit float as float.  Integer samples
// are code values (8-bit: 0..255), float samples as stored (luma 0..1, chroma
// -0.5..0.5), as in VapourSynth.
//
// Names are VapourSynth's, in lower case: gray8 gray10 gray16 grayh grays,
// yuv420p8 yuv420p10 yuv422p16 yuv444ph yuv444ps yuv411p8 yuv440p8 ... (any integer
// depth 8..16 is accepted: gray9, yuv420p12, ...), and for pictures rgb24 rgb30 rgb48
// rgbh rgbs (VapourSynth counts all three planes' bits in integer RGB names).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace rigor::pixel {

enum class ColorFamily { Gray, YUV, RGB };  // RGB: pictures only (y4m cannot carry it)
enum class SampleType { Integer, Float };

struct VideoFormat {
    ColorFamily family = ColorFamily::Gray;
    SampleType sample = SampleType::Integer;
    int bits = 8;        // 8..16 for Integer; 16 (half) or 32 for Float
    int ss_w = 0;        // log2 horizontal chroma subsampling (4:2:0 → 1)
    int ss_h = 0;        // log2 vertical chroma subsampling   (4:2:0 → 1)

    int planes() const { return family == ColorFamily::Gray ? 1 : 3; }
    bool is_rgb() const { return family == ColorFamily::RGB; }
    // Bytes of one stored sample: 1, 2 or 4.
    int bytes_per_sample() const { return bits <= 8 ? 1 : bits <= 16 ? 2 : 4; }
    bool is_float() const { return sample == SampleType::Float; }
    // Largest code value of an integer format (2^bits - 1).
    double max_code() const { return double((1u << bits) - 1u); }
    // The same family/subsampling with another sample type and depth.
    VideoFormat with_samples(SampleType s, int b) const {
        VideoFormat f = *this;
        f.sample = s;
        f.bits = b;
        return f;
    }
    // VapourSynth's lower-case name ("gray8", "yuv420p10", "yuv444ps").
    std::string name() const;
    friend bool operator==(const VideoFormat&, const VideoFormat&) = default;
};

// Parses a VapourSynth-style name; throws rigor::UserError naming the accepted forms.
VideoFormat parse_format_name(std::string_view name);

// Size of plane `plane` of a width x height frame: chroma sizes round up (computed
// without overflow for any int size a header may claim).
inline int plane_width(const VideoFormat& f, int plane, int width) {
    return plane == 0 ? width : static_cast<int>((static_cast<long long>(width) + (1 << f.ss_w) - 1) >> f.ss_w);
}
inline int plane_height(const VideoFormat& f, int plane, int height) {
    return plane == 0 ? height : static_cast<int>((static_cast<long long>(height) + (1 << f.ss_h) - 1) >> f.ss_h);
}

// Bytes of the packed samples of one frame (no padding), or 0 when that does not fit
// in size_t; used to refuse impossible sizes before allocating.
std::size_t packed_frame_bytes(const VideoFormat& f, int width, int height);

}  // namespace rigor::pixel
