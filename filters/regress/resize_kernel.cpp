#include "filters/regress/resize_kernel.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <vector>

#include "filters/base/error.hpp"

namespace rigor::regress {

std::string ResizeKernel::describe() const {
    std::ostringstream s;
    switch (kind) {
        case Kind::point: s << "point"; break;
        case Kind::bilinear: s << "bilinear"; break;
        case Kind::bicubic: s << "bicubic(b=" << b << ", c=" << c << ")"; break;
        case Kind::lanczos: s << "lanczos(taps=" << taps << ")"; break;
        case Kind::spline16: s << "spline16"; break;
        case Kind::spline36: s << "spline36"; break;
        case Kind::spline64: s << "spline64"; break;
    }
    if (blur != 1) s << " blur " << blur;
    return s.str();
}

int ResizeKernel::radius() const {
    switch (kind) {
        case Kind::point: return 0;
        case Kind::bilinear: return 1;
        case Kind::bicubic: return 2;
        case Kind::lanczos: return taps;
        case Kind::spline16: return 2;
        case Kind::spline36: return 3;
        case Kind::spline64: return 4;
    }
    return 0;
}

namespace {

double sinc(double x) { return x == 0 ? 1.0 : std::sin(x * M_PI) / (x * M_PI); }

// A piecewise cubic in the distance's fractional part t on [k, k+1): p0 + p1·t + p2·t² + p3·t³.
struct CubicPiece {
    double p1, p2, p3, p0;
};
double piecewise(const CubicPiece* pieces, int count, double d) {
    const int k = int(d);
    if (k >= count) return 0;
    const double t = d - k;
    const CubicPiece& p = pieces[k];
    return p.p0 + t * (p.p1 + t * (p.p2 + t * p.p3));
}

// AviSynth's spline coefficients (the values the descale filter and zimg use).
constexpr CubicPiece kSpline16[] = {{-1.0 / 5, -9.0 / 5, 1, 1}, {-7.0 / 15, 4.0 / 5, -1.0 / 3, 0}};
constexpr CubicPiece kSpline36[] = {{-3.0 / 209, -453.0 / 209, 13.0 / 11, 1},
                                    {-156.0 / 209, 270.0 / 209, -6.0 / 11, 0},
                                    {26.0 / 209, -45.0 / 209, 1.0 / 11, 0}};
constexpr CubicPiece kSpline64[] = {{-3.0 / 2911, -6387.0 / 2911, 49.0 / 41, 1},
                                    {-2328.0 / 2911, 4032.0 / 2911, -24.0 / 41, 0},
                                    {582.0 / 2911, -1008.0 / 2911, 6.0 / 41, 0},
                                    {-97.0 / 2911, 168.0 / 2911, -1.0 / 41, 0}};

}  // namespace

double ResizeKernel::weight(double distance) const {
    const double d = std::fabs(distance) / blur;
    switch (kind) {
        case Kind::point: return 1;
        case Kind::bilinear: return std::max(1 - d, 0.0);
        case Kind::bicubic:
            // Mitchell–Netravali: (1/6)·((12−9b−6c)d³ + (−18+12b+6c)d² + (6−2b)) on [0,1),
            // (1/6)·((−b−6c)d³ + (6b+30c)d² + (−12b−48c)d + (8b+24c)) on [1,2).
            if (d < 1) return ((12 - 9 * b - 6 * c) * d * d * d + (-18 + 12 * b + 6 * c) * d * d + (6 - 2 * b)) / 6;
            if (d < 2)
                return ((-b - 6 * c) * d * d * d + (6 * b + 30 * c) * d * d + (-12 * b - 48 * c) * d + (8 * b + 24 * c)) / 6;
            return 0;
        case Kind::lanczos: return d < taps ? sinc(d) * sinc(d / taps) : 0;
        case Kind::spline16: return piecewise(kSpline16, 2, d);
        case Kind::spline36: return piecewise(kSpline36, 3, d);
        case Kind::spline64: return piecewise(kSpline64, 4, d);
    }
    return 0;
}

namespace {

double number_or_throw(std::string_view text, std::string_view spec) {
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        throw UserError("bad number '" + std::string(text) + "' in kernel '" + std::string(spec) + "'");
    return v;
}

}  // namespace

ResizeKernel parse_resize_kernel(std::string_view spec) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t colon = spec.find(':', start);
        parts.push_back(spec.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        if (colon == std::string_view::npos) break;
        start = colon + 1;
    }
    const std::string_view name = parts[0];
    using K = ResizeKernel::Kind;
    if (parts.size() == 1) {
        if (name == "point") return {K::point};
        if (name == "bilinear") return {K::bilinear};
        if (name == "bicubic" || name == "catrom") return {K::bicubic, 0, 0.5};
        if (name == "hermite") return {K::bicubic, 0, 0};
        if (name == "mitchell") return {K::bicubic, 1.0 / 3, 1.0 / 3};
        if (name == "lanczos") return {K::lanczos, 0, 0, 3};
        if (name == "spline16") return {K::spline16};
        if (name == "spline36") return {K::spline36};
        if (name == "spline64") return {K::spline64};
    } else if (name == "bicubic" && parts.size() == 3) {
        const double b = number_or_throw(parts[1], spec), c = number_or_throw(parts[2], spec);
        if (!(std::fabs(b) <= 16 && std::fabs(c) <= 16))
            throw UserError("bicubic b and c must be from -16 to 16 (kernel '" + std::string(spec) + "')");
        return {K::bicubic, b, c};
    } else if (name == "lanczos" && parts.size() == 2) {
        const double taps = number_or_throw(parts[1], spec);
        if (taps < 1 || taps > 64 || taps != int(taps))
            throw UserError("lanczos taps must be an integer from 1 to 64 (kernel '" + std::string(spec) + "')");
        return {K::lanczos, 0, 0, int(taps)};
    }
    throw UserError("unknown kernel '" + std::string(spec) +
                    "' (expected point, bilinear, bicubic, catrom, hermite, mitchell, bicubic:B:C, lanczos, lanczos:TAPS, spline16, spline36 or spline64)");
}

}  // namespace rigor::regress
