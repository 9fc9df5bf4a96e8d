#include "filters/regress/params.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "filters/base/error.hpp"

namespace rigor::regress {

WeightMethod parse_weight_method(std::string_view text) {
    if (text == "threshold") return WeightMethod::threshold;
    if (text == "fisher") return WeightMethod::fisher;
    throw UserError("unknown weight method '" + std::string(text) + "' (expected threshold or fisher)");
}

BorderMode parse_border_mode(std::string_view text) {
    if (text == "mirror") return BorderMode::mirror;
    if (text == "reflect") return BorderMode::reflect;
    if (text == "clamp") return BorderMode::clamp;
    if (text == "vszip") return BorderMode::vszip;
    throw UserError("unknown border mode '" + std::string(text) + "' (expected vszip, mirror, reflect or clamp)");
}

MeanMode parse_mean_mode(std::string_view text) {
    using K = MeanMode::Kind;
    if (text == "box" || text == "arithmetic") return {K::box, 3};
    if (text == "harmonic") return {K::lehmer, 0};
    if (text == "geometric") return {K::lehmer, 0.5};
    if (text == "contraharmonic") return {K::lehmer, 2};
    if (text == "lehmer") return {K::lehmer, 3};
    if (text.substr(0, 7) == "lehmer:") {
        const std::string number(text.substr(7));
        char* end = nullptr;
        const double p = std::strtod(number.c_str(), &end);
        if (number.empty() || *end != 0 || !std::isfinite(p))
            throw UserError("lehmer:P needs a finite exponent P (got '" + number + "')");
        return {K::lehmer, p};
    }
    if (text == "minimum") return {K::minimum, 3};
    if (text == "maximum") return {K::maximum, 3};
    if (text == "median") return {K::median, 3};
    throw UserError("unknown mean '" + std::string(text) +
                    "' (expected box, arithmetic, harmonic, geometric, contraharmonic, lehmer, lehmer:P, minimum, "
                    "maximum or median)");
}

std::string to_string(MeanMode mode) {
    switch (mode.kind) {
        case MeanMode::Kind::box: return "box";
        case MeanMode::Kind::lehmer: {
            std::ostringstream text;
            text.precision(17);
            text << "lehmer:" << mode.p;
            return text.str();
        }
        case MeanMode::Kind::minimum: return "minimum";
        case MeanMode::Kind::maximum: return "maximum";
        case MeanMode::Kind::median: return "median";
    }
    return "box";
}

std::string_view to_string(WeightMethod method) {
    return method == WeightMethod::threshold ? "threshold" : "fisher";
}

std::string_view to_string(BorderMode mode) {
    switch (mode) {
        case BorderMode::mirror: return "mirror";
        case BorderMode::reflect: return "reflect";
        case BorderMode::clamp: return "clamp";
        case BorderMode::vszip: return "vszip";
    }
    return "mirror";
}

std::string_view border_mode_choices() {
    static_assert(kDefaultBorder == BorderMode::vszip, "the help below names the default");
    return "vszip (default: the module's box blur; reflect at the top/left, past the bottom/right the "
           "sample at offset d from the centre is n-1-d), mirror (the edge repeats, Expr's :m), reflect (the "
           "edge does not repeat), clamp (the edge sample extends)";
}

void RegressParams::validate() const {
    if (radius <= 0) throw UserError("regression radius must be at least 1 (got " + std::to_string(radius) + ")");
    if (!(alpha > 0 && alpha <= 1))
        throw UserError("alpha must be in (0, 1] (got " + std::to_string(alpha) + ")");
    if (!std::isfinite(intercept) || intercept < 0)
        throw UserError("intercept must be 0 (none) or a positive divisor (got " + std::to_string(intercept) + ")");
    if (!std::isfinite(eps) || eps < 0) throw UserError("eps must be a finite number ≥ 0");
}

void ReconstructParams::validate() const {
    if (radius < 0) throw UserError("reconstruct radius must be at least 0 (got " + std::to_string(radius) + ")");
    if (!std::isfinite(eps) || eps < 0) throw UserError("eps must be a finite number ≥ 0");
}

}  // namespace rigor::regress
