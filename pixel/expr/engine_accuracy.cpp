// The engine's two accuracy tables as the one FunctionAccuracy the analysis reads.
#include "pixel/expr/function_accuracy.hpp"

namespace rigor::pixel::expr {

const rigor::expr::FunctionAccuracy& engine_accuracy() noexcept {
    static const rigor::expr::FunctionAccuracy merged = [] {
        rigor::expr::FunctionAccuracy a = function_accuracy();
        const rigor::expr::FunctionAccuracy& t = trig_accuracy();
        a.tan = t.tan, a.asin = t.asin, a.acos = t.acos, a.atan = t.atan;
        a.trig_fingerprint = t.trig_fingerprint;
        return a;
    }();
    return merged;
}

}  // namespace rigor::pixel::expr
