// The ChromaReconstruct recipe on integer YUV video (8-16 bit), one frame at a time: luma
// and chroma to float units (units.hpp), the chroma repaired by chroma_reconstruct()
// from a luma base, then resized (catrom) onto the output's chroma grid — sited as the
// source's chroma, or unshifted for 4:4:4 output — and coded back to integers of the
// source's depth.  The luma is copied unchanged.
#pragma once
#include <optional>
#include <string>

#include "filters/regress/chroma_location.hpp"
#include "filters/regress/params.hpp"
#include "filters/regress/recipe.hpp"
#include "filters/regress/resize_kernel.hpp"
#include "pixel/io/frame.hpp"
#include "pixel/regress/units.hpp"

namespace rigor::pixel::regress {

// A luma base made by descaling the frame's luma (descale.hpp) to the production's size.
struct LumaDescale {
    rigor::regress::ResizeKernel kernel;
    int width = 0, height = 0;
};

struct YuvReconstruction {
    rigor::regress::ChromaRecipe recipe;
    rigor::regress::ChromaLocation location = rigor::regress::ChromaLocation::left;  // the source's siting
    rigor::regress::RegressParams regress;
    rigor::regress::ReconstructParams reconstruct;
    ColorRange range = ColorRange::limited;
    bool full_chroma = false;            // write 4:4:4 instead of the source's subsampling
    std::optional<LumaDescale> descale;  // the base when none is given: the descaled luma, else the luma
    int threads = 1;
};

// Throws UserError unless `format` (of the video `name`) is integer YUV.
void require_integer_yuv(const VideoFormat& format, const std::string& name);

// The format of the frames reconstruct_yuv_frame() makes from frames of `source`.
VideoFormat reconstructed_format(const VideoFormat& source, const YuvReconstruction& settings);

// `luma_base`: the base L in float units, or null to make it from the frame's luma as
// settings.descale says.  Throws UserError for sizes the recipe does not fit.
Frame reconstruct_yuv_frame(const Frame& yuv, const Plane* luma_base, const YuvReconstruction& settings);

}  // namespace rigor::pixel::regress
