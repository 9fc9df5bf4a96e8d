#include "filters/regress/params.hpp"

#include <cmath>

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
    throw UserError("unknown border mode '" + std::string(text) + "' (expected mirror, reflect or clamp)");
}

std::string_view to_string(WeightMethod method) {
    return method == WeightMethod::threshold ? "threshold" : "fisher";
}

std::string_view to_string(BorderMode mode) {
    switch (mode) {
        case BorderMode::mirror: return "mirror";
        case BorderMode::reflect: return "reflect";
        case BorderMode::clamp: return "clamp";
    }
    return "mirror";
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
