// The semantics of ir.hpp as plain scalar code: the definition that constant folding
// uses and that every faster evaluator is tested against.
#pragma once
#include <cmath>
#include <cstdint>
#include <span>

#include "filters/expr/ir.hpp"

namespace rigor::expr {

// Round half to even (the default IEEE rounding mode, which rigor never changes).
inline float round_half_even(float v) noexcept { return std::nearbyint(v); }

// Bit-operation operand: round half to even, saturate to int32, NaN -> 0.
inline std::int32_t to_int32(float v) noexcept {
    float r = round_half_even(v);
    if (!(r == r)) return 0;
    if (r >= 2147483648.0f) return INT32_MAX;
    if (r <= -2147483648.0f) return INT32_MIN;
    return std::int32_t(r);
}

inline float truth(bool b) noexcept { return b ? 1.0f : 0.0f; }

// Stable rank order of args (k = 0 smallest): index of the k-th smallest.  Counting
// form, so that it is the same for scalar and vector code: the rank of i is the number
// of j with v[j] < v[i], plus the number of j < i with v[j] == v[i].  The one definition
// of the order statistics' rule: binary32 here, long double in the real model
// (symbolic/expr/real_evaluator.cpp), element-wise in the interpreter (evaluate.cpp).
template <class T>
int index_of_rank(std::span<const T> v, int k) noexcept {
    int n = int(v.size());
    for (int i = 0; i < n; ++i) {
        int r = 0;
        for (int j = 0; j < n; ++j) r += (v[j] < v[i]) || (j < i && v[j] == v[i]);
        if (r == k) return i;
    }
    return n - 1 - k < 0 ? 0 : n - 1 - k;  // only reached with NaN arguments
}
// ArgMin / ArgMax: the index of the first minimum (maximum).
template <class T>
std::size_t index_of_extreme(std::span<const T> v, bool minimum) noexcept {
    std::size_t best = 0;
    for (std::size_t i = 1; i < v.size(); ++i)
        if (minimum ? v[i] < v[best] : v[i] > v[best]) best = i;
    return best;
}

// Evaluates a non-leaf node on its argument values (args.size() == node.args.size()).
// Leaves (Constant, Load, Property, FrameNumber, X, Y, Width, Height, LoadAbsolute) are
// the evaluator's business and return NaN here.
inline float apply_scalar(const Node& n, std::span<const float> a) noexcept {
    switch (n.op) {
        case Op::Add: return a[0] + a[1];
        case Op::Sub: return a[0] - a[1];
        case Op::Mul: return a[0] * a[1];
        case Op::Div: return a[0] / a[1];
        case Op::Mod: return std::fmod(a[0], a[1]);
        case Op::Pow: return std::pow(a[0], a[1]);
        case Op::Max: return a[0] > a[1] ? a[0] : a[1];
        case Op::Min: return a[0] < a[1] ? a[0] : a[1];
        case Op::Clamp: {
            float m = a[0] < a[2] ? a[0] : a[2];
            return m > a[1] ? m : a[1];
        }
        case Op::Abs: return std::fabs(a[0]);
        case Op::Sqrt: return a[0] > 0 ? std::sqrt(a[0]) : 0.0f;
        case Op::Exp: return std::exp(a[0]);
        case Op::Log: return std::log(a[0]);
        case Op::Sin: return std::sin(a[0]);
        case Op::Cos: return std::cos(a[0]);
        case Op::Trunc: return std::trunc(a[0]);
        case Op::Round: return round_half_even(a[0]);
        case Op::Floor: return std::floor(a[0]);
        case Op::Ceil: return std::ceil(a[0]);
        case Op::Sign: return truth(a[0] > 0) - truth(a[0] < 0);
        // The C functions (ir.hpp: evaluators may approximate, as for sin and cos); tan
        // beyond the reduction limit and asin/acos outside [-1, 1] are NaN by definition.
        case Op::Tan: return std::fabs(a[0] * 0.636619772367581343f) < 4194304.0f ? std::tan(a[0]) : NAN;  // |2a/pi| < 2^22
        case Op::Asin: return std::asin(a[0]);
        case Op::Acos: return std::acos(a[0]);
        case Op::Atan: return std::atan(a[0]);
        case Op::Atan2: return std::atan2(a[0], a[1]);
        case Op::Gt: return truth(a[0] > a[1]);
        case Op::Lt: return truth(a[0] < a[1]);
        case Op::Eq: return truth(a[0] == a[1]);
        case Op::Ge: return truth(a[0] >= a[1]);
        case Op::Le: return truth(a[0] <= a[1]);
        case Op::And: return truth(a[0] > 0 && a[1] > 0);
        case Op::Or: return truth(a[0] > 0 || a[1] > 0);
        case Op::Xor: return truth((a[0] > 0) != (a[1] > 0));
        case Op::Not: return truth(a[0] <= 0);
        case Op::BitAnd: return float(to_int32(a[0]) & to_int32(a[1]));
        case Op::BitOr: return float(to_int32(a[0]) | to_int32(a[1]));
        case Op::BitXor: return float(to_int32(a[0]) ^ to_int32(a[1]));
        case Op::BitNot: return float(~to_int32(a[0]));
        case Op::Select: return a[0] > 0 ? a[1] : a[2];
        case Op::SortedNth: return a[std::size_t(index_of_rank(a, n.rank))];
        case Op::ArgSortNth: return float(index_of_rank(a, n.rank));
        case Op::ArgMin:
        case Op::ArgMax: return float(index_of_extreme(a, n.op == Op::ArgMin));
        default: return NAN;
    }
}

}  // namespace rigor::expr
