// What a video says about its samples besides their values: frame rate, pixel aspect,
// field order, chroma siting, colour range, and the colour description (matrix,
// primaries, transfer).  Read from the input (y4m tags or the container's fields),
// carried to the output, overridden by options (cli/common/video_options.hpp).
//
// The codes are ITU-T H.273's (which FFmpeg's AVColorSpace, AVColorPrimaries,
// AVColorTransferCharacteristic also use, and VapourSynth's _Matrix, _Primaries,
// _Transfer): matrix 1 = BT.709, 5/6 = BT.601, 9 = BT.2020 NCL, 0 = RGB; primaries 1 =
// BT.709, 9 = BT.2020; transfer 1 = BT.709, 13 = sRGB, 16 = PQ, 18 = HLG; 2 = unspecified.
//
// Every frame a reader returns carries the known fields as VapourSynth's frame
// properties (what `x._ColorRange` reads in Expr and select): _ChromaLocation (0 left,
// 1 center, 2 top_left, 3 top, 4 bottom_left, 5 bottom), _ColorRange (0 full, 1
// limited), _Matrix, _Primaries, _Transfer, _FieldBased (0 progressive, 1 bottom field
// first, 2 top field first), _SARNum/_SARDen, _DurationNum/_DurationDen.  Unknown fields
// are absent.
#pragma once
#include <string>
#include <string_view>

#include "pixel/io/format.hpp"
#include "pixel/io/frame.hpp"

namespace rigor::pixel {

struct Ratio {
    int num = 0, den = 0;  // 0/0: unknown
    bool known() const { return num > 0 && den > 0; }
    friend bool operator==(const Ratio&, const Ratio&) = default;
};

// Where chroma samples sit relative to the luma samples (H.273 chroma_sample_loc_type + 1).
enum class ChromaSiting { unspecified, left, center, top_left, top, bottom_left, bottom };
enum class ColorRange { unspecified, limited, full };
enum class FieldOrder { unspecified, progressive, top_first, bottom_first, mixed };

struct VideoMetadata {
    static constexpr int kUnspecified = 2;  // H.273's "unspecified" for the three codes

    Ratio frame_rate;     // frames per second
    Ratio sample_aspect;  // width : height of one pixel
    FieldOrder field_order = FieldOrder::unspecified;
    ChromaSiting chroma_siting = ChromaSiting::unspecified;
    ColorRange color_range = ColorRange::unspecified;
    int matrix = kUnspecified, primaries = kUnspecified, transfer = kUnspecified;

    friend bool operator==(const VideoMetadata&, const VideoMetadata&) = default;
};

// A clip: the format and size of its frames and what it says about them.
struct VideoInfo {
    VideoFormat format;
    int width = 0, height = 0;
    VideoMetadata metadata;
};

// Names as the command line takes them and messages show them.
std::string_view to_string(ChromaSiting siting);   // "left", "top_left", "unspecified"
std::string_view to_string(ColorRange range);      // "limited", "full", "unspecified"
std::string_view to_string(FieldOrder order);      // "progressive", "top_first", …
// Parse those names (ChromaSiting also "topleft", "bottomleft"; ColorRange also "tv",
// "pc", "mpeg", "jpeg"); throw rigor::UserError naming the accepted ones.
ChromaSiting parse_chroma_siting(std::string_view name);
ColorRange parse_color_range(std::string_view name);

// Matrix, primaries and transfer by FFmpeg's names (bt709, bt470bg, smpte170m, bt2020nc,
// smpte2084, arib-std-b67, …), "unspecified", or the H.273 number; throw rigor::UserError
// listing the names.  (Defined with FFmpeg's tables, in ffmpeg_metadata.cpp.)
int parse_matrix_name(std::string_view text);
int parse_primaries_name(std::string_view text);
int parse_transfer_name(std::string_view text);
std::string matrix_name(int code);     // "bt709", or the number when FFmpeg has no name
std::string primaries_name(int code);
std::string transfer_name(int code);

// Sets the VapourSynth properties above for the known fields (leaves the others alone).
void add_frame_properties(const VideoMetadata& metadata, FrameProperties& properties);

}  // namespace rigor::pixel
