// The ChromaReconstruct recipe on YUV video, one frame at a time (spec: "Chroma
// reconstruction"; the module's docstring for the outputs): integer luma and chroma to
// float units as zimg's depth conversion does (units.hpp; float video is taken as it is),
// the luma base L made (descale) or given, the chroma repaired by chroma_reconstruct()
// at the demangled ("native") size, then written as the recipe's output step says:
//   source      the source's subsampling at the source size: the output kernel (Hermite by
//               default) with the to_subsampled shift onto the source's chroma siting;
//   444         4:4:4 at the source size (no shift: the native chroma is centred);
//   native      the demangled planes as they are (float 4:4:4, luma = the reconstruct base);
//   production  4:4:4 float at L's size (the production resolution), luma = L.
// A rescaled luma (e.g. a neural upscale of L) may replace the output's luma in every mode
// but native; it must have the output's luma size.  Integer sources give integer outputs
// of their depth for source and 444 (unless float output is asked), float otherwise.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "filters/regress/chroma_location.hpp"
#include "filters/regress/params.hpp"
#include "filters/regress/recipe.hpp"
#include "pixel/io/frame.hpp"
#include "pixel/io/video_metadata.hpp"
#include "pixel/regress/chroma_reconstruct.hpp"
#include "pixel/regress/descale.hpp"
#include "pixel/regress/units.hpp"

namespace rigor::pixel::regress {

struct YuvReconstruction {
    rigor::regress::ChromaRecipe recipe;  // its descale (if any) makes L; its output step writes
    rigor::regress::ChromaLocation location = rigor::regress::ChromaLocation::left;  // the source's siting
    rigor::regress::RegressParams regress;
    rigor::regress::ReconstructParams reconstruct;
    ColorRange range = ColorRange::limited;
    bool float_output = false;  // source / 444 modes of integer video: write float samples
    int threads = 1;
    // The recipe's descale planned for the source's luma size (plan_descale), shared by
    // copies of these settings; without it (or for another size) each frame plans its own.
    std::shared_ptr<const DescalePlan> descale_plan;
};

// Plans the recipe's descale (if any) once for luma planes of width × height: the
// matrices and factors every frame then reuses.  UserError as make_luma_base().
void plan_descale(YuvReconstruction& settings, int width, int height);

// Throws UserError unless `format` (of the video `name`) is YUV with integer (8-16 bit)
// or 32-bit float samples.
void require_yuv(const VideoFormat& format, const std::string& name);

// The luma base's size for a source of `width`×`height`: the descale's, else the source's.
rigor::regress::Size default_luma_base_size(int width, int height, const YuvReconstruction& settings);

// Format and size of the frames reconstruct_yuv_frame() makes from `source` frames with a
// luma base of `luma_base` size; checks the recipe's chains (UserError naming the chain,
// or saying that a luma base of the production size — --descale or --luma-base — is
// missing when the base is the source's own luma).
VideoInfo reconstructed_info(const VideoInfo& source, rigor::regress::Size luma_base, const YuvReconstruction& settings,
                             bool base_given);

// One frame.  `luma_base`: L in float units, or null to make it from the frame's luma (the
// recipe's descale, else the luma itself).  `rescaled_luma`: the output's luma (float
// units), or null.  `steps` (optional) receives every intermediate.
Frame reconstruct_yuv_frame(const Frame& yuv, const Plane* luma_base, const Plane* rescaled_luma,
                            const YuvReconstruction& settings, ChromaReconstructSteps* steps = nullptr);

// The base L from a frame's float luma: the recipe's descale, else the luma itself.
Plane make_luma_base(const Plane& luma, const YuvReconstruction& settings);

}  // namespace rigor::pixel::regress
