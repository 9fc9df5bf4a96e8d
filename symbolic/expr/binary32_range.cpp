#include "symbolic/expr/binary32_range.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/expr/scalar.hpp"

namespace rigor::symbolic::expr {

using rigor::expr::FunctionAccuracy;
using rigor::expr::Node;
using rigor::expr::Op;
using rigor::expr::SliceAccuracy;

namespace {

constexpr float kInf = INFINITY;
using Range = Binary32Range;

namespace trig_bounds {
constexpr float kPi = 0x1.921fb6p+1f, kHalfPi = 0x1.921fb6p+0f;  // the binary32 nearest pi and pi/2 (above both)
constexpr double kTwoOverPi = 0.636619772367581343;  // tan's reduction test |x 2/pi| < 2^22, with room
constexpr double kReducible = 4194304.0 * (1 - 0x1p-20);
}  // namespace trig_bounds

Range none() { return {1, 0, false}; }
Range only_nan() { return {1, 0, true}; }
Range with_nan(Range r, bool nan) {
    r.nan = r.nan || nan;
    return r;
}
Range values(float lo, float hi, bool nan) {
    if (std::isnan(lo)) lo = -kInf;  // an end computed from inf - inf etc.: widen
    if (std::isnan(hi)) hi = kInf;
    return {lo, hi, nan};
}

// The slices of the arguments in [lo, hi] (values, ±inf included); -0 with +0.
template <class F>
void for_each_slice(const Range& a, F visit) {
    if (!a.has_values()) return;
    constexpr std::uint32_t kNegative = 0x800;  // slice of -x = this + slice of x
    auto positive = [](float v) { return v > 0 ? v : 0.0f; };  // +0 for -0 and below
    if (a.hi >= 0)
        for (std::uint32_t s = FunctionAccuracy::slice(positive(a.lo)); s <= FunctionAccuracy::slice(positive(a.hi)); ++s) visit(s);
    if (a.lo < 0)
        for (std::uint32_t s = FunctionAccuracy::slice(positive(-a.hi)); s <= FunctionAccuracy::slice(-a.lo); ++s)
            visit(kNegative + s);
    if (a.lo <= 0 && a.hi >= 0) visit(kNegative);  // -0
}

const SliceAccuracy* table_of(Op f, const FunctionAccuracy& t) {
    switch (f) {
        case Op::Exp: return t.exp;
        case Op::Log: return t.log;
        case Op::Sin: return t.sin;
        case Op::Cos: return t.cos;
        case Op::Tan: return t.tan;
        case Op::Asin: return t.asin;
        case Op::Acos: return t.acos;
        case Op::Atan: return t.atan;
        default: throw InternalError("function accuracy of a function the engine computes exactly");
    }
}

struct TableBound {
    double error = 0;
    std::uint8_t flags = 0;
};
TableBound table_bound(Op f, const Range& a, double max_f, const FunctionAccuracy& accuracy) {
    const SliceAccuracy* table = table_of(f, accuracy);
    TableBound b;
    for_each_slice(a, [&](std::uint32_t s) {
        // The slices of ±inf hold only ±inf and NaN patterns: a NaN there is a NaN
        // argument's (a.nan says whether there is one); tabled() runs the infinities (and -0).
        if (s == 0x7f8 || s == 0xff8) return;
        // A set from 0 up holds -0 but none of the negative subnormals beside it in its slice.
        if (s == 0x800 && a.lo == 0) return;
        const SliceAccuracy& e = table[s];
        b.flags |= e.flags;
        const double rel = double(e.rel_error) * max_f;  // inf * 0 is NaN: take abs then
        b.error = std::max(b.error, std::isnan(rel) ? double(e.abs_error) : std::min(double(e.abs_error), rel));
    });
    return b;
}

OutwardInterval real_function(Op f, const OutwardInterval& x) {
    switch (f) {
        case Op::Exp: return exp_of(x);
        case Op::Log: return log_of(x);
        case Op::Sin: return sin_of(x);
        case Op::Tan: return tan_of(x);
        case Op::Asin: return asin_of(x);
        case Op::Acos: return acos_of(x);
        case Op::Atan: return atan_of(x);
        default: return cos_of(x);
    }
}

// exp, log, sin, cos over a set: the real range widened by the certified error.
Range tabled(Op f, const Range& a, const rigor::expr::EngineProbe& engine) {
    if (!a.has_values()) return only_nan();
    const OutwardInterval real = real_function(f, a.as_reals());
    const TableBound b = table_bound(f, a, real.is_empty() ? 0.0 : real.magnitude(), *engine.accuracy);
    Range r = none();
    if (!real.is_empty()) {
        const OutwardInterval wide = real + OutwardInterval{-b.error, b.error};
        r = values(float_down(wide.lo), float_up(wide.hi), false);
    }
    if (b.flags & SliceAccuracy::kMayBePlusInf) r = r.has_values() ? Range{r.lo, kInf, r.nan} : Range{kInf, kInf, r.nan};
    if (b.flags & SliceAccuracy::kMayBeMinusInf) r = r.has_values() ? Range{-kInf, r.hi, r.nan} : Range{-kInf, -kInf, r.nan};
    // vmath::exp is never negative (er > 0 scaled by a power of two, or the 0 and inf it selects).
    if (f == Op::Exp && r.has_values()) r.lo = std::max(r.lo, 0.0f), r.hi = std::max(r.hi, 0.0f);
    // An infinite argument: the engine's own value there (exp(-inf) = 0 makes pow(0, b > 0) = 0).
    for (float end : {a.lo, a.hi})
        if (std::isinf(end)) r = hull(r, Range::point(engine.function(f, end, 0)));
    if (a.lo == 0) r = hull(r, Range::point(engine.function(f, -0.0f, 0)));  // -0, skipped above
    return with_nan(r, a.nan || (b.flags & SliceAccuracy::kMayBeNaN));
}

bool contains_zero(const Range& a) { return a.has_values() && a.lo <= 0 && a.hi >= 0; }
bool has_inf(const Range& a) { return a.may_be_infinite(); }

Range add(const Range& a, const Range& b) {
    const bool nan = a.nan || b.nan || (a.has_values() && b.has_values() &&
                                        ((a.hi == kInf && b.lo == -kInf) || (a.lo == -kInf && b.hi == kInf)));
    if (!a.has_values() || !b.has_values()) return with_nan(none(), a.nan || b.nan);
    return values(a.lo + b.lo, a.hi + b.hi, nan);
}
Range negate(const Range& a) { return {-a.hi, -a.lo, a.nan}; }

Range mul(const Range& a, const Range& b) {
    if (!a.has_values() || !b.has_values()) return with_nan(none(), a.nan || b.nan);
    const bool nan = a.nan || b.nan || (contains_zero(a) && has_inf(b)) || (contains_zero(b) && has_inf(a));
    float lo = kInf, hi = -kInf;
    for (float x : {a.lo, a.hi})
        for (float y : {b.lo, b.hi}) {
            const float p = x * y;
            if (std::isnan(p)) {
                // 0 * inf: NaN there, but the finite values next to the infinite end times
                // that 0 give ±0 (a = [-inf, inf] times b = [0, 0] is {0, NaN}, not NaN
                // alone), unless the infinite side holds nothing but that infinity.
                const Range& inf_side = std::isinf(x) ? a : b;
                if (inf_side.lo != inf_side.hi) lo = std::min(lo, 0.0f), hi = std::max(hi, 0.0f);
                continue;
            }
            lo = std::min(lo, p), hi = std::max(hi, p);
        }
    if (lo > hi) return with_nan(none(), true);
    return {lo, hi, nan};
}

Range div(const Range& a, const Range& b) {
    if (!a.has_values() || !b.has_values()) return with_nan(none(), a.nan || b.nan);
    const bool nan = a.nan || b.nan || (has_inf(a) && has_inf(b));
    if (contains_zero(b)) return {-kInf, kInf, nan || contains_zero(a)};
    float lo = kInf, hi = -kInf;
    for (float x : {a.lo, a.hi})
        for (float y : {b.lo, b.hi}) {
            const float q = x / y;
            if (std::isnan(q)) continue;  // inf / inf
            lo = std::min(lo, q), hi = std::max(hi, q);
        }
    if (lo > hi) return {-kInf, kInf, true};
    return {lo, hi, nan};
}

// fmodf: exact, |r| < |b|, |r| <= |a|, the sign of the dividend.
Range mod(const Range& a, const Range& b, int grid_a, int grid_b) {
    if (!a.has_values() || !b.has_values()) return with_nan(none(), a.nan || b.nan);
    const bool nan = a.nan || b.nan || contains_zero(b) || has_inf(a);
    const float m = std::max(std::fabs(b.lo), std::fabs(b.hi));
    const bool integers = grid_a >= 0 && grid_b >= 0;
    const float below_m = std::isinf(m) ? kInf : integers ? m - 1 : std::nextafter(m, 0.0f);
    // One divisor, integers, one quotient over the whole range: a shift.
    if (integers && b.lo == b.hi && std::isfinite(a.lo) && std::isfinite(a.hi) && m != 0 && std::fabs(a.lo) < 0x1p53f &&
        std::fabs(a.hi) < 0x1p53f) {
        const std::int64_t d = std::int64_t(m), l = std::int64_t(a.lo), h = std::int64_t(a.hi);
        if (l / d == h / d && (l >= 0 || h <= 0)) return {float(l - (l / d) * d), float(h - (h / d) * d), nan};
    }
    Range r{0, 0, nan};
    if (a.lo < 0) r.lo = std::max(a.lo, -below_m);
    if (a.hi > 0) r.hi = std::min(a.hi, below_m);
    if (a.lo > 0 || a.hi < 0) {  // the dividend keeps its sign; 0 only when b divides it
        if (a.lo > 0) r.lo = 0;
        if (a.hi < 0) r.hi = 0;
    }
    return r;
}

Range minimum(const Range& a, const Range& b) {  // a < b ? a : b
    Range r = a.has_values() && b.has_values() ? Range{std::min(a.lo, b.lo), std::min(a.hi, b.hi), b.nan}
                                                : with_nan(none(), b.nan);
    if (a.nan) r = hull(r, b);  // NaN a: the result is b
    return r;
}
Range maximum(const Range& a, const Range& b) {  // a > b ? a : b
    Range r = a.has_values() && b.has_values() ? Range{std::max(a.lo, b.lo), std::max(a.hi, b.hi), b.nan}
                                                : with_nan(none(), b.nan);
    if (a.nan) r = hull(r, b);
    return r;
}

template <class F>
Range monotone(const Range& a, F f) {
    if (!a.has_values()) return a;
    return {f(a.lo), f(a.hi), a.nan};
}

Range truth_range(Truth t) { return t == Truth::True ? Range::point(1) : t == Truth::False ? Range::point(0) : Range::between(0, 1); }
Truth both(Truth a, Truth b, bool all) {  // and (all) / or
    if (all) return a == Truth::True && b == Truth::True ? Truth::True : (a == Truth::False || b == Truth::False) ? Truth::False : Truth::Either;
    return a == Truth::True || b == Truth::True ? Truth::True : (a == Truth::False && b == Truth::False) ? Truth::False : Truth::Either;
}

Truth compare(Op op, const Range& a, const Range& b) {
    if (!a.has_values() || !b.has_values()) return Truth::False;  // NaN compares false
    const bool nan = a.nan || b.nan;
    auto decided = [&](bool surely_true, bool surely_false) {
        if (surely_true && !nan) return Truth::True;
        return surely_false ? Truth::False : Truth::Either;
    };
    switch (op) {
        case Op::Gt: return decided(a.lo > b.hi, a.hi <= b.lo);
        case Op::Lt: return decided(a.hi < b.lo, a.lo >= b.hi);
        case Op::Ge: return decided(a.lo >= b.hi, a.hi < b.lo);
        case Op::Le: return decided(a.hi <= b.lo, a.lo > b.hi);
        default: return decided(a.lo == a.hi && b.lo == b.hi && a.lo == b.lo, a.hi < b.lo || b.hi < a.lo);
    }
}

// Bit-operation operands as int32 ranges (round half to even, saturate, NaN -> 0).
struct IntRange {
    std::int64_t lo, hi;
};
IntRange int_range(const Range& a) {
    IntRange r{a.has_values() ? rigor::expr::to_int32(a.lo) : 0, a.has_values() ? rigor::expr::to_int32(a.hi) : 0};
    if (a.nan) r = {std::min<std::int64_t>(r.lo, 0), std::max<std::int64_t>(r.hi, 0)};
    return r;
}
Range bits(const Node& n, std::span<const Range> args) {
    constexpr std::int64_t kMin = INT32_MIN, kMax = INT32_MAX;
    auto as_float = [](std::int64_t lo, std::int64_t hi) { return Range{float(lo), float(hi), false}; };
    const IntRange a = int_range(args[0]);
    if (n.op == Op::BitNot) return as_float(~a.hi, ~a.lo);
    const IntRange b = int_range(args[1]);
    if (a.lo < 0 || b.lo < 0) return as_float(kMin, kMax);
    if (n.op == Op::BitAnd) return as_float(0, std::min(a.hi, b.hi));
    std::int64_t all = 1;
    while (all <= std::max(a.hi, b.hi)) all <<= 1;
    return as_float(0, std::min(all - 1, kMax));
}

Range order_statistic(const Node& n, std::span<const Range> args) {
    if (n.op != Op::SortedNth) return Range::between(0, float(args.size() - 1));
    bool nan = false;
    Range all = none();
    std::vector<float> los, his;
    for (const Range& a : args) {
        nan = nan || a.nan || !a.has_values();
        all = hull(all, a);
        if (a.has_values()) los.push_back(a.lo), his.push_back(a.hi);
    }
    if (nan) return with_nan(all, true);  // the order is unspecified: any argument
    std::sort(los.begin(), los.end());
    std::sort(his.begin(), his.end());
    return {los[std::size_t(n.rank)], his[std::size_t(n.rank)], false};
}

// What an exponent set holds, as vector_math.hpp's pow tells exponents apart: integers
// (trunc(b) == b: ±inf too), odd integers (below 2^24: every binary32 from 2^24 up is
// even), non-integers (only below 2^23: every binary32 from 2^23 up is an integer; for
// lo < hi below that, lo or the float after it is one, its ulp being at most 1/2).
struct ExponentKinds {
    bool integer = false, odd = false, fraction = false;
};
ExponentKinds exponent_kinds(const Range& b) {
    if (!b.has_values()) return {};
    const double lo = b.lo, hi = b.hi, first = std::ceil(lo), last = std::floor(hi);
    const double odd_lo = std::max(first, -16777215.0), odd_hi = std::min(last, 16777215.0);
    return {first <= last, odd_lo <= odd_hi && (std::fmod(odd_lo, 2) != 0 || odd_lo < odd_hi),
            lo == hi ? std::trunc(lo) != lo : lo < 8388608.0 && hi > -8388608.0};
}

// pow as vector_math.hpp computes it: exp(b · log|a|), then the signs and special cases.
// Only an odd integer b gives negatives (the sign of a, -0 too); a finite a < 0 with a
// non-integer b is NaN, so where b holds no integer such bases give no number at all,
// and the numbers come from a in [-0, +inf] and from -inf (exp(b · log inf)).  The
// selects b = 2, 1, 0.5 (a·a, a, sqrt) are correctly rounded values of the same real
// a^b, within the set's widened ends.
Range power(const Range& a, const Range& b, const rigor::expr::EngineProbe& engine) {
    const ExponentKinds k = exponent_kinds(b);
    Range magnitude = a;
    if (a.has_values() && !k.integer) {
        magnitude = a.hi >= 0 ? Range{std::max(a.lo, 0.0f), a.hi, a.nan} : with_nan(none(), a.nan);
        if (a.lo == -kInf) magnitude = hull(magnitude, Range::point(kInf));
    } else if (a.has_values()) {
        magnitude = with_nan(a.lo >= 0 ? a : a.hi <= 0 ? negate(a) : Range{0, std::max(-a.lo, a.hi), false}, a.nan);
    }
    const Range r = tabled(Op::Exp, mul(b, tabled(Op::Log, magnitude, engine)), engine);
    Range out = r;
    // Odd powers of negatives, (-0)^odd; all of them negative for one odd b and a < 0.
    if (k.odd && a.hi < 0 && b.lo == b.hi) out = negate(r);
    else if (k.odd && (a.lo < 0 || contains_zero(a))) out = hull(r, negate(r));
    if (a.has_values() && a.lo < 0 && a.hi > -kInf && k.fraction) out.nan = true;  // a finite a < 0
    if (contains_zero(b) || a.contains(1)) out = hull(out, Range::point(1));
    if (a.contains(-1) && (b.lo == -kInf || b.hi == kInf)) out = hull(out, Range::point(1));  // pow(-1, ±inf)
    return out;
}

// Both sets hold every value the engine gives: so does their intersection.
Range intersect(const Range& a, const Range& b) {
    if (!a.has_values() || !b.has_values()) return with_nan(none(), a.nan && b.nan);
    const Range r{std::max(a.lo, b.lo), std::min(a.hi, b.hi), a.nan && b.nan};
    return r.has_values() ? r : with_nan(none(), r.nan);
}

// tan, asin, acos, atan, atan2 as vector_math_trig.hpp computes them: the sets the
// formulas guarantee whatever their rounding (the accuracy table, where there is one,
// narrows the first four):
// atan and asin keep the sign of x and stay within the binary32 pi/2 (pi/2 + (lo + y)
// with y <= 0 at the top), acos in [0, pi], atan2 in [-pi, pi] with the sign of y (within
// pi/2 for x > 0); asin/acos are NaN beyond [-1, 1], tan anything (NaN beyond its
// reduction limit, and for ±inf).
Range inverse_trig(Op op, std::span<const Range> args) {
    using namespace trig_bounds;
    const Range& x = args[0];
    if (!x.has_values()) return only_nan();
    if (op == Op::Tan) {
        const bool beyond = std::fabs(double(x.lo)) * kTwoOverPi >= kReducible || std::fabs(double(x.hi)) * kTwoOverPi >= kReducible;
        return {-kInf, kInf, x.nan || beyond};
    }
    if (op == Op::Atan2) {
        const Range& b = args[1];
        if (!b.has_values()) return only_nan();
        const float top = b.lo > 0 ? kHalfPi : kPi;
        return {x.lo > 0 ? 0.0f : -top, x.hi < 0 ? -0.0f : top, x.nan || b.nan};
    }
    if (op == Op::Atan) return {x.lo >= 0 ? 0.0f : -kHalfPi, x.hi <= 0 ? -0.0f : kHalfPi, x.nan};
    const bool outside = x.lo < -1 || x.hi > 1;
    if (x.hi < -1 || x.lo > 1) return only_nan();
    if (op == Op::Acos) return {0.0f, kPi, x.nan || outside};
    return {x.lo >= 0 ? 0.0f : -kHalfPi, x.hi <= 0 ? -0.0f : kHalfPi, x.nan || outside};
}

}  // namespace

Binary32Range hull(const Binary32Range& a, const Binary32Range& b) {
    if (!a.has_values()) return with_nan(b, a.nan);
    if (!b.has_values()) return with_nan(a, b.nan);
    return {std::min(a.lo, b.lo), std::max(a.hi, b.hi), a.nan || b.nan};
}

Truth truth(const Binary32Range& a) {
    if (!a.has_values() || a.hi <= 0) return Truth::False;
    return a.lo > 0 && !a.nan ? Truth::True : Truth::Either;
}

float float_down(double v) {
    if (std::isnan(v)) return -kInf;
    float f = float(v);
    if (double(f) > v) f = std::nextafter(f, -kInf);
    return f;
}
float float_up(double v) {
    if (std::isnan(v)) return kInf;
    float f = float(v);
    if (double(f) < v) f = std::nextafter(f, kInf);
    return f;
}

double function_error(Op f, const Binary32Range& args, double max_f, const FunctionAccuracy& accuracy) {
    if (!table_of(f, accuracy)) return INFINITY;  // an evaluator that states no bound for f
    return table_bound(f, args, max_f, accuracy).error;
}

Binary32Range binary32_range(const Node& n, std::span<const Binary32Range> args, std::span<const int> grids,
                             const rigor::expr::EngineProbe& engine) {
    // Points: the engine's own value.
    if (std::all_of(args.begin(), args.end(), [](const Range& a) { return a.is_point(); })) {
        std::array<float, 3> small{};
        std::vector<float> many;
        float* v = small.data();
        if (args.size() > small.size()) many.resize(args.size()), v = many.data();
        for (std::size_t i = 0; i < args.size(); ++i) v[i] = args[i].value();
        switch (n.op) {
            case Op::Exp:
            case Op::Log:
            case Op::Sin:
            case Op::Cos: return Range::point(engine.function(n.op, v[0], 0));
            case Op::Pow:
            case Op::Atan2: return Range::point(engine.function(n.op, v[0], v[1]));
            case Op::Tan:
            case Op::Asin:
            case Op::Acos:
            case Op::Atan: return Range::point(engine.function(n.op, v[0], 0));
            default: return Range::point(rigor::expr::apply_scalar(n, std::span<const float>(v, args.size())));
        }
    }
    auto a = [&](std::size_t i) -> const Range& { return args[i]; };
    switch (n.op) {
        case Op::Add: return add(a(0), a(1));
        case Op::Sub: return add(a(0), negate(a(1)));
        case Op::Mul: return mul(a(0), a(1));
        case Op::Div: return div(a(0), a(1));
        case Op::Mod: return mod(a(0), a(1), grids[0], grids[1]);
        case Op::Pow: return power(a(0), a(1), engine);
        case Op::Max: return maximum(a(0), a(1));
        case Op::Min: return minimum(a(0), a(1));
        case Op::Clamp: return maximum(minimum(a(0), a(2)), a(1));
        case Op::Abs: {
            const Range& x = a(0);
            if (!x.has_values() || x.lo >= 0) return x;
            return x.hi <= 0 ? negate(x) : Range{0, std::max(-x.lo, x.hi), x.nan};
        }
        case Op::Sqrt: {  // a > 0 ? sqrt(a) : 0
            const Range& x = a(0);
            if (!x.has_values() || x.hi <= 0) return Range::point(0);
            return {x.lo > 0 && !x.nan ? std::sqrt(x.lo) : 0.0f, std::sqrt(x.hi), false};
        }
        case Op::Exp:
        case Op::Log:
        case Op::Sin:
        case Op::Cos: return tabled(n.op, a(0), engine);
        case Op::Tan:
        case Op::Asin:
        case Op::Acos:
        case Op::Atan: {
            const Range bounds = inverse_trig(n.op, args);
            if (!table_of(n.op, *engine.accuracy)) return bounds;
            return intersect(bounds, tabled(n.op, a(0), engine));
        }
        case Op::Atan2: return inverse_trig(n.op, args);
        case Op::Trunc: return monotone(a(0), [](float x) { return std::trunc(x); });
        case Op::Round: return monotone(a(0), [](float x) { return rigor::expr::round_half_even(x); });
        case Op::Floor: return monotone(a(0), [](float x) { return std::floor(x); });
        case Op::Gt:
        case Op::Lt:
        case Op::Ge:
        case Op::Le:
        case Op::Eq: return truth_range(compare(n.op, a(0), a(1)));
        case Op::And: return truth_range(both(truth(a(0)), truth(a(1)), true));
        case Op::Or: return truth_range(both(truth(a(0)), truth(a(1)), false));
        case Op::Xor: {
            const Truth x = truth(a(0)), y = truth(a(1));
            if (x == Truth::Either || y == Truth::Either) return truth_range(Truth::Either);
            return truth_range(x != y ? Truth::True : Truth::False);
        }
        case Op::Not: {  // a <= 0: NaN gives 0
            const Range& x = a(0);
            if (!x.has_values() || x.lo > 0) return Range::point(0);
            return x.hi <= 0 && !x.nan ? Range::point(1) : Range::between(0, 1);
        }
        case Op::BitAnd:
        case Op::BitOr:
        case Op::BitXor:
        case Op::BitNot: return bits(n, args);
        case Op::Select: {
            const Truth c = truth(a(0));
            return c == Truth::True ? a(1) : c == Truth::False ? a(2) : hull(a(1), a(2));
        }
        case Op::SortedNth:
        case Op::ArgMin:
        case Op::ArgMax:
        case Op::ArgSortNth: return order_statistic(n, args);
        default: throw InternalError("binary32 range of a leaf");
    }
}

}  // namespace rigor::symbolic::expr
