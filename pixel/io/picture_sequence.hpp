// Picture sequences: one picture file per frame, named by a printf-style pattern with
// one %d or %0Nd ("frame_%05d.png"), as FFmpeg's image2 names them, so `ffmpeg -i
// frame_%05d.png` reads rigor's sequences and rigor reads FFmpeg's (through FFmpeg).
// Frames are numbered from 0.  "%%" is a literal '%'.
#pragma once
#include <string>
#include <string_view>

namespace rigor::pixel {

// Whether `path` holds exactly one %d / %0Nd (N ≤ 9) and no other '%' but "%%".
bool is_sequence_pattern(std::string_view path);
// The pattern with the number put in ("frame_%05d.png", 7 → "frame_00007.png").
std::string sequence_file_name(std::string_view pattern, long index);

}  // namespace rigor::pixel
