#include "filters/regress/resize_kernel.hpp"

#include <charconv>
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
    }
    return s.str();
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
    } else if (name == "bicubic" && parts.size() == 3) {
        return {K::bicubic, number_or_throw(parts[1], spec), number_or_throw(parts[2], spec)};
    } else if (name == "lanczos" && parts.size() == 2) {
        const double taps = number_or_throw(parts[1], spec);
        if (taps < 1 || taps > 64 || taps != int(taps))
            throw UserError("lanczos taps must be an integer from 1 to 64 (kernel '" + std::string(spec) + "')");
        return {K::lanczos, 0, 0, int(taps)};
    }
    throw UserError("unknown kernel '" + std::string(spec) +
                    "' (expected point, bilinear, bicubic, catrom, hermite, mitchell, bicubic:B:C, lanczos or lanczos:TAPS)");
}

}  // namespace rigor::regress
