// The ChromaReconstruct recipe run on float planes (spec: "Chroma reconstruction"):
//   Lm = mangle_luma(L);  Ld = demangle_luma(Lm);  Cdₖ = demangle_chroma(Cₖ)
//   regsₖ = regression(Ld, Cdₖ);  Lb = base_for_reconstruct(L)
//   Cₖ' = Cdₖ + reconstruct(Lb − Ld, regsₖ, R)
// Sizes are checked (naming the chain) before any pixel is computed.
#pragma once
#include <vector>

#include "filters/regress/params.hpp"
#include "filters/regress/recipe.hpp"
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

struct ChromaSiting {
    rigor::regress::ChromaLocation location = rigor::regress::ChromaLocation::left;
    int ssw = 1, ssh = 1;  // the video's log2 subsampling, for to_full / to_subsampled
};

// Runs every resize of `chain` in order (shifts resolved for `siting`).
Plane apply_chain(const Plane& src, const rigor::regress::Chain& chain, const ChromaSiting& siting);

// Every intermediate of one run, for outputs and --diagnostics: the demangled luma Ld,
// the reconstruct base Lb, the demangled chroma Cdₖ and the repaired chroma Cₖ'.
struct ChromaReconstructSteps {
    Plane demangled_luma, base;
    std::vector<Plane> demangled_chroma, repaired;
};
ChromaReconstructSteps chroma_reconstruct_steps(const Plane& luma_base, const std::vector<Plane>& chroma,
                                                const rigor::regress::ChromaRecipe& recipe, const ChromaSiting& siting,
                                                const rigor::regress::RegressParams& regress,
                                                const rigor::regress::ReconstructParams& reconstruct, int threads);

// Returns the reconstructed chroma planes at the chains' common output size.
std::vector<Plane> chroma_reconstruct(const Plane& luma_base, const std::vector<Plane>& chroma,
                                      const rigor::regress::ChromaRecipe& recipe, const ChromaSiting& siting,
                                      const rigor::regress::RegressParams& regress,
                                      const rigor::regress::ReconstructParams& reconstruct, int threads);

}  // namespace rigor::pixel::regress
