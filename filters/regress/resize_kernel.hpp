// The resize kernels of the ChromaReconstruct chains and of descale, with zimg's and the
// descale filter's conventions (spec: "Chroma reconstruction", "Descaling"): point,
// bilinear, bicubic (b, c), lanczos (taps), spline16/36/64 (AviSynth's splines).
#pragma once
#include <string>
#include <string_view>

namespace rigor::regress {

struct ResizeKernel {
    enum class Kind { point, bilinear, bicubic, lanczos, spline16, spline36, spline64 };
    Kind kind = Kind::bicubic;
    double b = 0, c = 0.5;  // bicubic
    int taps = 3;           // lanczos
    double blur = 1;        // descale only: the kernel is evaluated at distance / blur

    std::string describe() const;  // "bicubic(b=0, c=0.5)", "lanczos(taps=3)", "spline36"

    // Half-width of the kernel in source samples at blur 1 (point 0, bilinear 1,
    // bicubic/spline16 2, spline36 3, spline64 4, lanczos taps).
    int radius() const;
    // The kernel at `distance` source samples (|distance| / blur), as the descale filter
    // and zimg define it: bicubic is Mitchell–Netravali's family, lanczos
    // sinc(d)·sinc(d/taps) for d < taps, the splines are AviSynth's piecewise cubics;
    // point is 1 everywhere (its one tap is chosen by position).
    double weight(double distance) const;

    friend bool operator==(const ResizeKernel&, const ResizeKernel&) = default;
};

// "point", "bilinear", "bicubic" (= catrom), "catrom" (0, ½), "hermite" (0, 0),
// "mitchell" (⅓, ⅓), "bicubic:B:C", "lanczos" (3 taps), "lanczos:TAPS", "spline16",
// "spline36", "spline64".  Throws UserError naming the unknown kernel and the choices.
ResizeKernel parse_resize_kernel(std::string_view spec);

}  // namespace rigor::regress
