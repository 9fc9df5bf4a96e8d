// The scan behind the accuracy table (function_accuracy.hpp says what it relies on).
#include <bit>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/expr/function_accuracy.hpp"
#include "pixel/expr/math_kernels.hpp"

namespace rigor::pixel::expr {

namespace {

using rigor::expr::Op;
using rigor::expr::SliceAccuracy;

MathKernels::Unary kernel_of(Op op) {
    const MathKernels& k = math_kernels();
    switch (op) {
        case Op::Exp: return k.exp;
        case Op::Log: return k.log;
        case Op::Sin: return k.sin;
        case Op::Cos: return k.cos;
        case Op::Tan: return k.tan;
        case Op::Asin: return k.asin;
        case Op::Acos: return k.acos;
        case Op::Atan: return k.atan;
        default: throw InternalError("function accuracy: not an approximated function");
    }
}

double reference(Op op, double x) {
    switch (op) {
        case Op::Exp: return std::exp(x);
        case Op::Log: return std::log(x);
        case Op::Sin: return std::sin(x);
        case Op::Tan: return std::tan(x);
        case Op::Asin: return std::asin(x);
        case Op::Acos: return std::acos(x);
        case Op::Atan: return std::atan(x);
        default: return std::cos(x);
    }
}

// The smallest binary32 >= d.
float float_up(double d) {
    float f = float(d);
    if (double(f) < d) f = std::nextafter(f, std::numeric_limits<float>::infinity());
    return f;
}

constexpr double kUlp = 0x1p-52;          // a double ulp, relative
constexpr double kMargin = 4 * kUlp;      // glibc's error (<= 1 ulp) with room to spare
constexpr double kTiny = 0x1p-1070;       // absolute floor of the margin (subnormal refs)

}  // namespace

SliceAccuracy scan_slice(Op op, std::uint32_t slice, std::uint32_t stride) {
    if (slice >= std::uint32_t(rigor::expr::FunctionAccuracy::kSlices) || stride == 0)
        throw InternalError("function accuracy: slice or stride out of range");
    const std::uint32_t count = (std::uint32_t(1) << rigor::expr::FunctionAccuracy::kSliceShift) / stride;
    std::vector<float> x(count), r(count);
    for (std::uint32_t k = 0; k < count; ++k)
        x[k] = std::bit_cast<float>((slice << rigor::expr::FunctionAccuracy::kSliceShift) + k * stride);
    kernel_of(op)(x.data(), r.data(), long(count));
    const bool periodic = op == Op::Sin || op == Op::Cos;
    double abs_error = 0, rel_error = 0;
    SliceAccuracy out;
    for (std::uint32_t k = 0; k < count; ++k) {
        const float a = x[k], v = r[k];
        if (std::isnan(v)) out.flags |= SliceAccuracy::kMayBeNaN;
        if (std::isinf(v)) out.flags |= v > 0 ? SliceAccuracy::kMayBePlusInf : SliceAccuracy::kMayBeMinusInf;
        if (!std::isfinite(a) || !std::isfinite(v)) continue;
        if (periodic && std::fabs(a) >= 0x1p24f) {  // |f| <= 1 there: no reference needed
            abs_error = std::max(abs_error, double(std::fabs(v)) + 1);
            rel_error = std::numeric_limits<double>::infinity();
            continue;
        }
        const double ref = reference(op, double(a));
        if (!std::isfinite(ref)) continue;  // log of a negative: NaN on both sides (flagged above)
        if (ref == 0 && v == 0) continue;   // an exact zero (sin 0, log 1)
        const double margin = kMargin * std::fabs(ref) + kTiny;
        // |v − ref| as computed is within a double rounding of the true difference.
        const double diff = std::fabs(double(v) - ref) * (1 + kUlp) + margin;
        abs_error = std::max(abs_error, diff);
        if (ref != 0) rel_error = std::max(rel_error, diff / (std::fabs(ref) * (1 - kMargin)));
        else rel_error = std::numeric_limits<double>::infinity();
    }
    out.abs_error = float_up(abs_error);
    out.rel_error = float_up(rel_error);
    return out;
}

namespace {

std::uint64_t fingerprint_of(std::initializer_list<Op> ops) {
    constexpr std::uint32_t kArguments = 1u << 18;
    std::vector<float> x(kArguments), r(kArguments);
    for (std::uint32_t i = 0; i < kArguments; ++i) x[i] = std::bit_cast<float>((i << 14) | 0x2a5u);
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
    for (Op op : ops) {
        kernel_of(op)(x.data(), r.data(), long(kArguments));
        for (float v : r) {
            std::uint32_t bits = std::bit_cast<std::uint32_t>(v);
            for (int b = 0; b < 4; ++b) h = (h ^ ((bits >> (8 * b)) & 0xffu)) * 1099511628211ull;
        }
    }
    return h;
}

}  // namespace

std::uint64_t fingerprint() { return fingerprint_of({Op::Exp, Op::Log, Op::Sin, Op::Cos}); }
std::uint64_t trig_fingerprint() { return fingerprint_of({Op::Tan, Op::Asin, Op::Acos, Op::Atan}); }

}  // namespace rigor::pixel::expr
