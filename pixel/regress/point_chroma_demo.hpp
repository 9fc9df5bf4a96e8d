// The README demonstration of chroma reconstruction on a picture: an RGB picture is
// taken as a 4:4:4 production, its chroma damaged as the recipe's mangle_luma chain
// describes (then a bilinear height resize to the demangle height, the recipe's
// "neutral kernel"), and repaired by chroma_reconstruct() with the production luma as
// the base.  Quality is PSNR against the production chroma brought to the same height
// by the same bilinear resize (the part of the damage that is not being repaired).
#pragma once
#include <array>

#include "filters/regress/recipe.hpp"
#include "pixel/io/frame.hpp"
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

struct PointChromaDemo {
    std::array<double, 2> psnr_demangled{};     // Cb, Cr: demangled only (no reconstruct)
    std::array<double, 2> psnr_reconstructed{};  // Cb, Cr: after chroma_reconstruct
    int width = 0, height = 0;                   // where the comparison happens
};

// `rgb`: an 8-bit RGB frame (e.g. read_picture of a PNG).  levels > 0 first posterises
// each RGB channel to that many levels ("cel shading": flat colours with sharp edges
// shared by luma and chroma, like the animation the method was made for).  Siting left, 4:2:0; radii
// from the recipe (else 1).  Throws UserError for another format or sizes the recipe
// does not fit.
PointChromaDemo run_point_chroma_demo(const Frame& rgb, const rigor::regress::ChromaRecipe& recipe, int levels,
                                      int threads);

}  // namespace rigor::pixel::regress
