#include "pixel/regress/point_chroma_demo.hpp"

#include <cmath>

#include "filters/base/error.hpp"
#include "filters/regress/resize_kernel.hpp"
#include "pixel/regress/chroma_reconstruct.hpp"
#include "pixel/regress/resize.hpp"

namespace rigor::pixel::regress {

namespace {

// PSNR with peak 1 (the span of chroma in float units, −0.5 … 0.5).
double psnr(const Plane& a, const Plane& b) {
    require_same_size(a, "reconstructed chroma", b, "reference chroma");
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const double d = double(a.row_as<float>(y)[x]) - b.row_as<float>(y)[x];
            sum += d * d;
        }
    return 10 * std::log10(double(a.width()) * a.height() / std::max(sum, 1e-30));
}

}  // namespace

PointChromaDemo run_point_chroma_demo(const Frame& rgb, const rigor::regress::ChromaRecipe& recipe, int levels,
                                      int threads) {
    const auto& f = rgb.format();
    if (!f.is_rgb() || f.sample != pixel::SampleType::Integer || f.bits != 8)
        throw UserError("the chroma demo needs an 8-bit RGB picture (got " + f.name() + ")");
    const int w = rgb.width(), h = rgb.height();
    // Full-range BT.709 in VapourSynth float units: Y 0…1, Cb/Cr −0.5…0.5.
    Plane luma = make_float_plane(w, h), cb = make_float_plane(w, h), cr = make_float_plane(w, h);
    auto channel = [&](int k, int x, int y) {
        const double v = rgb.plane(k).row_as<std::uint8_t>(y)[x] / 255.0;
        return levels > 1 ? std::round(v * (levels - 1)) / (levels - 1) : v;
    };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double r = channel(0, x, y), g = channel(1, x, y), b = channel(2, x, y);
            const double yy = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            luma.row_as<float>(y)[x] = float(yy);
            cb.row_as<float>(y)[x] = float((b - yy) / 1.8556);
            cr.row_as<float>(y)[x] = float((r - yy) / 1.5748);
        }
    const ChromaSiting siting{rigor::regress::ChromaLocation::left, 1, 1};
    const rigor::regress::ResizeKernel neutral = rigor::regress::parse_resize_kernel("catrom");
    // The release height is the demangle chain's final height.
    const Plane probe = apply_chain(apply_chain(luma, recipe.mangle_luma, siting), recipe.demangle_luma, siting);
    const int release_h = probe.height();
    auto damage = [&](const Plane& c) {
        const Plane m = apply_chain(c, recipe.mangle_luma, siting);
        return resize_plane(m, neutral, {m.width(), release_h});
    };
    const std::vector<Plane> damaged{damage(cb), damage(cr)};
    rigor::regress::RegressParams rp;
    rp.radius = recipe.radius.value_or(1);
    rp.alpha = recipe.alpha.value_or(0.2);
    rigor::regress::ReconstructParams cp;
    cp.radius = recipe.recon_radius.value_or(1);
    const auto fixed = chroma_reconstruct(luma, damaged, recipe, siting, rp, cp, threads);

    PointChromaDemo out;
    out.width = fixed[0].width();
    out.height = fixed[0].height();
    const std::array<const Plane*, 2> truth_full{&cb, &cr};
    for (int k = 0; k < 2; ++k) {
        const Plane truth = resize_plane(*truth_full[k], neutral, {w, release_h});
        out.psnr_demangled[k] = psnr(apply_chain(damaged[k], recipe.demangle_chroma, siting), truth);
        out.psnr_reconstructed[k] = psnr(fixed[k], truth);
    }
    return out;
}

}  // namespace rigor::pixel::regress
