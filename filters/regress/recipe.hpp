// The ChromaReconstruct recipe as data (spec: "Chroma reconstruction"): chains of
// resizes for mangle_luma, demangle (one chain for both, or demangle_luma and
// demangle_chroma) and base_for_reconstruct, loaded from JSON:
//
//   { "name": "…", "description": "…", "radius": 4, "recon_radius": 4, "alpha": 0.2,
//     "mangle_luma": [ {"kernel": "point", "width": 640, "src_left": -1}, … ],
//     "demangle":    [ {"kernel": "catrom", "width": 1280, "height": 540,
//                       "src_left": "to_full", "src_top": "to_full"} ],
//     "base_for_reconstruct": [ {"kernel": "catrom", "height": 540} ],
//     "descale": {"kernel": "lanczos", "taps": 3, "width": 1280, "height": 720, "border": "zero"},
//     "output": {"kernel": "hermite", "mode": "source"} }
//
// A step is a resize as zimg (and VapourSynth's resize.*) takes it: "kernel" (a name of
// parse_resize_kernel, with "b"/"c" for bicubic and "taps" for lanczos as separate keys
// or in the name), "width"/"height" (left out: that size is kept), "src_left"/"src_top"
// (a number in the step's input pixels, "to_full" or "to_subsampled": chroma_location.hpp,
// resolved against the video's chroma location and subsampling) and
// "src_width"/"src_height" (the source window, default the whole input).
// "descale" (optional) makes the luma base from the video's luma as the descale filter
// does: a step with a required size plus "border" (mirror — the default — zero or repeat:
// how the upscale being undone treated its edges) and "blur".  "output" (optional) is the
// final resize of the repaired chroma: "mode" source (the source's subsampling at the
// source size, shifted onto its chroma siting: default), 444 (4:4:4 at the source size),
// native (the demangled size, float, with the reconstruct base as luma) or production
// (4:4:4 at the size of a rescaled luma given to the command), and the kernel with its
// parameters (default hermite, as the module's example) and shifts (default to_subsampled
// for source, 0 otherwise).  radius/recon_radius/alpha, "mean"/"recon_mean" (a MeanMode
// name: box, lehmer:3, median, …) and "border"/"recon_border" (vszip, mirror, reflect,
// clamp) are defaults the command line may override.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "filters/regress/chroma_location.hpp"
#include "filters/regress/params.hpp"
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
    std::optional<double> src_width, src_height;  // the source window; absent: the whole input
};

// How an upscale treated samples past the edge, which its descale must undo (the
// descale filter's border_handling 0, 1, 2).
enum class DescaleBorder { mirror, zero, repeat };
DescaleBorder parse_descale_border(std::string_view text);  // throws UserError naming the choices
std::string_view to_string(DescaleBorder border);

struct DescaleStep {
    ResizeStep step;  // width and height always set
    DescaleBorder border = DescaleBorder::mirror;
};

enum class OutputMode { source, full444, native, production };
OutputMode parse_output_mode(std::string_view text);  // "source", "444", "native", "production"
std::string_view to_string(OutputMode mode);

struct OutputStep {
    OutputMode mode = OutputMode::source;
    ResizeStep step{ResizeKernel{ResizeKernel::Kind::bicubic, 0, 0, 3, 1}, {}, {}, {}, {}, {}, {}};  // hermite
    bool shift_given = false;  // src_left or src_top in the recipe: else the mode's default
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
    std::optional<DescaleStep> descale;
    OutputStep output;
    std::optional<int> radius, recon_radius;
    std::optional<double> alpha;
    std::optional<MeanMode> mean, recon_mean;        // the window means (params.hpp)
    std::optional<BorderMode> border, recon_border;  // their borders

    // Throws UserError naming the chain when the demangled luma, the demangled chroma
    // and the reconstruct base do not all end at one size; returns that size.
    Size check_sizes(Size luma_base, Size chroma) const;
};

// Throws UserError ("recipe FILE, chain C step N: …") for unreadable files, bad JSON,
// unknown keys, unknown kernels, bad sizes, missing fields; `origin` names the document.
ChromaRecipe parse_recipe(const std::string& json_text, const std::string& origin);
ChromaRecipe load_recipe(const std::string& path);

// The (top, left) shift of one step, resolved for the video's chroma siting.
Shift resolve_shift(const ResizeStep& step, ChromaLocation location, int ssw, int ssh, Size src, Size dst);

}  // namespace rigor::regress
