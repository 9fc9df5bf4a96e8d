// rigor's sample formats (pixel/io/format.hpp) and FFmpeg's pixel formats.
//
// A pixel format is *direct* when rigor can copy its planes as they are: planar (or one
// component), native little-endian, one colour component per plane, no padding bits
// (8-bit samples in bytes, 9..16-bit in 16-bit words, binary32 in 32-bit words).  Alpha
// planes are ignored.  Rigor's plane p is FFmpeg's data[plane_of(format, p)] (FFmpeg
// keeps planar RGB as G, B, R).  Every other layout that holds the same samples (nv12,
// p010, yuyv422, rgb24, bgr0, big-endian words) is converted by swscale to or from its
// *planar equivalent* — only the layout changes, never a sample value.
#pragma once
#include <optional>

#include "pixel/io/ffmpeg_common.hpp"
#include "pixel/io/format.hpp"

namespace rigor::pixel::ffmpeg {

// The rigor format of a direct pixel format; nullopt for any other.
std::optional<VideoFormat> direct_format(AVPixelFormat format);
// The direct format holding the same samples as `format` (itself when direct); NONE when
// rigor cannot hold them (palettes, Bayer, hardware frames, more than 16 bits).
AVPixelFormat planar_equivalent(AVPixelFormat format);
// The direct FFmpeg format of a rigor format (no alpha; the yuvj formats are never
// chosen); NONE when FFmpeg has none (half float, float YUV).
AVPixelFormat pixel_format_of(const VideoFormat& format);
// FFmpeg's plane of rigor's plane p.
int plane_of(AVPixelFormat format, int p);
// A swscale context that only re-lays out samples between two layouts of the same ones
// (point sampling, bit-exact), and `target` given a buffer of the `to` layout for its
// output; false when FFmpeg cannot make them.
bool make_relayout(int width, int height, AVPixelFormat from, AVPixelFormat to, ScalerHandle& scaler, AVFrame& target);
// "yuv420p10le", or "none".
const char* name_of(AVPixelFormat format);

}  // namespace rigor::pixel::ffmpeg
