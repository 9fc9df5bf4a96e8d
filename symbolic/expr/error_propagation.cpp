// The e rules of binary32_enclosure.hpp: how the difference between the engine's value
// and the real model's value at one input grows through one operation.
#include <algorithm>
#include <array>
#include <cmath>

#include "symbolic/expr/binary32_enclosure.hpp"

namespace rigor::symbolic::expr {

using rigor::expr::Node;
using rigor::expr::Op;

namespace {

using Args = std::span<const NodeEnclosure* const>;

// Half the spacing of binary32 numbers at magnitude m (the most a rounding to nearest
// moves a result of magnitude <= m), m an upper bound.
double half_spacing(double m) {
    if (!(m < 0x1p128)) return INFINITY;
    if (m < 0x1p-126) return 0x1p-150;
    int e = 0;
    std::frexp(m, &e);  // m = f 2^e, f in [0.5, 1): the binade is 2^(e-1)
    return std::ldexp(1.0, e - 1 - 24);
}
OutwardInterval rounding(bool exact, double m) {
    if (exact || m == 0) return {0, 0};
    const double h = half_spacing(m * (1 + 0x1p-50));
    return {-h, h};
}
double magnitude(const Binary32Range& f) { return std::max(std::fabs(double(f.lo)), std::fabs(double(f.hi))); }
bool bounded(const NodeEnclosure& x) { return x.e_bounded; }
OutwardInterval symmetric(double m) { return {-m, m}; }

// The largest |exact result| of a rounded binary operation over the box.
double exact_magnitude(Op op, const Binary32Range& x, const Binary32Range& y) {
    double m = 0;
    for (double p : {double(x.lo), double(x.hi)})
        for (double q : {double(y.lo), double(y.hi)}) {
            const double r = op == Op::Add ? p + q : op == Op::Sub ? p - q : op == Op::Mul ? p * q : p / q;
            m = std::max(m, std::fabs(r));
        }
    return m;
}

// f'(ξ) for ξ between the real and the engine's argument.
bool derivative(Op op, const OutwardInterval& h, OutwardInterval& d) {
    switch (op) {
        case Op::Exp: d = exp_of(h); return d.bounded();
        case Op::Log:
            if (!(h.lo > 0)) return false;
            d = OutwardInterval{1, 1} / h;
            return d.bounded();
        case Op::Sin: d = cos_of(h); return true;
        case Op::Cos: d = -sin_of(h); return true;
        case Op::Tan: {  // 1 + tan², on one branch only
            const OutwardInterval t = tan_of(h);
            if (!t.bounded()) return false;
            d = OutwardInterval{1, 1} + abs_of(t) * abs_of(t);
            return d.bounded();
        }
        case Op::Atan: d = OutwardInterval{1, 1} / (OutwardInterval{1, 1} + abs_of(h) * abs_of(h)); return true;
        case Op::Asin:
        case Op::Acos: {  // ±1/√(1 − ξ²), inside (-1, 1) only
            const OutwardInterval rest = OutwardInterval{1, 1} - abs_of(h) * abs_of(h);
            if (!(rest.lo > 0)) return false;
            d = OutwardInterval{1, 1} / sqrt_of(rest);
            if (op == Op::Acos) d = -d;
            return d.bounded();
        }
        default: return false;
    }
}

// asin and acos where ξ may reach ±1 (the slope is unbounded there): both move by at
// most acos(1 − δ) when the argument moves by δ within [-1, 1] — their slope grows with
// |ξ|, so an interval of length δ gains the most at an end (the ½-Hölder bound, as for sqrt).
bool arc_hoelder(const OutwardInterval& h, const OutwardInterval& e_a, OutwardInterval& e) {
    if (!(h.lo >= -1 && h.hi <= 1)) return false;
    const double delta = std::min(2.0, e_a.magnitude());
    const OutwardInterval moved = acos_of(OutwardInterval{1, 1} - OutwardInterval::point(delta));
    if (moved.is_empty() || !moved.bounded()) return false;
    e = symmetric(moved.hi);
    return true;
}

OutwardInterval real_function(Op op, const OutwardInterval& x) {
    switch (op) {
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

// exp, log, sin, cos, tan, asin, acos, atan: f'(ξ)·e_a (or asin/acos's Hölder bound)
// plus the engine's certified error of f at a'.
bool function_rule(Op op, const NodeEnclosure& a, const rigor::expr::EngineProbe& engine, OutwardInterval& e) {
    if (!a.e_bounded || a.v_undefined || a.v.is_empty()) return false;
    const OutwardInterval h = hull(a.v, a.f.as_reals());
    OutwardInterval d, carried;
    if (derivative(op, h, d)) carried = d * a.e;
    else if (!((op == Op::Asin || op == Op::Acos) && arc_hoelder(h, a.e, carried))) return false;
    const OutwardInterval at_engine_argument = real_function(op, a.f.as_reals());
    if (at_engine_argument.is_empty() || !at_engine_argument.bounded()) return false;
    const double t = function_error(op, a.f, at_engine_argument.magnitude(), *engine.accuracy);
    if (!std::isfinite(t)) return false;
    e = carried + symmetric(t);
    return e.bounded();
}

// atan2(y, x) as vector_math_trig.hpp computes it, at the engine's arguments y', x':
// t = min(|y'|,|x'|) / max(|y'|,|x'|) rounded once (moving atan by at most as much, its
// slope <= 1), atan(t) within the atan table's bound, then pi/2 − r where |y'| > |x'| and
// pi − r where x' < 0, each added as hi + (lo − r): two roundings (results below 1 and 2,
// or below 2 and 4) and the constants' own error (pi − kPi − kPiLo = -3.4e-15, below 2^-47;
// half of it for pi/2).  Infinite when not bounded.
double atan2_function_error(const Binary32Range& y, const Binary32Range& x, const rigor::expr::FunctionAccuracy& accuracy) {
    if (!accuracy.atan || !y.finite() || !x.finite() || !y.has_values() || !x.has_values()) return INFINITY;
    const OutwardInterval A = abs_of(y.as_reals()), B = abs_of(x.as_reals());
    double t_hi = 1;  // t <= the smaller magnitude's largest over the larger's smallest
    if (A.hi < B.lo) t_hi = (OutwardInterval::point(A.hi) / OutwardInterval::point(B.lo)).hi;
    else if (B.hi < A.lo) t_hi = (OutwardInterval::point(B.hi) / OutwardInterval::point(A.lo)).hi;
    t_hi = std::min(t_hi, 1.0);
    const double division = t_hi < 1 || A.hi != B.lo ? half_spacing(t_hi) : 0;
    const float t_engine = float_up(std::min(1.0, t_hi + division));
    const double atan_error = function_error(Op::Atan, Binary32Range::between(0, t_engine), t_engine, accuracy);
    double error = division + atan_error;
    if (A.hi > B.lo) error += 0x1p-25 + 0x1p-24 + 0x1p-48;  // |y'| > |x'| possible
    if (x.lo <= 0) error += 0x1p-24 + 0x1p-23 + 0x1p-47;    // the left half plane possible (x' = -0 too)
    return error * (1 + 0x1p-40);
}

// atan2: ∇atan2(ξ)·(e_y, e_x) = (x e_y − y e_x)/(x² + y²) at ξ between the real and the
// engine's arguments, where that segment avoids the origin and the cut (x <= 0, y = 0),
// plus the engine's error at its own arguments.
bool atan2_rule(const NodeEnclosure& y, const NodeEnclosure& x, const rigor::expr::EngineProbe& engine, OutwardInterval& e) {
    if (!y.e_bounded || !x.e_bounded || y.v_undefined || x.v_undefined || y.v.is_empty() || x.v.is_empty()) return false;
    const OutwardInterval Y = hull(y.v, y.f.as_reals()), X = hull(x.v, x.f.as_reals());
    if (!(X.lo > 0 || Y.lo > 0 || Y.hi < 0)) return false;
    const OutwardInterval r2 = abs_of(X) * abs_of(X) + abs_of(Y) * abs_of(Y);
    if (!(r2.lo > 0)) return false;
    const double t = atan2_function_error(y.f, x.f, *engine.accuracy);
    if (!std::isfinite(t)) return false;
    e = (X / r2) * y.e - (Y / r2) * x.e + symmetric(t);
    return e.bounded();
}

bool product_rule(const NodeEnclosure& a, const NodeEnclosure& b, const OutwardInterval& r, OutwardInterval& e) {
    // a'b' − ab = a'·e_b + b·e_a = a·e_b + b'·e_a
    const OutwardInterval one = a.f.as_reals() * b.e + b.v * a.e, two = a.v * b.e + b.f.as_reals() * a.e;
    e = intersect(one, two) + r;
    return e.bounded();
}

// A value node made of parts, for the steps of pow.
NodeEnclosure part(const Binary32Range& f, const OutwardInterval& v, const OutwardInterval& e) {
    NodeEnclosure x;
    x.f = f, x.v = v, x.e = e, x.e_bounded = f.finite() && e.bounded();
    return x;
}

// pow(a, b) = exp(b · log|a|) as vector_math.hpp computes it, step by step.
bool power_rule(const NodeEnclosure& a, const NodeEnclosure& b, const rigor::expr::EngineProbe& engine,
                OutwardInterval& e) {
    if (!a.e_bounded || !b.e_bounded || a.v_undefined || b.v_undefined) return false;
    const bool integer = b.v.is_point() && b.exact() && std::trunc(b.v.lo) == b.v.lo;
    double sign = 1;
    NodeEnclosure base = a;
    if (a.f.hi < 0 && a.v.hi < 0 && integer) {  // (-|a|)^n = ±|a|^n on both sides
        base = part({-a.f.hi, -a.f.lo, false}, -a.v, -a.e);
        sign = std::fmod(b.v.lo, 2) == 0 ? 1 : -1;
    } else if (!(a.f.lo > 0 && a.v.lo > 0)) {
        return false;
    }
    auto step = [&](Op op, std::span<const Binary32Range> args) {
        Node n;
        n.op = op;
        return binary32_range(n, args, std::array<int, 2>{kNoGrid, kNoGrid}, engine);
    };
    const Binary32Range log_f = step(Op::Log, std::array<Binary32Range, 1>{base.f});
    OutwardInterval log_e;
    if (!function_rule(Op::Log, base, engine, log_e)) return false;
    const NodeEnclosure log_a = part(log_f, log_of(base.v), log_e);
    const Binary32Range mul_f = step(Op::Mul, std::array<Binary32Range, 2>{b.f, log_a.f});
    if (!mul_f.finite()) return false;
    OutwardInterval mul_e;
    if (!product_rule(b, log_a, rounding(false, exact_magnitude(Op::Mul, b.f, log_a.f)), mul_e)) return false;
    const NodeEnclosure p = part(mul_f, b.v * log_a.v, mul_e);
    OutwardInterval exp_e;
    if (!function_rule(Op::Exp, p, engine, exp_e)) return false;
    e = sign < 0 ? -exp_e : exp_e;
    // b = 0 or a = 1: the engine returns 1 exactly, as a^0 = 1^b = 1.
    if (b.f.contains(0) || a.f.contains(1)) e = hull(e, {0, 0});
    return true;
}

bool rule(const Node& n, Args a, const NodeEnclosure& out, bool exact, const rigor::expr::EngineProbe& engine,
          OutwardInterval& e) {
    auto all_bounded = [&] { return std::all_of(a.begin(), a.end(), [](const NodeEnclosure* x) { return bounded(*x); }); };
    auto all_exact = [&] { return std::all_of(a.begin(), a.end(), [](const NodeEnclosure* x) { return x->exact(); }); };
    switch (n.op) {
        case Op::Add:
        case Op::Sub: {
            if (!all_bounded()) return false;
            const OutwardInterval r = rounding(exact, exact_magnitude(n.op, a[0]->f, a[1]->f));
            e = (n.op == Op::Add ? a[0]->e + a[1]->e : a[0]->e - a[1]->e) + r;
            return true;
        }
        case Op::Mul:
            if (!all_bounded()) return false;
            return product_rule(*a[0], *a[1], rounding(exact, exact_magnitude(Op::Mul, a[0]->f, a[1]->f)), e);
        case Op::Div: {
            if (!all_bounded() || a[1]->f.contains(0) || a[1]->v.contains(0)) return false;
            // a'/b' − a/b = (e_a − (a/b)·e_b) / b'
            const OutwardInterval r = rounding(exact, exact_magnitude(Op::Div, a[0]->f, a[1]->f));
            e = (a[0]->e - out.v * a[1]->e) / a[1]->f.as_reals() + r;
            return e.bounded();
        }
        case Op::Sqrt: {
            const NodeEnclosure& x = *a[0];
            if (!bounded(x)) return false;
            const OutwardInterval r = rounding(false, std::sqrt(std::max(0.0, double(x.f.hi))));
            if (x.exact()) {
                e = r;
                return true;
            }
            const double lowest = std::min(x.v.lo, double(x.f.lo));
            if (lowest > 0) e = x.e / (sqrt_of(x.f.as_reals()) + sqrt_of(x.v)) + r;
            else e = symmetric(sqrt_of({0, x.e.magnitude()}).hi) + r;  // ½-Hölder
            return true;
        }
        case Op::Exp:
        case Op::Log:
        case Op::Sin:
        case Op::Cos:
        case Op::Tan:
        case Op::Asin:
        case Op::Acos:
        case Op::Atan: return function_rule(n.op, *a[0], engine, e);
        case Op::Atan2: return atan2_rule(*a[0], *a[1], engine, e);
        case Op::Pow: return power_rule(*a[0], *a[1], engine, e);
        case Op::Max:
        case Op::Min:
        case Op::Clamp:
        case Op::SortedNth: {
            if (!all_bounded()) return false;
            e = OutwardInterval::empty();
            for (const NodeEnclosure* x : a) e = hull(e, x->e);
            return true;
        }
        case Op::Abs: {
            const NodeEnclosure& x = *a[0];
            if (!bounded(x)) return false;
            if (x.v.lo >= 0 && x.f.lo >= 0) e = x.e;
            else if (x.v.hi <= 0 && x.f.hi <= 0) e = -x.e;
            else e = symmetric(x.e.magnitude());
            return true;
        }
        case Op::Gt:
        case Op::Lt:
        case Op::Ge:
        case Op::Le:
        case Op::Eq:
        case Op::And:
        case Op::Or:
        case Op::Xor:
        case Op::Not:
            e = out.may_differ ? OutwardInterval{-1, 1} : OutwardInterval{0, 0};
            return true;
        case Op::Trunc:
        case Op::Round:
        case Op::Floor:
            if (!out.may_differ) {
                e = {0, 0};
                return true;
            }
            if (!bounded(*a[0])) return false;
            // |f(x) − x| < 1 for all three: f(a') − f(a) is an integer within e_a ± 2.
            e = {std::floor(a[0]->e.lo) - 1, std::ceil(a[0]->e.hi) + 1};
            return true;
        case Op::Select: {
            const NodeEnclosure &c = *a[0], &t = *a[1], &f = *a[2];
            const Truth real = c.v_undefined ? Truth::Either : (c.v.lo > 0 ? Truth::True : c.v.hi <= 0 ? Truth::False : Truth::Either);
            const Truth engine_truth = truth(c.f);
            const bool takes_t = real != Truth::False || engine_truth != Truth::False;
            const bool takes_f = real != Truth::True || engine_truth != Truth::True;
            e = OutwardInterval::empty();
            if (takes_t) {
                if (!bounded(t)) return false;
                e = hull(e, t.e);
            }
            if (takes_f) {
                if (!bounded(f)) return false;
                e = hull(e, f.e);
            }
            if (out.may_differ) {  // the engine took one branch, the real model the other
                if (t.v.is_empty() || f.v.is_empty() || !t.f.finite() || !f.f.finite()) return false;
                e = hull(e, hull(t.f.as_reals() - f.v, f.f.as_reals() - t.v));
            }
            return true;
        }
        case Op::BitAnd:
        case Op::BitOr:
        case Op::BitXor:
        case Op::BitNot:
            if (out.may_differ) return false;
            // The exact int32 result converted to binary32 (rounded beyond 2^24).
            e = magnitude(out.f) < 0x1p24 ? OutwardInterval{0, 0} : symmetric(64);
            return true;
        case Op::Mod:
        case Op::ArgMin:
        case Op::ArgMax:
        case Op::ArgSortNth:
            if (!all_exact()) return false;
            e = {0, 0};  // exact operations on the same values
            return true;
        default: return false;
    }
}

}  // namespace

bool error_of(const Node& n, Args args, NodeEnclosure& out, bool exact_result, const rigor::expr::EngineProbe& engine) {
    if (out.v_undefined || !out.f.finite() || out.v.is_empty() || !out.f.has_values()) return false;
    const OutwardInterval direct = out.f.as_reals() - out.v;  // engine ∈ f, real ∈ v
    OutwardInterval e;
    out.e = rule(n, args, out, exact_result, engine, e) ? intersect(e, direct) : direct;
    if (out.e.is_empty()) out.e = direct;  // only when the intervals touch within rounding
    return out.e.bounded();
}

}  // namespace rigor::symbolic::expr
