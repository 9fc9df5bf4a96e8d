#include "symbolic/expr/binary32_enclosure.hpp"

#include <algorithm>
#include <bit>
#include <cln/real.h>
#include <cln/dfloat.h>
#include <cmath>

#include "filters/base/error.hpp"
#include "filters/expr/scalar.hpp"
#include "symbolic/expr/double_rounding.hpp"
#include "symbolic/expr/number_text.hpp"

namespace rigor::symbolic::expr {

using rigor::expr::Expr;
using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;

namespace {

// The double interval around an exact rational.
OutwardInterval enclose(const cln::cl_RA& r) { return {double_at_most(r), double_at_least(r)}; }

// The exponent of the lowest set bit of a finite float (a large number for 0).
int lowest_bit(float v) {
    if (v == 0) return 1000;
    int e = 0;
    double m = std::frexp(double(v), &e);  // v = m 2^e, |m| in [0.5, 1)
    while (m != std::trunc(m)) m *= 2, --e;
    while (std::fmod(m, 2) == 0) m /= 2, ++e;
    return e;
}
int clamp_grid(int g) { return std::max(g, kNoGrid); }

// The real model's truth of a set (> 0).
Truth real_truth(const OutwardInterval& v, bool undefined) {
    if (undefined || v.is_empty()) return Truth::Either;
    if (v.lo > 0) return Truth::True;
    if (v.hi <= 0) return Truth::False;
    return Truth::Either;
}
Truth real_compare(Op op, const OutwardInterval& a, const OutwardInterval& b) {
    if (a.is_empty() || b.is_empty()) return Truth::Either;
    auto decided = [](bool t, bool f) { return t ? Truth::True : f ? Truth::False : Truth::Either; };
    switch (op) {
        case Op::Gt: return decided(a.lo > b.hi, a.hi <= b.lo);
        case Op::Lt: return decided(a.hi < b.lo, a.lo >= b.hi);
        case Op::Ge: return decided(a.lo >= b.hi, a.hi < b.lo);
        case Op::Le: return decided(a.hi <= b.lo, a.lo > b.hi);
        default: return decided(a.is_point() && b.is_point() && a.lo == b.lo, a.hi < b.lo || b.hi < a.lo);
    }
}
OutwardInterval truth_set(Truth t) { return t == Truth::True ? OutwardInterval{1, 1} : t == Truth::False ? OutwardInterval{0, 0} : OutwardInterval{0, 1}; }

std::int64_t real_int32(double v) {  // round half to even, saturate (the real model's bit operand)
    const double r = std::nearbyint(v);
    return r >= 2147483647.0 ? 2147483647 : r <= -2147483648.0 ? -2147483648LL : std::int64_t(r);
}

// The real model of node n over its arguments' real sets.
void real_model(const Node& n, std::span<const NodeEnclosure* const> a, NodeEnclosure& out) {
    bool undefined = false;
    for (const NodeEnclosure* x : a) undefined = undefined || x->v_undefined;
    auto v = [&](std::size_t i) -> const OutwardInterval& { return a[i]->v; };
    OutwardInterval r = OutwardInterval::everything();
    switch (n.op) {
        case Op::Add: r = v(0) + v(1); break;
        case Op::Sub: r = v(0) - v(1); break;
        case Op::Mul: r = v(0) * v(1); break;
        case Op::Div:
            if (v(1).contains(0)) undefined = true;
            r = v(0) / v(1);
            break;
        case Op::Mod: {
            if (v(1).contains(0)) undefined = true;
            const double m = v(1).magnitude();
            r = {v(0).lo < 0 ? std::max(v(0).lo, -m) : 0, v(0).hi > 0 ? std::min(v(0).hi, m) : 0};
            break;
        }
        case Op::Pow: {
            const bool integer = v(1).is_point() && std::trunc(v(1).lo) == v(1).lo;
            if (v(0).lo < 0 && !integer) undefined = true;
            if (v(0).contains(0) && v(1).lo < 0) undefined = true;
            OutwardInterval base = v(0);
            if (!integer) base.lo = std::max(base.lo, 0.0);
            if (integer && v(1).lo < 0 && base.contains(0)) r = OutwardInterval::everything();
            else r = pow_of(base, v(1));
            break;
        }
        case Op::Max: r = {std::max(v(0).lo, v(1).lo), std::max(v(0).hi, v(1).hi)}; break;
        case Op::Min: r = {std::min(v(0).lo, v(1).lo), std::min(v(0).hi, v(1).hi)}; break;
        case Op::Clamp: {
            const OutwardInterval m{std::min(v(0).lo, v(2).lo), std::min(v(0).hi, v(2).hi)};
            r = {std::max(m.lo, v(1).lo), std::max(m.hi, v(1).hi)};
            break;
        }
        case Op::Abs: r = abs_of(v(0)); break;
        case Op::Sqrt: r = sqrt_of(v(0)); break;
        case Op::Exp: r = exp_of(v(0)); break;
        case Op::Log:
            if (v(0).lo <= 0) undefined = true;
            r = log_of(v(0));
            break;
        case Op::Sin: r = sin_of(v(0)); break;
        case Op::Cos: r = cos_of(v(0)); break;
        case Op::Tan:
            r = tan_of(v(0));
            if (!r.bounded()) undefined = true;  // a pole may lie in the range
            break;
        case Op::Asin:
        case Op::Acos: {
            if (v(0).lo < -1 || v(0).hi > 1) undefined = true;
            r = n.op == Op::Asin ? asin_of(v(0)) : acos_of(v(0));
            if (r.is_empty() && !v(0).is_empty()) r = n.op == Op::Asin ? asin_of({-1, 1}) : acos_of({-1, 1});
            break;
        }
        case Op::Atan: r = atan_of(v(0)); break;
        case Op::Atan2: r = atan2_of(v(0), v(1)); break;
        case Op::Trunc: r = {std::trunc(v(0).lo), std::trunc(v(0).hi)}; break;
        case Op::Round: r = {std::nearbyint(v(0).lo), std::nearbyint(v(0).hi)}; break;
        case Op::Floor: r = {std::floor(v(0).lo), std::floor(v(0).hi)}; break;
        case Op::Gt:
        case Op::Lt:
        case Op::Ge:
        case Op::Le:
        case Op::Eq: r = truth_set(real_compare(n.op, v(0), v(1))); break;
        case Op::And:
        case Op::Or: {
            const Truth x = real_truth(v(0), false), y = real_truth(v(1), false);
            const bool all = n.op == Op::And;
            if (all) r = truth_set(x == Truth::True && y == Truth::True ? Truth::True : (x == Truth::False || y == Truth::False) ? Truth::False : Truth::Either);
            else r = truth_set(x == Truth::True || y == Truth::True ? Truth::True : (x == Truth::False && y == Truth::False) ? Truth::False : Truth::Either);
            break;
        }
        case Op::Xor: {
            const Truth x = real_truth(v(0), false), y = real_truth(v(1), false);
            r = truth_set(x == Truth::Either || y == Truth::Either ? Truth::Either : x != y ? Truth::True : Truth::False);
            break;
        }
        case Op::Not: r = truth_set(v(0).hi <= 0 ? Truth::True : v(0).lo > 0 ? Truth::False : Truth::Either); break;
        case Op::BitNot: r = {double(~real_int32(v(0).hi)), double(~real_int32(v(0).lo))}; break;
        case Op::BitAnd:
        case Op::BitOr:
        case Op::BitXor: {
            const std::int64_t la = real_int32(v(0).lo), lb = real_int32(v(1).lo);
            const std::int64_t ha = real_int32(v(0).hi), hb = real_int32(v(1).hi);
            if (la < 0 || lb < 0) r = {-2147483648.0, 2147483647.0};
            else if (n.op == Op::BitAnd) r = {0, double(std::min(ha, hb))};
            else {
                std::int64_t all = 1;
                while (all <= std::max(ha, hb)) all <<= 1;
                r = {0, double(std::min<std::int64_t>(all - 1, 2147483647))};
            }
            if (v(0).is_point() && v(1).is_point()) {
                const std::int64_t x = la, y = lb;
                const std::int64_t p = n.op == Op::BitAnd ? (x & y) : n.op == Op::BitOr ? (x | y) : (x ^ y);
                r = OutwardInterval::point(double(std::int32_t(p)));
            }
            break;
        }
        case Op::Select: {
            const Truth c = real_truth(v(0), a[0]->v_undefined);
            undefined = a[0]->v_undefined || (c != Truth::False && a[1]->v_undefined) || (c != Truth::True && a[2]->v_undefined);
            r = c == Truth::True ? v(1) : c == Truth::False ? v(2) : hull(v(1), v(2));
            break;
        }
        case Op::SortedNth: {
            std::vector<double> lo, hi;
            for (const NodeEnclosure* x : a) lo.push_back(x->v.lo), hi.push_back(x->v.hi);
            std::sort(lo.begin(), lo.end());
            std::sort(hi.begin(), hi.end());
            r = {lo[std::size_t(n.rank)], hi[std::size_t(n.rank)]};
            break;
        }
        case Op::ArgMin:
        case Op::ArgMax:
        case Op::ArgSortNth: r = {0, double(a.size() - 1)}; break;
        default: throw InternalError("real model of a leaf");
    }
    for (const NodeEnclosure* x : a)
        if (x->v.is_empty() && !x->v_undefined) r = OutwardInterval::empty();  // no values at all
    out.v = r;
    out.v_undefined = undefined;
}

int grid_of(const Node& n, std::span<const NodeEnclosure* const> a) {
    auto g = [&](std::size_t i) { return a[i]->grid; };
    switch (n.op) {
        case Op::Add:
        case Op::Sub:
        case Op::Mod:
        case Op::Max:
        case Op::Min: return std::min(g(0), g(1));
        case Op::Mul: return clamp_grid(g(0) + g(1));
        case Op::Clamp: return std::min({g(0), g(1), g(2)});
        case Op::Abs: return g(0);
        case Op::Select: return std::min(g(1), g(2));
        case Op::SortedNth: {
            int m = 1000;
            for (const NodeEnclosure* x : a) m = std::min(m, x->grid);
            return m;
        }
        case Op::Trunc:
        case Op::Round:
        case Op::Floor: return std::max(g(0), 0);
        case Op::Gt: case Op::Lt: case Op::Eq: case Op::Ge: case Op::Le:
        case Op::And: case Op::Or: case Op::Xor: case Op::Not:
        case Op::BitAnd: case Op::BitOr: case Op::BitXor: case Op::BitNot:
        case Op::ArgMin: case Op::ArgMax: case Op::ArgSortNth: return 0;
        case Op::Div:
            // a / 2^t is a shift of the binary point.
            if (a[1]->f.is_point() && a[1]->f.has_values() && a[1]->f.lo != 0 && std::isfinite(a[1]->f.lo)) {
                int e = 0;
                const double m = std::frexp(double(std::fabs(a[1]->f.lo)), &e);
                if (m == 0.5) return clamp_grid(g(0) - (e - 1));
            }
            return kNoGrid;
        default: return kNoGrid;
    }
}

// Whether the exact result of node n (a rounded operation) is representable on the box:
// a multiple of 2^g below 2^(24+g) in magnitude.
bool exact_result(const Node& n, std::span<const NodeEnclosure* const> a, int grid) {
    if (grid < -149) return false;
    double m = 0;
    const Binary32Range &x = a[0]->f, &y = a.size() > 1 ? a[1]->f : a[0]->f;
    if (!x.finite() || !y.finite()) return false;
    switch (n.op) {
        case Op::Add: m = std::max(std::fabs(double(x.lo) + y.lo), std::fabs(double(x.hi) + y.hi)); break;
        case Op::Sub: m = std::max(std::fabs(double(x.lo) - y.hi), std::fabs(double(x.hi) - y.lo)); break;
        case Op::Mul:
            for (double p : {double(x.lo) * y.lo, double(x.lo) * y.hi, double(x.hi) * y.lo, double(x.hi) * y.hi})
                m = std::max(m, std::fabs(p));
            break;
        case Op::Div:
            if (grid == kNoGrid) return false;  // only a / 2^t
            m = std::max(std::fabs(double(x.lo)), std::fabs(double(x.hi))) / std::fabs(double(y.lo));
            break;
        default: return false;
    }
    return m * (1 + 0x1p-50) < std::ldexp(1.0, 24 + grid);
}

// Whether real and binary32 may decide differently on the box at node n.
bool decisions_may_differ(const Node& n, std::span<const NodeEnclosure* const> a, const Binary32Range& result) {
    auto same_truth = [](const NodeEnclosure& x) {
        if (x.exact()) return true;
        const Truth r = real_truth(x.v, x.v_undefined), f = truth(x.f);
        return r != Truth::Either && r == f;
    };
    switch (n.op) {
        case Op::Gt:
        case Op::Lt:
        case Op::Ge:
        case Op::Le:
        case Op::Eq: {
            if (a[0]->exact() && a[1]->exact()) return false;
            const Truth r = a[0]->v_undefined || a[1]->v_undefined ? Truth::Either : real_compare(n.op, a[0]->v, a[1]->v);
            const Truth f = truth(result);  // the comparison's 0/1 set on the engine
            return r == Truth::Either || r != f;
        }
        case Op::Select: return !same_truth(*a[0]);
        case Op::And:
        case Op::Or:
        case Op::Xor: return !same_truth(*a[0]) || !same_truth(*a[1]);
        case Op::Not: return !same_truth(*a[0]);
        case Op::Trunc:
        case Op::Round:
        case Op::Floor: {
            const NodeEnclosure& x = *a[0];
            if (x.exact()) return false;
            if (x.v_undefined || !x.f.finite() || x.v.is_empty()) return true;
            const double lo = std::min(x.v.lo, double(x.f.lo)), hi = std::max(x.v.hi, double(x.f.hi));
            // Constant between consecutive integers (floor, trunc on one side of 0) or
            // between consecutive half-integers (round, ties excluded).
            if (n.op == Op::Round) return std::floor(lo - 0.5) != std::floor(hi - 0.5) || lo - 0.5 == std::floor(lo - 0.5);
            if (n.op == Op::Trunc && lo < 0 && hi > 0) return true;
            if (n.op == Op::Trunc && hi <= 0) return std::ceil(lo) != std::ceil(hi) && !(hi == std::ceil(hi) && std::ceil(lo) == hi);
            return std::floor(lo) != std::floor(hi);
        }
        case Op::BitAnd:
        case Op::BitOr:
        case Op::BitXor:
        case Op::BitNot:
            for (const NodeEnclosure* x : a)
                if (!x->exact()) return true;
            return false;
        default: return false;
    }
}

bool is_constant_derived(const Node& n, const std::vector<bool>& constant) {
    if (n.op == Op::Constant) return true;
    if (n.args.empty() || n.op == Op::LoadAbsolute) return false;
    return std::all_of(n.args.begin(), n.args.end(), [&](NodeId a) { return bool(constant[a]); });
}

}  // namespace

Binary32Enclosure::Binary32Enclosure(const Expr& point_program, std::vector<int> input_grids,
                                     const rigor::expr::EngineProbe& engine)
    : program_(point_program), input_grids_(std::move(input_grids)), engine_(&engine), constants_(point_program.size()) {
    // Constants and everything computed from constants alone: the engine folds those
    // before it runs (filters/expr/constant_fold.cpp, with scalar.hpp's C library
    // functions), so their binary32 values are the folded ones.
    std::vector<bool> constant(program_.size(), false);
    for (NodeId id = 0; id < program_.size(); ++id) {
        const Node& n = program_.node(id);
        if (!is_constant_derived(n, constant)) continue;
        constant[id] = true;
        NodeEnclosure& c = constants_[id];
        if (n.op == Op::Constant) {
            c.f = Binary32Range::point(n.value);
            if (!std::isfinite(n.value)) {
                c.v_undefined = true;  // the algebra has no value for nan or inf
                continue;
            }
            const cln::cl_RA exact = decimal_rational(n.value);
            c.v = enclose(exact);
            c.e = enclose(cln::rational(cln::cl_DF(double(n.value))) - exact);
            c.e_bounded = true;
            c.grid = std::min(lowest_bit(n.value), 1000);
            continue;
        }
        std::vector<const NodeEnclosure*> args;
        std::vector<float> values;
        for (NodeId a : n.args) args.push_back(&constants_[a]), values.push_back(constants_[a].f.value());
        c.f = Binary32Range::point(rigor::expr::apply_scalar(n, values));
        real_model(n, args, c);
        c.grid = std::isfinite(c.f.value()) ? std::min(lowest_bit(c.f.value()), 1000) : kNoGrid;
        c.may_differ = decisions_may_differ(n, args, c.f);
        c.e_bounded = error_of(n, args, c, false, *engine_);
    }
    constant_nodes_ = std::move(constant);
}

void Binary32Enclosure::evaluate(std::span<const Binary32Range> box, std::vector<NodeEnclosure>& out) const {
    if (box.size() != input_grids_.size()) throw InternalError("enclosure: one range per input expected");
    out.resize(program_.size());
    std::vector<const NodeEnclosure*> args;
    std::vector<Binary32Range> arg_f;
    std::vector<int> arg_grids;
    for (NodeId id = 0; id < program_.size(); ++id) {
        const Node& n = program_.node(id);
        NodeEnclosure& r = out[id];
        if (constant_nodes_[id]) {
            r = constants_[id];
            continue;
        }
        if (n.op == Op::Load) {  // input n.clip
            const Binary32Range& x = box[std::size_t(n.clip)];
            r = NodeEnclosure{};
            r.f = x;
            r.v = x.as_reals();
            r.e = {0, 0};
            r.e_bounded = x.finite();
            r.grid = input_grids_[std::size_t(n.clip)];
            continue;
        }
        args.clear(), arg_f.clear(), arg_grids.clear();
        for (NodeId a : n.args) args.push_back(&out[a]), arg_f.push_back(out[a].f), arg_grids.push_back(out[a].grid);
        r = NodeEnclosure{};
        r.f = binary32_range(n, arg_f, arg_grids, *engine_);
        real_model(n, args, r);
        r.grid = grid_of(n, args);
        r.may_differ = decisions_may_differ(n, args, r.f);
        r.e_bounded = error_of(n, args, r, exact_result(n, args, r.grid), *engine_);
    }
}

}  // namespace rigor::symbolic::expr
