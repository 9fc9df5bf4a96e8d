// The resize kernels of the ChromaReconstruct chains, with zimg's conventions (spec:
// "Chroma reconstruction"): point, bilinear, bicubic (b, c), lanczos (taps).
#pragma once
#include <string>
#include <string_view>

namespace rigor::regress {

struct ResizeKernel {
    enum class Kind { point, bilinear, bicubic, lanczos };
    Kind kind = Kind::bicubic;
    double b = 0, c = 0.5;  // bicubic
    int taps = 3;           // lanczos

    std::string describe() const;  // "bicubic(b=0, c=0.5)"
};

// "point", "bilinear", "bicubic" (= catrom), "catrom" (0, ½), "hermite" (0, 0),
// "mitchell" (⅓, ⅓), "bicubic:B:C", "lanczos" (3 taps), "lanczos:TAPS".
// Throws UserError naming the unknown kernel and the choices.
ResizeKernel parse_resize_kernel(std::string_view spec);

}  // namespace rigor::regress
