#include "symbolic/expr/interval_evaluation.hpp"

#include <algorithm>
#include <cln/integer.h>
#include <cln/rational.h>
#include <cln/real.h>
#include <cmath>
#include <cstdint>

#include "filters/base/error.hpp"
#include "filters/expr/point_program.hpp"
#include "symbolic/expr/bound_size.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/pi_turns.hpp"
#include "symbolic/expr/variables.hpp"

namespace rigor::symbolic::expr {

using rigor::expr::Expr;
using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;

namespace {

using cln::cl_RA;

// ArgMin, ArgMax, ArgSortNth of point arguments (ir.hpp): the first minimum, the first
// maximum, the index of the k-th smallest by the stable sort.
std::size_t argument_index(const Node& n, const std::vector<Bound>& v) {
    std::vector<std::size_t> order(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    if (n.op == Op::ArgMin) return order.front();
    if (n.op == Op::ArgSortNth) return order[std::size_t(n.rank)];
    std::size_t first_max = 0;
    for (std::size_t i = 1; i < v.size(); ++i)
        if (v[first_max] < v[i]) first_max = i;
    return first_max;
}

Bound kth(std::vector<Bound> v, int k) {
    std::sort(v.begin(), v.end(), [](const Bound& a, const Bound& b) { return a < b; });
    return v[std::size_t(k)];
}

// Monotone non-decreasing rational map applied to a bound (infinite ends stay).
template <class F>
Bound map_bound(const Bound& b, F f) {
    return b.finite() ? Bound::of(f(b.value)) : b;
}

Interval truth_interval(bool surely_true, bool surely_false) {
    if (surely_true) return Interval::point(1);
    if (surely_false) return Interval::point(0);
    return {Bound::of(0), Bound::of(1)};
}
bool surely_true(const Interval& a) { return Bound::of(0) < a.lo && !a.may_be_nan; }
bool surely_false(const Interval& a) { return a.hi <= Bound::of(0); }

Interval int32_range() { return {Bound::of(-cl_RA(cln::expt_pos(cln::cl_I(2), 31))), Bound::of(cln::expt_pos(cln::cl_I(2), 31) - 1)}; }

std::int64_t to_int32(const cl_RA& v) {
    cln::cl_I r = cln::round1(v);  // half to even
    if (r > 2147483647) return 2147483647;
    if (r < -2147483647 - 1) return -2147483647 - 1;
    return cln::cl_I_to_long(r);
}

class IntervalEvaluator {
public:
    IntervalEvaluator(const Expr& e, const InputRanges& r, EnclosureMemo* memo = nullptr)
        : e_(e), ranges_(r), memo_(memo), pi_turns_(enclose_pi()) {}

    IntervalResult run() {
        // Every end kept short (bound_size.hpp): exact rationals double in size with each
        // squaring.
        for (NodeId id = 0; id < e_.size(); ++id) out_.nodes.push_back(shortened(node(e_.node(id))));
        return std::move(out_);
    }

private:
    const Interval& arg(const Node& n, std::size_t i) const { return out_.nodes[n.args[i]]; }
    void note(const std::string& s) {
        if (std::find(out_.notes.begin(), out_.notes.end(), s) == out_.notes.end()) out_.notes.push_back(s);
    }

    using Fn = EnclosureMemo::Function;
    // The enclosure of f at (a, b), from the memo when one is given.
    template <class Compute>
    std::optional<Enclosure> enclosure(Fn f, const cl_RA& a, const cl_RA& b, Compute compute) {
        return memo_ ? memo_->get(f, a, b, compute) : compute();
    }
    // A unary enclosure function through the memo.
    auto memoised(Fn f, Enclosure (*compute)(const cl_RA&)) {
        return [this, f, compute](const cl_RA& x) {
            return *enclosure(f, x, 0, [&] { return std::optional<Enclosure>(compute(x)); });
        };
    }

    // Monotone non-decreasing transcendental f on [lo, hi] (ends finite or infinite).
    template <class F>
    Interval monotone(const Interval& a, F f, const Bound& at_minus_inf, const Bound& at_plus_inf) {
        out_.transcendental = true;
        Interval r;
        r.lo = a.lo.finite() ? Bound::of(f(a.lo.value).lower) : at_minus_inf;
        r.hi = a.hi.finite() ? Bound::of(f(a.hi.value).upper) : at_plus_inf;
        r.may_be_nan = a.may_be_nan;
        return r;
    }

    Interval mul(const Interval& a, const Interval& b) {
        Bound c[4] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
        Interval r{*std::min_element(c, c + 4), *std::max_element(c, c + 4), a.may_be_nan || b.may_be_nan};
        bool inf_a = !a.lo.finite() || !a.hi.finite(), inf_b = !b.lo.finite() || !b.hi.finite();
        if ((inf_a && b.contains(Bound::of(0))) || (inf_b && a.contains(Bound::of(0)))) r.may_be_nan = true;
        return r;
    }

    // tan: monotone between its poles (k + 1/2)π; everything when one may lie in [lo, hi].
    Interval tangent(const Interval& a) {
        out_.transcendental = true;
        if (!a.lo.finite() || !a.hi.finite()) return Interval::everything();
        // A pole between lo and hi, with either π end.
        if (pi_turns_.between(a.lo.value, a.hi.value, 1, 1)) {
            note("tan of a range that may hold a pole: unbounded");
            Interval r = Interval::everything();
            r.may_be_nan = a.may_be_nan;
            return r;
        }
        return monotone(a, memoised(Fn::Tan, enclose_tan), Bound::minus_infinity(), Bound::plus_infinity());
    }
    // asin (non-decreasing) and acos (non-increasing) on [-1, 1]; NaN beyond.
    Interval arc_sine_cosine(Interval a, bool cosine) {
        out_.transcendental = true;
        if (a.lo < Bound::of(-1) || Bound::of(1) < a.hi) {
            note(std::string(cosine ? "acos" : "asin") + " of a range reaching beyond [-1, 1]: NaN possible");
            a.may_be_nan = true;
            if (a.hi < Bound::of(-1) || Bound::of(1) < a.lo) return {Bound::of(0), Bound::of(0), true};
            if (a.lo < Bound::of(-1)) a.lo = Bound::of(-1);
            if (Bound::of(1) < a.hi) a.hi = Bound::of(1);
        }
        if (!cosine) return monotone(a, memoised(Fn::Asin, enclose_asin), Bound::of(-1), Bound::of(1));
        Interval r;
        auto acos = memoised(Fn::Acos, enclose_acos);
        r.lo = Bound::of(acos(a.hi.value).lower);
        r.hi = Bound::of(acos(a.lo.value).upper);
        r.may_be_nan = a.may_be_nan;
        return r;
    }
    // atan2(y, x): in a half plane that excludes the origin and the cut (x < 0, y = 0) it
    // has no critical point and is monotone along each edge of a box, so the corners
    // bound it; otherwise [-π, π].
    Interval angle(const Interval& y, const Interval& x) {
        out_.transcendental = true;
        const Enclosure pi = enclose_pi();
        Interval r{Bound::of(-pi.upper), Bound::of(pi.upper), x.may_be_nan || y.may_be_nan};
        const bool finite = y.lo.finite() && y.hi.finite() && x.lo.finite() && x.hi.finite();
        if (!finite || !(Bound::of(0) < x.lo || Bound::of(0) < y.lo || y.hi < Bound::of(0))) return r;
        cl_RA lo = pi.upper, hi = -pi.upper;
        for (const cl_RA& yy : {y.lo.value, y.hi.value})
            for (const cl_RA& xx : {x.lo.value, x.hi.value}) {
                const Enclosure e = *enclosure(Fn::Atan2, yy, xx, [&] { return std::optional<Enclosure>(enclose_atan2(yy, xx)); });
                lo = std::min(lo, e.lower), hi = std::max(hi, e.upper);
            }
        r.lo = Bound::of(lo), r.hi = Bound::of(hi);
        return r;
    }

    Interval sin_cos(const Interval& a, bool cosine) {
        out_.transcendental = true;
        Interval full{Bound::of(-1), Bound::of(1), a.may_be_nan};
        if (!a.lo.finite() || !a.hi.finite()) {
            if (a.lo.infinity || a.hi.infinity) note("sin/cos of an unbounded argument may be NaN");
            full.may_be_nan = true;
            return full;
        }
        // Extremes inside: sin peaks at π/2 + 2kπ, dips at −π/2 + 2kπ; cos at 2kπ, π + 2kπ.
        // With a π enclosure [p0, p1], a peak t = (c + 2k)·π is surely outside [lo, hi]
        // only if it is outside for every π in the enclosure; otherwise count it inside
        // (the bound 1 is then merely not tight, never wrong).
        auto maybe_inside = [&](long offset_halves) {  // points (offset/2 + 2k)·π
            return pi_turns_.between(a.lo.value, a.hi.value, offset_halves, 2);
        };
        auto f = cosine ? memoised(Fn::Cos, enclose_cos) : memoised(Fn::Sin, enclose_sin);
        Enclosure at_lo = f(a.lo.value), at_hi = f(a.hi.value);
        Interval r{Bound::of(std::min(at_lo.lower, at_hi.lower)), Bound::of(std::max(at_lo.upper, at_hi.upper)),
                   a.may_be_nan};
        if (maybe_inside(cosine ? 0 : 1)) r.hi = Bound::of(1);
        if (maybe_inside(cosine ? 2 : -1)) r.lo = Bound::of(-1);
        if (Bound::of(1) < r.hi) r.hi = Bound::of(1);
        if (r.lo < Bound::of(-1)) r.lo = Bound::of(-1);
        return r;
    }

    Interval pow(const Interval& a, const Interval& b) {
        if (b.is_point() && (cln::denominator(b.lo.value) == 1)) {
            cln::cl_I n = cln::numerator(b.lo.value);
            if (cln::zerop(n)) return Interval::point(1);
            if (cln::minusp(n)) {
                if (a.contains(Bound::of(0))) {
                    note("pow with a negative exponent of a range containing 0 is unbounded");
                    return Interval::everything();
                }
                Interval positive = pow(a, Interval::point(-b.lo.value));
                return div(Interval::point(1), positive);
            }
            // x^n at one end, as an interval (bound_size.hpp: a point, or bounds past
            // 2^±kHugeBits or when exact would be too long).
            auto p = [&](const Bound& x) -> Interval {
                if (!x.finite()) {
                    const Bound inf = cln::evenp(n) ? Bound::plus_infinity() : x;
                    return {inf, inf};
                }
                return power_of(x.value, n);
            };
            const Interval plo = p(a.lo), phi = p(a.hi);
            auto less = [](const Bound& u, const Bound& v) { return u < v; };
            if (cln::oddp(n)) return {plo.lo, phi.hi, a.may_be_nan};  // increasing
            const Bound top = std::max(plo.hi, phi.hi, less);
            if (a.contains(Bound::of(0))) return {Bound::of(0), top, a.may_be_nan};
            return {std::min(plo.lo, phi.lo, less), top, a.may_be_nan};
        }
        if (!(Bound::of(0) < a.lo) || !b.lo.finite() || !b.hi.finite() || !a.hi.finite()) {
            note("pow of a base that may be <= 0 (or unbounded) with a non-integer exponent: unbounded, NaN possible");
            return Interval::everything();
        }
        // base > 0: a^b = exp(b ln a) is monotone in each argument; the extremes are corners.
        out_.transcendental = true;
        Interval r{Bound::plus_infinity(), Bound::minus_infinity(), a.may_be_nan || b.may_be_nan};
        for (const Bound& x : {a.lo, a.hi})
            for (const Bound& y : {b.lo, b.hi}) {
                Interval v;
                if (const auto past = power_past_limits(x.value, cln::double_approx(y.value))) {
                    v = *past;
                } else {
                    const Enclosure e = *enclosure(Fn::Pow, x.value, y.value, [&] { return enclose_pow(x.value, y.value); });
                    v = {Bound::of(e.lower), Bound::of(e.upper)};
                }
                if (v.lo < r.lo) r.lo = v.lo;
                if (r.hi < v.hi) r.hi = v.hi;
            }
        return r;
    }

    Interval div(const Interval& a, const Interval& b) {
        if (b.contains(Bound::of(0))) {
            note("division by a range containing 0: unbounded");
            return Interval::everything();
        }
        auto inv = [](const Bound& x) { return x.finite() ? Bound::of(1 / x.value) : Bound::of(0); };
        return mul(a, {inv(b.hi), inv(b.lo), b.may_be_nan});
    }

    Interval mod(const Interval& a, const Interval& b) {
        // fmod: |r| < |b|, sign of the dividend, r = a − trunc(a/b)·b.
        if (b.contains(Bound::of(0))) note("% by a range containing 0 may be NaN");
        Bound m = std::max(-b.lo, b.hi, [](const Bound& p, const Bound& q) { return p < q; });
        if (b.is_point() && a.lo.finite() && a.hi.finite() && !cln::zerop(b.lo.value)) {
            cl_RA d = cln::abs(b.lo.value);
            cln::cl_I k1 = cln::truncate1(a.lo.value / d), k2 = cln::truncate1(a.hi.value / d);
            bool same_sign = !cln::minusp(a.lo.value) || !cln::plusp(a.hi.value);
            if (k1 == k2 && same_sign) return {Bound::of(a.lo.value - k1 * d), Bound::of(a.hi.value - k1 * d), a.may_be_nan};
        }
        Interval r{Bound::of(0), Bound::of(0), a.may_be_nan || b.contains(Bound::of(0))};
        if (a.lo < Bound::of(0)) r.lo = std::max(a.lo, -m, [](const Bound& p, const Bound& q) { return p < q; });
        if (Bound::of(0) < a.hi) r.hi = std::min(a.hi, m, [](const Bound& p, const Bound& q) { return p < q; });
        return r;
    }

    Interval bits(const Node& n) {
        auto point = [](const Interval& x) { return x.is_point(); };
        if (n.op == Op::BitNot) {
            const Interval& a = arg(n, 0);
            if (!a.lo.finite() || !a.hi.finite()) return int32_range();
            return {Bound::of(~to_int32(a.hi.value)), Bound::of(~to_int32(a.lo.value)), false};
        }
        const Interval &a = arg(n, 0), &b = arg(n, 1);
        if (point(a) && point(b)) {
            std::int64_t x = to_int32(a.lo.value), y = to_int32(b.lo.value);
            std::int64_t v = n.op == Op::BitAnd ? (x & y) : n.op == Op::BitOr ? (x | y) : (x ^ y);
            return Interval::point(cl_RA(std::int32_t(v)));
        }
        bool nonneg = a.lo.finite() && b.lo.finite() && to_int32(a.lo.value) >= 0 && to_int32(b.lo.value) >= 0;
        if (!nonneg || !a.hi.finite() || !b.hi.finite()) return int32_range();
        std::int64_t ha = to_int32(a.hi.value), hb = to_int32(b.hi.value);
        if (n.op == Op::BitAnd) return {Bound::of(0), Bound::of(std::min(ha, hb)), false};
        std::int64_t all = 1;
        while (all <= std::max(ha, hb)) all <<= 1;
        return {Bound::of(0), Bound::of(all - 1), false};
    }

    Interval node(const Node& n) {
        if (rigor::expr::is_input(n)) {
            auto it = ranges_.find(variable_name(n));  // a point's own variable first
            if (it == ranges_.end()) it = ranges_.find(source_name(n));
            if (it == ranges_.end()) throw UserError("no range given for the input " + source_name(n));
            return it->second;
        }
        switch (n.op) {
            case Op::Constant:
                if (std::isnan(n.value)) return {Bound::of(0), Bound::of(0), true};
                if (std::isinf(n.value)) return n.value > 0 ? Interval{Bound::plus_infinity(), Bound::plus_infinity()}
                                                            : Interval{Bound::minus_infinity(), Bound::minus_infinity()};
                return Interval::point(decimal_rational(n.value));
            case Op::Add: return {arg(n, 0).lo + arg(n, 1).lo, arg(n, 0).hi + arg(n, 1).hi, arg(n, 0).may_be_nan || arg(n, 1).may_be_nan};
            case Op::Sub: return {arg(n, 0).lo + -arg(n, 1).hi, arg(n, 0).hi + -arg(n, 1).lo, arg(n, 0).may_be_nan || arg(n, 1).may_be_nan};
            case Op::Mul: return mul(arg(n, 0), arg(n, 1));
            case Op::Div: return div(arg(n, 0), arg(n, 1));
            case Op::Mod: return mod(arg(n, 0), arg(n, 1));
            case Op::Pow: return pow(arg(n, 0), arg(n, 1));
            case Op::Max:
            case Op::Min: {
                const Interval &a = arg(n, 0), &b = arg(n, 1);
                auto less = [](const Bound& p, const Bound& q) { return p < q; };
                if (n.op == Op::Max) return {std::max(a.lo, b.lo, less), std::max(a.hi, b.hi, less), a.may_be_nan || b.may_be_nan};
                return {std::min(a.lo, b.lo, less), std::min(a.hi, b.hi, less), a.may_be_nan || b.may_be_nan};
            }
            case Op::Clamp: {
                const Interval &v = arg(n, 0), &lo = arg(n, 1), &hi = arg(n, 2);
                auto less = [](const Bound& p, const Bound& q) { return p < q; };
                Interval m{std::min(v.lo, hi.lo, less), std::min(v.hi, hi.hi, less), v.may_be_nan || hi.may_be_nan};
                return {std::max(m.lo, lo.lo, less), std::max(m.hi, lo.hi, less), m.may_be_nan || lo.may_be_nan};
            }
            case Op::Abs: {
                const Interval& a = arg(n, 0);
                if (Bound::of(0) <= a.lo) return a;
                if (a.hi <= Bound::of(0)) return {-a.hi, -a.lo, a.may_be_nan};
                return {Bound::of(0), -a.lo < a.hi ? a.hi : -a.lo, a.may_be_nan};
            }
            case Op::Sqrt: {  // negatives and NaN give 0
                Interval a = arg(n, 0);
                if (a.lo < Bound::of(0)) a.lo = Bound::of(0);
                if (a.hi < Bound::of(0)) a.hi = Bound::of(0);
                Interval r = monotone(a, memoised(Fn::Sqrt, enclose_sqrt), Bound::of(0), Bound::plus_infinity());
                if (Bound::of(0) < r.lo && arg(n, 0).may_be_nan) r.lo = Bound::of(0);
                if (r.lo < Bound::of(0)) r.lo = Bound::of(0);
                r.may_be_nan = false;
                return r;
            }
            case Op::Exp: {
                // Past ±kExpHuge the bounds of bound_size.hpp: exp(10^30) has no affordable
                // rational (CLN overflows), nor exp(-10^30).
                auto e = [&](const cl_RA& x) -> Interval {
                    if (kExpHuge < x) return {Bound::of(two_to(kHugeBits)), Bound::plus_infinity()};
                    if (x < -kExpHuge) return {Bound::of(0), Bound::of(two_to(-kHugeBits))};
                    const Enclosure v = memoised(Fn::Exp, enclose_exp)(x);
                    return {Bound::of(v.lower), Bound::of(v.upper)};
                };
                const Interval& a = arg(n, 0);
                out_.transcendental = true;
                Interval r{a.lo.finite() ? e(a.lo.value).lo : Bound::of(0), a.hi.finite() ? e(a.hi.value).hi : Bound::plus_infinity(),
                           a.may_be_nan};
                if (r.lo < Bound::of(0)) r.lo = Bound::of(0);
                return r;
            }
            case Op::Log: {
                auto ln = [&](const cl_RA& x) { return *enclosure(Fn::Log, x, 0, [&] { return enclose_log(x); }); };
                Interval a = arg(n, 0);
                if (a.lo <= Bound::of(0)) {
                    note(a.lo < Bound::of(0) ? "log of a range reaching below 0: NaN possible" : "log of a range containing 0: -inf");
                    if (a.lo < Bound::of(0)) a.may_be_nan = true;
                    if (a.hi <= Bound::of(0)) return {Bound::minus_infinity(), Bound::minus_infinity(), true};
                    a.lo = Bound::minus_infinity();
                    out_.transcendental = true;
                    return {Bound::minus_infinity(), a.hi.finite() ? Bound::of(ln(a.hi.value).upper) : a.hi, a.may_be_nan};
                }
                return monotone(a, ln, Bound::minus_infinity(), Bound::plus_infinity());
            }
            case Op::Sin: return sin_cos(arg(n, 0), false);
            case Op::Cos: return sin_cos(arg(n, 0), true);
            case Op::Tan: return tangent(arg(n, 0));
            case Op::Atan: {
                const cl_RA half_pi = enclose_pi().upper / 2;
                return monotone(arg(n, 0), memoised(Fn::Atan, enclose_atan), Bound::of(-half_pi), Bound::of(half_pi));
            }
            case Op::Asin:
            case Op::Acos: return arc_sine_cosine(arg(n, 0), n.op == Op::Acos);
            case Op::Atan2: return angle(arg(n, 0), arg(n, 1));
            case Op::Trunc: return {map_bound(arg(n, 0).lo, [](const cl_RA& v) { return cl_RA(cln::truncate1(v)); }),
                                    map_bound(arg(n, 0).hi, [](const cl_RA& v) { return cl_RA(cln::truncate1(v)); }), arg(n, 0).may_be_nan};
            case Op::Round: return {map_bound(arg(n, 0).lo, [](const cl_RA& v) { return cl_RA(cln::round1(v)); }),
                                    map_bound(arg(n, 0).hi, [](const cl_RA& v) { return cl_RA(cln::round1(v)); }), arg(n, 0).may_be_nan};
            case Op::Floor: return {map_bound(arg(n, 0).lo, [](const cl_RA& v) { return cl_RA(cln::floor1(v)); }),
                                    map_bound(arg(n, 0).hi, [](const cl_RA& v) { return cl_RA(cln::floor1(v)); }), arg(n, 0).may_be_nan};
            case Op::Gt: return truth_interval(arg(n, 1).hi < arg(n, 0).lo, arg(n, 0).hi <= arg(n, 1).lo);
            case Op::Lt: return truth_interval(arg(n, 0).hi < arg(n, 1).lo, arg(n, 1).hi <= arg(n, 0).lo);
            case Op::Ge: return truth_interval(arg(n, 1).hi <= arg(n, 0).lo, arg(n, 0).hi < arg(n, 1).lo);
            case Op::Le: return truth_interval(arg(n, 0).hi <= arg(n, 1).lo, arg(n, 1).hi < arg(n, 0).lo);
            case Op::Eq: {
                const Interval &a = arg(n, 0), &b = arg(n, 1);
                return truth_interval(a.is_point() && b.is_point() && a.lo == b.lo, a.hi < b.lo || b.hi < a.lo);
            }
            case Op::And: return truth_interval(surely_true(arg(n, 0)) && surely_true(arg(n, 1)), surely_false(arg(n, 0)) || surely_false(arg(n, 1)));
            case Op::Or: return truth_interval(surely_true(arg(n, 0)) || surely_true(arg(n, 1)), surely_false(arg(n, 0)) && surely_false(arg(n, 1)));
            case Op::Xor: {
                const Interval &a = arg(n, 0), &b = arg(n, 1);
                bool known = (surely_true(a) || surely_false(a)) && (surely_true(b) || surely_false(b));
                if (!known) return truth_interval(false, false);
                return truth_interval(surely_true(a) != surely_true(b), surely_true(a) == surely_true(b));
            }
            case Op::Not: return truth_interval(surely_false(arg(n, 0)), surely_true(arg(n, 0)));
            case Op::BitAnd:
            case Op::BitOr:
            case Op::BitXor:
            case Op::BitNot: return bits(n);
            case Op::Select: {
                const Interval& c = arg(n, 0);
                if (surely_true(c)) return arg(n, 1);
                if (surely_false(c)) return arg(n, 2);
                return hull(arg(n, 1), arg(n, 2));
            }
            case Op::SortedNth: {
                std::vector<Bound> los, his;
                bool nan = false;
                for (std::size_t i = 0; i < n.args.size(); ++i) los.push_back(arg(n, i).lo), his.push_back(arg(n, i).hi), nan |= arg(n, i).may_be_nan;
                return {kth(los, n.rank), kth(his, n.rank), nan};
            }
            case Op::ArgMin:
            case Op::ArgMax:
            case Op::ArgSortNth: {
                std::vector<Bound> points;
                for (std::size_t i = 0; i < n.args.size(); ++i)
                    if (arg(n, i).is_point() && !arg(n, i).may_be_nan) points.push_back(arg(n, i).lo);
                if (points.size() == n.args.size()) return Interval::point(cl_RA(long(argument_index(n, points))));
                return {Bound::of(0), Bound::of(long(n.args.size()) - 1), false};
            }
            default: break;  // the inputs, above
        }
        return Interval::everything();
    }

    const Expr& e_;
    const InputRanges& ranges_;
    EnclosureMemo* memo_;  // or nullptr: every enclosure computed
    PiTurns pi_turns_;     // where tan has poles, sin and cos peaks
    IntervalResult out_;
};

}  // namespace

IntervalResult interval_ranges(const Expr& e, const InputRanges& ranges) {
    check_ranges(e, ranges);
    return IntervalEvaluator(e, ranges).run();
}
IntervalResult interval_ranges(const Expr& e, const InputRanges& ranges, EnclosureMemo& memo) {
    check_ranges(e, ranges);
    return IntervalEvaluator(e, ranges, &memo).run();
}

PointValue evaluate_at(const Expr& e, const std::map<std::string, cl_RA>& point) {
    EnclosureMemo once;
    return evaluate_at(e, point, once);
}
PointValue evaluate_at(const Expr& e, const std::map<std::string, cl_RA>& point, EnclosureMemo& memo) {
    // Interval evaluation on point ranges (looked up by variable): exact for rational
    // operations; transcendental ones give an enclosure of relative width ~1e-32 whose
    // midpoint stands for the value.
    InputRanges ranges;
    for (const auto& [k, v] : point) ranges[k] = Interval::point(v);
    IntervalResult r = IntervalEvaluator(e, ranges, &memo).run();
    const Interval& v = r.root(e);
    if (!v.lo.finite() || !v.hi.finite() || (v.may_be_nan && !v.is_point())) return {std::nullopt, false};
    if (v.is_point()) return {v.lo.value, true};  // enclosures of width 0 are exact (sqrt(1/4))
    return {(v.lo.value + v.hi.value) / 2, false};
}

}  // namespace rigor::symbolic::expr
