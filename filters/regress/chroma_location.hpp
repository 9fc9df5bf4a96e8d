// Chroma siting (spec: "Chroma location offsets"): where a chroma sample sits relative
// to the centre of its 2×2 (or 2×1) luma block, in luma pixels, and the resize shifts
// derived from it.
#pragma once
#include <string_view>

namespace rigor::regress {

enum class ChromaLocation { left, center, top_left, top, bottom_left, bottom };

ChromaLocation parse_chroma_location(std::string_view text);  // throws UserError
std::string_view to_string(ChromaLocation location);

struct Offset {  // (left, top) in luma pixels
    double left = 0, top = 0;
};
Offset chroma_offset(ChromaLocation location);

struct Shift {  // a resize's (src_top, src_left)
    double top = 0, left = 0;
};

// (−top / 2^ssh, −left / 2^ssw) in subsampled pixels: moves sited chroma onto the
// centred grid (left siting, 4:2:0 → left shift +0.25).
Shift to_full(ChromaLocation location, int ssw, int ssh);

// (top·src_h / (dst_h·2^ssh), left·src_w / (dst_w·2^ssw)): the shift that puts a resize
// from a centred src_w×src_h plane onto the sited dst_w×dst_h chroma grid.
Shift to_subsampled(ChromaLocation location, int ssw, int ssh, int src_w, int src_h, int dst_w, int dst_h);

}  // namespace rigor::regress
