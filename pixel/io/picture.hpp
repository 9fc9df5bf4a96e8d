// Single pictures as one-frame clips, chosen by file extension (case-insensitive):
//   .png          8/16-bit gray or RGB (alpha dropped)      → gray8/gray16/rgb24/rgb48
//   .tif .tiff    8/16-bit integer or 32-bit float, gray or RGB, contiguous or planar
//   .pfm          32-bit float gray ("Pf") or RGB ("PF"), rows stored bottom-up
// Writers take gray or RGB frames of a matching sample type (YUV is refused: a picture
// file would silently reinterpret it) and, for PNG/TIFF integers, depth 8 or 16.
#pragma once
#include <ostream>
#include <string>
#include <string_view>

#include "pixel/io/frame.hpp"

namespace rigor::pixel {

// Whether `path` names a picture format above (by extension).
bool is_picture_path(std::string_view path);
// The extension of the last path component, in lower case, without the dot ("" if none).
std::string file_extension(std::string_view path);
// Throws rigor::UserError when the picture writer of `name`'s extension cannot hold
// frames of `format` (found by encoding a 1x1 frame of it to nowhere: each writer keeps
// its own rules).
void check_picture_format(const std::string& name, const VideoFormat& format);

// Throw rigor::IoError (unreadable/unwritable file) or rigor::UserError (bad contents,
// unsupported layout), naming the file.
Frame read_picture(const std::string& path);
// Encodes `frame` in the format named by the extension of `name` into `out` (so the
// caller decides where the bytes go, e.g. a temporary file renamed on success).  Also
// ".exr": binary32 gray or RGB through FFmpeg's EXR encoder (read back through
// FFmpeg, pixel/io/ffmpeg_reader.hpp; is_picture_path() stays false for it).
void write_picture(std::ostream& out, const std::string& name, const Frame& frame);

Frame read_png(const std::string& path);
void write_png(std::ostream& out, const std::string& name, const Frame& frame);
Frame read_tiff(const std::string& path);
void write_tiff(std::ostream& out, const std::string& name, const Frame& frame);
Frame read_pfm(const std::string& path);
void write_pfm(std::ostream& out, const std::string& name, const Frame& frame);

}  // namespace rigor::pixel
