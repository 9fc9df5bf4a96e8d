// The worked example and every shipped recipe against an independent float64
// implementation written here (the real filters — zimg in VapourSynth, the descale
// plugin, vsrgtools — cannot run on this machine), on data/regress/astronaut.png.
//
// Construction of the comparison:
//   * input: the photograph as full-range BT.709 Y, Cb, Cr (float units), resized by
//     rigor's zimg resizer to the production size the recipe documents; the damaged
//     chroma is the production chroma put through the recipe's mangle_luma chain (the
//     damage the recipe says the chroma suffered), then catrom to the release's chroma
//     size where that chain stops short of it.  Both sides get these same planes and the
//     production luma as the luma base (the descale is checked on its own in
//     test_recipe_steps.cpp against the descale filter's matrices).
//   * reference: every resize of the chains and the final output re-implemented in double
//     from zimg's definition (output i at (i + 0.5)·src_width/dst + src_left, the kernel
//     widened by dst/src_width when downscaling, taps from round_half_up(pos − taps/2),
//     weights normalised, half-sample mirror at the edges); the regression and
//     reconstruct from the spec's formulas in double, window means as separable sums
//     with the module's box-blur border (vszip's indexing, rigor's default border; the
//     parameters are left at their defaults); the reliability weight from the spec's
//     50-digit table.
//   * measure: the repaired chroma at the native size and after the output resize within
//     1e-4 on at least 99.9 % of pixels (float32 cancellation in flat areas and the
//     ill-conditioned M[c] + eps division make isolated outliers, spec "Numerical notes").
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <vector>

#include "filters/regress/recipe.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/regress/chroma_reconstruct.hpp"
#include "pixel/regress/resize.hpp"
#include "planes.hpp"

using namespace rigor::regress;
using namespace rigor::pixel::regress;
using rigor::pixel::Plane;
using namespace rigor::pixel::regress::test;

namespace {

struct Image {  // double samples, row-major
    int w = 0, h = 0;
    std::vector<double> v;
    double& at(int x, int y) { return v[std::size_t(y) * w + x]; }
    double at(int x, int y) const { return v[std::size_t(y) * w + x]; }
};

Image image_of(const Plane& p) {
    Image im{p.width(), p.height(), std::vector<double>(std::size_t(p.width()) * p.height())};
    for (int y = 0; y < im.h; ++y)
        for (int x = 0; x < im.w; ++x) im.at(x, y) = at(p, x, y);
    return im;
}

double round_half_up(double x) { return x < 0 ? std::floor(x + 0.5) : std::floor(x + 0.49999999999999994); }

// One axis of zimg's resize in double: n → m samples.
std::vector<double> resize_line(const std::vector<double>& src, int m, const ResizeKernel& k, double shift,
                                double window) {
    const int n = int(src.size());
    const double width = window > 0 ? window : n, scale = m / width, step = std::min(scale, 1.0);
    const double support = k.radius() / step;
    const int taps = std::max(int(std::ceil(support)) * 2, 1);
    std::vector<double> out(m);
    for (int i = 0; i < m; ++i) {
        const double pos = (i + 0.5) / scale + shift, begin = round_half_up(pos - taps / 2.0) + 0.5;
        double total = 0, acc = 0;
        for (int j = 0; j < taps; ++j) total += k.weight((begin + j - pos) * step);
        for (int j = 0; j < taps; ++j) {
            const double x = begin + j;
            const double real = x < 0 ? -x : x >= n ? std::min(2.0 * n - x, n - 0.5) : x;
            acc += src[std::clamp(int(std::floor(real)), 0, n - 1)] * k.weight((x - pos) * step);
        }
        out[i] = acc / total;
    }
    return out;
}

Image resize(const Image& src, const ResizeKernel& k, int w, int h, double left, double top, double sw = 0,
             double sh = 0) {
    Image rows{w, src.h, std::vector<double>(std::size_t(w) * src.h)};
    for (int y = 0; y < src.h; ++y) {
        const std::vector<double> line(src.v.begin() + std::size_t(y) * src.w, src.v.begin() + std::size_t(y + 1) * src.w);
        const auto out = resize_line(line, w, k, left, sw);
        std::copy(out.begin(), out.end(), rows.v.begin() + std::size_t(y) * w);
    }
    Image out{w, h, std::vector<double>(std::size_t(w) * h)};
    for (int x = 0; x < w; ++x) {
        std::vector<double> col(src.h);
        for (int y = 0; y < src.h; ++y) col[y] = rows.at(x, y);
        const auto r = resize_line(col, h, k, top, sh);
        for (int y = 0; y < h; ++y) out.at(x, y) = r[y];
    }
    return out;
}

Image chain(Image cur, const Chain& c, const ChromaSiting& s) {
    for (const ResizeStep& step : c.steps) {
        const Size from{cur.w, cur.h}, to{step.width.value_or(cur.w), step.height.value_or(cur.h)};
        const Shift sh = resolve_shift(step, s.location, s.ssw, s.ssh, from, to);
        cur = resize(cur, step.kernel, to.width, to.height, sh.left, sh.top, step.src_width.value_or(0),
                     step.src_height.value_or(0));
    }
    return cur;
}

// Box mean of radius r with the module's border (vszip BoxBlur, the default of rigor's
// means), as separable sums in double: along each axis the sample at offset d of the
// window centred on c is, as vszip's compile-time kernels index it (radius ≤ 22),
// c + d inside, min(−(c + d), n − 1) before the start, c − min(c + d − (n − 1), c) past
// the end.
Image box_mean(const Image& src, int r) {
    auto vszip = [](int c, int d, int n) {
        const int i = c + d;
        if (i < 0) return std::min(-i, n - 1);
        if (i > n - 1) return c - std::min(i - (n - 1), c);
        return i;
    };
    Image rows{src.w, src.h, std::vector<double>(src.v.size())}, out = rows;
    for (int y = 0; y < src.h; ++y)
        for (int x = 0; x < src.w; ++x) {
            double s = 0;
            for (int d = -r; d <= r; ++d) s += src.at(vszip(x, d, src.w), y);
            rows.at(x, y) = s;
        }
    const double n = double(2 * r + 1) * (2 * r + 1);
    for (int y = 0; y < src.h; ++y)
        for (int x = 0; x < src.w; ++x) {
            double s = 0;
            for (int d = -r; d <= r; ++d) s += rows.at(x, vszip(y, d, src.h));
            out.at(x, y) = s / n;
        }
    return out;
}

Image map2(const Image& a, const Image& b, double (*f)(double, double)) {
    Image out = a;
    for (std::size_t i = 0; i < a.v.size(); ++i) out.v[i] = f(a.v[i], b.v[i]);
    return out;
}

// Cd + reconstruct(Lb − Ld, regression(Ld, Cd)) in double (spec formulas, no intercept).
Image repair(const Image& ld, const Image& cd, const Image& lb, int r, int rr, double w) {
    constexpr double eps = 1e-7;
    const Image mx = box_mean(ld, r), my = box_mean(cd, r);
    const Image sxx = box_mean(map2(ld, ld, [](double a, double b) { return a * b; }), r);
    const Image syy = box_mean(map2(cd, cd, [](double a, double b) { return a * b; }), r);
    const Image sxy = box_mean(map2(ld, cd, [](double a, double b) { return a * b; }), r);
    Image ac = ld, c = ld;
    for (std::size_t i = 0; i < ld.v.size(); ++i) {
        const double vx = std::max(sxx.v[i] - mx.v[i] * mx.v[i], 0.0), vy = std::max(syy.v[i] - my.v[i] * my.v[i], 0.0);
        const double cov = sxy.v[i] - mx.v[i] * my.v[i];
        const double slope = cov / (vx + eps), rho = std::sqrt(cov * cov / (vx * vy + eps));
        c.v[i] = w == 1 ? rho : std::max((rho - (1 - w)) / w, 0.0);
        ac.v[i] = slope * c.v[i];
    }
    const Image mac = rr > 0 ? box_mean(ac, rr) : ac, mc = rr > 0 ? box_mean(c, rr) : c;
    Image out = cd;
    for (std::size_t i = 0; i < out.v.size(); ++i) out.v[i] += (lb.v[i] - ld.v[i]) * mac.v[i] / (mc.v[i] + eps);
    return out;
}

// Share of pixels of `got` within 1e-4 of `want`.
double share_close(const Plane& got, const Image& want) {
    REQUIRE(got.width() == want.w);
    REQUIRE(got.height() == want.h);
    long close = 0;
    for (int y = 0; y < want.h; ++y)
        for (int x = 0; x < want.w; ++x) close += std::abs(at(got, x, y) - want.at(x, y)) <= 1e-4;
    return double(close) / (double(want.w) * want.h);
}

struct Ycc {
    Plane y, cb, cr;
};

Ycc photo() {
    const rigor::pixel::Frame rgb = rigor::pixel::read_picture(std::string(RIGOR_DATA_DIR) + "/regress/astronaut.png");
    const int w = rgb.width(), h = rgb.height();
    Ycc p{make_float_plane(w, h), make_float_plane(w, h), make_float_plane(w, h)};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            auto ch = [&](int k) { return rgb.plane(k).row_as<std::uint8_t>(y)[x] / 255.0; };
            const double yy = 0.2126 * ch(0) + 0.7152 * ch(1) + 0.0722 * ch(2);
            p.y.row_as<float>(y)[x] = float(yy);
            p.cb.row_as<float>(y)[x] = float((ch(2) - yy) / 1.8556);
            p.cr.row_as<float>(y)[x] = float((ch(0) - yy) / 1.5748);
        }
    return p;
}

}  // namespace

TEST_CASE("the worked example and each shipped recipe match a float64 reference within 1e-4 on 99.9 % of pixels",
          "[recipe][reference]") {
    const Ycc full = photo();
    const struct {
        const char* file;
        Size production, chroma;  // the luma base and the release's chroma plane
    } recipes[] = {
        {"astronaut-512-point-chroma.json", {512, 512}, {384, 384}},
        {"sirius-720p-point-chroma.json", {1280, 720}, {960, 540}},
        {"generic-720p-catrom.json", {1280, 720}, {960, 540}},
        {"paworks-720p-missing-fields.json", {1280, 720}, {960, 540}},
        {"point422-1080p.json", {1920, 1080}, {960, 540}},
    };
    const ResizeKernel catrom = parse_resize_kernel("catrom");
    for (const auto& r : recipes) {
        INFO(r.file);
        const ChromaRecipe recipe = load_recipe(std::string(RIGOR_DATA_DIR) + "/regress/" + r.file);
        const ChromaSiting siting{ChromaLocation::left, 1, 1};
        auto production = [&](const Plane& p) {
            return resize_plane(p, catrom, {r.production.width, r.production.height, 0, 0, 0, 0});
        };
        const Plane luma = production(full.y);
        std::vector<Plane> chroma;
        for (const Plane* c : {&full.cb, &full.cr}) {
            Plane damaged = apply_chain(production(*c), recipe.mangle_luma, siting);
            if (damaged.width() != r.chroma.width || damaged.height() != r.chroma.height)
                damaged = resize_plane(damaged, catrom, {r.chroma.width, r.chroma.height, 0, 0, 0, 0});
            chroma.push_back(damaged);
        }
        RegressParams rp;
        rp.radius = *recipe.radius;
        rp.alpha = 0.2;
        ReconstructParams cp;
        cp.radius = *recipe.recon_radius;
        const ChromaReconstructSteps got = chroma_reconstruct_steps(luma, chroma, recipe, siting, rp, cp, 2);

        // The reference, from the same inputs.
        const double w = rp.radius == 4 ? 0.85611123021141311 : 0.73473014512262302;  // threshold, α = 0.2
        const Image l = image_of(luma);
        const Image ld = chain(chain(l, recipe.mangle_luma, siting), recipe.demangle_luma, siting);
        const Image lb = chain(l, recipe.base_for_reconstruct, siting);
        for (int k = 0; k < 2; ++k) {
            const Image cd = chain(image_of(chroma[k]), recipe.demangle_chroma, siting);
            const Image want = repair(ld, cd, lb, rp.radius, cp.radius, w);
            CHECK(share_close(got.demangled_chroma[k], cd) >= 0.999);
            const double native = share_close(got.repaired[k], want);
            INFO("plane " << k << ": native " << native);
            CHECK(native >= 0.999);
            // The output step for a 4:2:0 release: hermite with the to_subsampled shift.
            const Shift s = to_subsampled(ChromaLocation::left, 1, 1, want.w, want.h, r.chroma.width, r.chroma.height);
            const ResizeKernel hermite = parse_resize_kernel("hermite");
            const Plane out = resize_plane(got.repaired[k], hermite, {r.chroma.width, r.chroma.height, s.left, s.top, 0, 0});
            const double output = share_close(out, resize(want, hermite, r.chroma.width, r.chroma.height, s.left, s.top));
            INFO("output " << output);
            CHECK(output >= 0.999);
        }
    }
}
