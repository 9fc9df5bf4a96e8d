// `--diagnostics DIR`: what a user looks at to judge a chroma reconstruction, as 8-bit
// gray PNGs at the demangled (native) size, for each chroma plane P (u, v):
//   P_correlation.png  the correlation weight c (0 black … 1 white): where luma predicts chroma
//   P_slope.png        the slope a, mid gray 0, black −2, white +2
//   P_before.png, P_after.png  a crop (at most 256×256, centred) of the demangled and the
//                      repaired chroma, both stretched by one shared range so they compare
// Every file is written whole or not at all (OutputFile).
#pragma once
#include <string>
#include <vector>

#include "filters/regress/params.hpp"
#include "pixel/regress/chroma_reconstruct.hpp"

namespace rigor::pixel::regress {

// Returns the files written.  Throws IoError when DIR cannot be made or written.
std::vector<std::string> write_diagnostics(const std::string& dir, const ChromaReconstructSteps& steps,
                                           const rigor::regress::RegressParams& params, int threads);

// The centred crop (at most `size`×`size`) diagnostics show; exposed for the tests.
struct Crop {
    int x = 0, y = 0, width = 0, height = 0;
};
Crop diagnostic_crop(int width, int height, int size = 256);

}  // namespace rigor::pixel::regress
