#include "symbolic/expr/piecewise.hpp"

#include <algorithm>
#include <cln/rational.h>
#include <cln/real.h>
#include <cmath>
#include <set>

#include "symbolic/expr/interval_evaluation.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/variables.hpp"

namespace rigor::symbolic::expr {

namespace {

using cln::cl_RA;
using rigor::expr::Node;
using rigor::expr::Op;
using Vec = std::vector<cl_RA>;

// c + Σ k[i]·v[i] over the variables in a fixed order.
struct Form {
    cl_RA c = 0;
    Vec k;
};

Form constant(std::size_t n, const cl_RA& c) { return {c, Vec(n, 0)}; }
Form combine(const Form& a, const Form& b, const cl_RA& sb) {  // a + sb·b
    Form r = a;
    r.c = r.c + sb * b.c;
    for (std::size_t i = 0; i < r.k.size(); ++i) r.k[i] = r.k[i] + sb * b.k[i];
    return r;
}
Form scaled(const Form& a, const cl_RA& s) { return combine(constant(a.k.size(), 0), a, s); }
bool is_constant(const Form& f) {
    for (const cl_RA& k : f.k)
        if (!cln::zerop(k)) return false;
    return true;
}
cl_RA value(const Form& f, const Vec& p) {
    cl_RA s = f.c;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!cln::zerop(f.k[i])) s = s + f.k[i] * p[i];
    return s;
}
// f divided by the magnitude of its first non-zero coefficient (or constant): two forms
// are positive multiples of each other exactly when their normalisations are equal.
Form normalised(const Form& f) {
    cl_RA m = 0;
    for (const cl_RA& k : f.k)
        if (!cln::zerop(k)) {
            m = cln::abs(k);
            break;
        }
    if (cln::zerop(m)) m = cln::abs(f.c);
    return cln::zerop(m) ? f : scaled(f, 1 / m);
}
bool same(const Form& a, const Form& b) {
    if (a.c != b.c) return false;
    for (std::size_t i = 0; i < a.k.size(); ++i)
        if (a.k[i] != b.k[i]) return false;
    return true;
}

struct Cut {
    Form g;  // normalised; g >= 0, or g > 0 when strict
    bool strict = false;
};

struct LexLess {
    bool operator()(const Vec& a, const Vec& b) const {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (int c = cln::compare(a[i], b[i])) return c < 0;
        return false;
    }
};

struct Region {
    std::vector<Cut> cuts;
    std::vector<Vec> points;  // contains every vertex of the closure, inside it
};

struct NotPiecewise {};
struct OutOfBudget {};

// The region on the side g >= 0 (or g > 0: the same closure) of a cut.
Region cut(const Region& r, const Form& g, bool strict, long& budget) {
    Region out;
    out.cuts = r.cuts;
    out.cuts.push_back({normalised(g), strict});
    std::vector<cl_RA> gv;
    gv.reserve(r.points.size());
    for (const Vec& p : r.points) gv.push_back(value(g, p));
    std::set<Vec, LexLess> points;
    for (std::size_t i = 0; i < r.points.size(); ++i)
        if (!cln::minusp(gv[i])) points.insert(r.points[i]);
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        if (!cln::plusp(gv[i])) continue;
        for (std::size_t j = 0; j < r.points.size(); ++j) {
            if (!cln::minusp(gv[j])) continue;
            if (--budget < 0) throw OutOfBudget{};
            cl_RA t = gv[i] / (gv[i] - gv[j]);  // g(p + t(q − p)) = 0
            Vec x = r.points[i];
            for (std::size_t d = 0; d < x.size(); ++d) x[d] = x[d] + t * (r.points[j][d] - x[d]);
            points.insert(std::move(x));
        }
    }
    out.points.assign(points.begin(), points.end());
    budget -= long(out.points.size());
    if (budget < 0) throw OutOfBudget{};
    return out;
}

enum class Decision { Yes, No, Unknown };

// Walks the program over one region; either every test is decided (root() is the affine
// form of the program there) or a split is requested.
class Walker {
public:
    Walker(const rigor::expr::Expr& e, const std::map<std::string, std::size_t>& index, const Region& r)
        : e_(e), index_(index), r_(r), n_(index.size()) {}

    bool run() {
        forms_.clear();
        for (rigor::expr::NodeId id = 0; id < e_.size(); ++id) {
            std::optional<Form> f = node(e_.node(id));
            if (!f) return false;
            forms_.push_back(std::move(*f));
        }
        return true;
    }
    const Form& root() const { return forms_[e_.root()]; }
    // The requested split: children {g > 0 | −g >= 0} (truth) or {g >= 0 | −g >= 0}.
    const Form& split_form() const { return split_; }
    bool split_is_truth() const { return truth_split_; }

private:
    std::pair<cl_RA, cl_RA> extent(const Form& f) const {
        cl_RA lo = value(f, r_.points.front()), hi = lo;
        for (const Vec& p : r_.points) {
            cl_RA v = value(f, p);
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return {lo, hi};
    }
    bool has_strict_cut(const Form& f) const {
        Form nf = normalised(f);
        for (const Cut& c : r_.cuts)
            if (c.strict && same(c.g, nf)) return true;
        return false;
    }
    // Whether f > 0 on the whole region (the truth of a value).
    Decision positive(const Form& f) {
        if (is_constant(f)) return cln::plusp(f.c) ? Decision::Yes : Decision::No;
        auto [lo, hi] = extent(f);
        if (!cln::plusp(hi)) return Decision::No;
        if (cln::plusp(lo) || (cln::zerop(lo) && has_strict_cut(f))) return Decision::Yes;
        split_ = f;
        truth_split_ = true;
        return Decision::Unknown;
    }
    // Whether f >= 0 (Yes) or f <= 0 (No) on the whole region.
    Decision non_negative(const Form& f) {
        if (is_constant(f)) return cln::minusp(f.c) ? Decision::No : Decision::Yes;
        auto [lo, hi] = extent(f);
        if (!cln::minusp(lo)) return Decision::Yes;
        if (!cln::plusp(hi)) return Decision::No;
        split_ = f;
        truth_split_ = false;
        return Decision::Unknown;
    }

    Form truth(bool t) const { return constant(n_, t ? 1 : 0); }
    std::optional<Form> larger(const Form& a, const Form& b) {  // max(a, b)
        Decision d = non_negative(combine(a, b, -1));
        if (d == Decision::Unknown) return std::nullopt;
        return d == Decision::Yes ? a : b;
    }
    std::optional<Form> smaller(const Form& a, const Form& b) {
        Decision d = non_negative(combine(a, b, -1));
        if (d == Decision::Unknown) return std::nullopt;
        return d == Decision::Yes ? b : a;
    }

    std::optional<Form> node(const Node& n) {
        auto a = [&](std::size_t i) -> const Form& { return forms_[n.args[i]]; };
        switch (n.op) {
            case Op::Constant:
                if (!std::isfinite(n.value)) throw NotPiecewise{};
                return constant(n_, decimal_rational(n.value));
            case Op::Add: return combine(a(0), a(1), 1);
            case Op::Sub: return combine(a(0), a(1), -1);
            case Op::Mul:
                if (is_constant(a(0))) return scaled(a(1), a(0).c);
                if (is_constant(a(1))) return scaled(a(0), a(1).c);
                throw NotPiecewise{};
            case Op::Div:
                if (is_constant(a(1)) && !cln::zerop(a(1).c)) return scaled(a(0), 1 / a(1).c);
                throw NotPiecewise{};
            case Op::Max: return larger(a(0), a(1));
            case Op::Min: return smaller(a(0), a(1));
            case Op::Clamp: {  // max(min(v, hi), lo)
                std::optional<Form> m = smaller(a(0), a(2));
                if (!m) return std::nullopt;
                return larger(*m, a(1));
            }
            case Op::Abs: {
                Decision d = non_negative(a(0));
                if (d == Decision::Unknown) return std::nullopt;
                return d == Decision::Yes ? a(0) : scaled(a(0), -1);
            }
            // Comparisons through the truth of a difference: a > b ⇔ a − b > 0,
            // a >= b ⇔ !(b − a > 0), a == b ⇔ !(a − b > 0) && !(b − a > 0).
            case Op::Gt:
            case Op::Lt:
            case Op::Ge:
            case Op::Le: {
                bool first_minus_second = n.op == Op::Gt || n.op == Op::Le;
                Decision d = positive(first_minus_second ? combine(a(0), a(1), -1) : combine(a(1), a(0), -1));
                if (d == Decision::Unknown) return std::nullopt;
                bool strict_op = n.op == Op::Gt || n.op == Op::Lt;
                return truth((d == Decision::Yes) == strict_op);
            }
            case Op::Eq: {
                Decision d1 = positive(combine(a(0), a(1), -1));
                if (d1 == Decision::Unknown) return std::nullopt;
                if (d1 == Decision::Yes) return truth(false);
                Decision d2 = positive(combine(a(1), a(0), -1));
                if (d2 == Decision::Unknown) return std::nullopt;
                return truth(d2 == Decision::No);
            }
            case Op::And:
            case Op::Or:
            case Op::Xor: {
                Decision d1 = positive(a(0));
                if (d1 == Decision::Unknown) return std::nullopt;
                Decision d2 = positive(a(1));
                if (d2 == Decision::Unknown) return std::nullopt;
                bool x = d1 == Decision::Yes, y = d2 == Decision::Yes;
                return truth(n.op == Op::And ? (x && y) : n.op == Op::Or ? (x || y) : (x != y));
            }
            case Op::Not: {
                Decision d = positive(a(0));
                if (d == Decision::Unknown) return std::nullopt;
                return truth(d == Decision::No);
            }
            case Op::Select: {
                Decision d = positive(a(0));
                if (d == Decision::Unknown) return std::nullopt;
                return d == Decision::Yes ? a(1) : a(2);
            }
            default: {
                std::string v = variable_name(n);  // a leaf (an absolute pixel's value is free whatever its coordinates)
                if (v.empty()) throw NotPiecewise{};
                Form f = constant(n_, 0);
                f.k[index_.at(v)] = 1;
                return f;
            }
        }
    }

    const rigor::expr::Expr& e_;
    const std::map<std::string, std::size_t>& index_;
    const Region& r_;
    std::size_t n_;
    std::vector<Form> forms_;
    Form split_;
    bool truth_split_ = false;
};

}  // namespace

std::optional<PiecewiseExtremes> piecewise_extremes(const rigor::expr::Expr& e, const std::map<std::string, Interval>& box,
                                                    long budget) {
    std::vector<std::string> vars = used_variables(e);
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < vars.size(); ++i) index[vars[i]] = i;
    for (const std::string& v : vars)
        if (!box.count(v) || !box.at(v).lo.finite() || !box.at(v).hi.finite()) return std::nullopt;
    if (vars.size() > 16) return std::nullopt;  // 2^n corners

    Region start;
    {
        std::set<Vec, LexLess> corners;
        for (unsigned long m = 0; m < (1UL << vars.size()); ++m) {
            Vec p(vars.size());
            for (std::size_t i = 0; i < vars.size(); ++i) p[i] = ((m >> i) & 1) ? box.at(vars[i]).hi.value : box.at(vars[i]).lo.value;
            corners.insert(std::move(p));
        }
        start.points.assign(corners.begin(), corners.end());
        budget -= long(start.points.size());
        if (budget < 0) return std::nullopt;
    }
    auto named = [&](const Vec& p) {
        Point out;
        for (std::size_t i = 0; i < vars.size(); ++i) out[vars[i]] = p[i];
        return out;
    };

    PiecewiseExtremes out;
    bool have_bounds = false, have_min = false, have_max = false;
    std::vector<Region> stack{std::move(start)};
    try {
        while (!stack.empty()) {
            Region r = std::move(stack.back());
            stack.pop_back();
            Walker w(e, index, r);
            if (!w.run()) {
                Form g = w.split_form();
                Region pos = cut(r, g, w.split_is_truth(), budget);
                Region neg = cut(r, scaled(g, -1), false, budget);
                for (Region* c : {&pos, &neg})
                    if (!c->points.empty()) stack.push_back(std::move(*c));
                continue;
            }
            ++out.regions;
            // Extremes of the affine form over the closure, then the program's exact value
            // at the vertices attaining them (a vertex on a jump may belong to the other side).
            const Form& f = w.root();
            std::vector<cl_RA> fv;
            for (const Vec& p : r.points) fv.push_back(value(f, p));
            cl_RA lo = *std::min_element(fv.begin(), fv.end()), hi = *std::max_element(fv.begin(), fv.end());
            if (!have_bounds || Bound::of(lo) < out.lo) out.lo = Bound::of(lo);
            if (!have_bounds || out.hi < Bound::of(hi)) out.hi = Bound::of(hi);
            have_bounds = true;
            auto try_points = [&](const cl_RA& target, bool maximum) {
                if (maximum ? (have_max && out.max_value >= target) : (have_min && out.min_value <= target)) return;
                int tries = 0;
                for (std::size_t i = 0; i < r.points.size() && tries < 8; ++i) {
                    if (fv[i] != target) continue;
                    ++tries;
                    ++out.evaluations;
                    --budget;
                    Point p = named(r.points[i]);
                    PointValue v = evaluate_at(e, p);
                    if (!v.value || !v.exact) continue;
                    if (maximum && (!have_max || *v.value > out.max_value)) out.max_value = *v.value, out.max_at = p, have_max = true;
                    if (!maximum && (!have_min || *v.value < out.min_value)) out.min_value = *v.value, out.min_at = p, have_min = true;
                    if (*v.value == target) return;
                }
            };
            try_points(hi, true);
            try_points(lo, false);
            if (budget < 0) throw OutOfBudget{};
        }
    } catch (const NotPiecewise&) {
        return std::nullopt;
    } catch (const OutOfBudget&) {
        return std::nullopt;
    }
    if (!have_bounds || !have_min || !have_max) return std::nullopt;
    return out;
}

}  // namespace rigor::symbolic::expr
