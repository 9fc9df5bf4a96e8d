// The ChromaReconstruct recipe as data (spec: "Chroma reconstruction"): chains of
// resizes for mangle_luma, demangle (one chain for both, or demangle_luma and
// demangle_chroma) and base_for_reconstruct, loaded from JSON:
//
//   { "name": "…", "description": "…", "radius": 4, "recon_radius": 4, "alpha": 0.2,
//     "mangle_luma": [ {"kernel": "point", "width": 640, "src_left": -1}, … ],
//     "demangle":    [ {"kernel": "catrom", "width": 1280, "height": 540,
//                       "src_left": "to_full", "src_top": "to_full"} ],
//     "base_for_reconstruct": [ {"kernel": "catrom", "height": 540} ] }
//
// A step leaves out width/height to keep that size; a shift is a number (in the step's
// input pixels), "to_full" or "to_subsampled" (chroma_location.hpp, resolved against the
// video's chroma location and subsampling).  radius/recon_radius/alpha are defaults the
// command line may override.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "filters/regress/chroma_location.hpp"
#include "filters/regress/resize_kernel.hpp"

namespace rigor::regress {

struct ShiftSpec {
    enum class Source { number, to_full, to_subsampled };
    Source source = Source::number;
    double value = 0;
};

struct ResizeStep {
    ResizeKernel kernel;
    std::optional<int> width, height;  // absent: unchanged
    ShiftSpec src_left, src_top;
};

struct Size {
    int width = 0, height = 0;
    friend bool operator==(const Size&, const Size&) = default;
};
std::string to_string(Size size);  // "1280x720"

struct Chain {
    std::string name;  // "mangle_luma", … — used in every error about the chain
    std::vector<ResizeStep> steps;
    Size output_size(Size input) const;
};

struct ChromaRecipe {
    std::string name, description;
    Chain mangle_luma{"mangle_luma", {}};
    Chain demangle_luma{"demangle_luma", {}};
    Chain demangle_chroma{"demangle_chroma", {}};
    Chain base_for_reconstruct{"base_for_reconstruct", {}};
    std::optional<int> radius, recon_radius;
    std::optional<double> alpha;

    // Throws UserError naming the chain when the demangled luma, the demangled chroma
    // and the reconstruct base do not all end at one size; returns that size.
    Size check_sizes(Size luma_base, Size chroma) const;
};

// Throws UserError ("recipe FILE: …") for unreadable files, bad JSON, unknown keys,
// unknown kernels, bad sizes; `origin` names the document in messages.
ChromaRecipe parse_recipe(const std::string& json_text, const std::string& origin);
ChromaRecipe load_recipe(const std::string& path);

// The (top, left) shift of one step, resolved for the video's chroma siting.
Shift resolve_shift(const ResizeStep& step, ChromaLocation location, int ssw, int ssh, Size src, Size dst);

}  // namespace rigor::regress
