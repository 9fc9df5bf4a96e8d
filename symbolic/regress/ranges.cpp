#include "symbolic/regress/ranges.hpp"

#include <algorithm>

#include "filters/base/error.hpp"
#include "symbolic/regress/ginac_model.hpp"

namespace rigor::symbolic::regress {

namespace {

using GiNaC::ex;
using GiNaC::numeric;

ex min_of(std::initializer_list<ex> v) {
    return *std::min_element(v.begin(), v.end(), [](const ex& a, const ex& b) { return approx(a) < approx(b); });
}
ex max_of(std::initializer_list<ex> v) {
    return *std::max_element(v.begin(), v.end(), [](const ex& a, const ex& b) { return approx(a) < approx(b); });
}

ExactRange product(std::string name, const ex& alo, const ex& ahi, const ex& blo, const ex& bhi, bool exact) {
    const ex p1 = alo * blo, p2 = alo * bhi, p3 = ahi * blo, p4 = ahi * bhi;
    return {std::move(name), min_of({p1, p2, p3, p4}), max_of({p1, p2, p3, p4}), exact};
}

ExactRange square(std::string name, const numeric& lo, const numeric& hi) {
    const numeric l2 = lo * lo, h2 = hi * hi;
    const numeric top = std::max(l2, h2);
    const numeric bottom = (lo <= 0 && hi >= 0) ? numeric(0) : std::min(l2, h2);
    return {std::move(name), bottom, top, true};
}

}  // namespace

double approx(const GiNaC::ex& e) { return GiNaC::ex_to<numeric>(GiNaC::evalf(e)).to_double(); }

const ExactRange& find_range(const std::vector<ExactRange>& ranges, const std::string& name) {
    for (const ExactRange& r : ranges)
        if (r.name == name) return r;
    throw InternalError("no range for '" + name + "'");
}

std::vector<ExactRange> regression_ranges(const rigor::regress::RegressParams& p, double w,
                                          const InputRanges& in) {
    p.validate();
    if (in.x_lo > in.x_hi || in.y_lo > in.y_hi) throw UserError("an input range has lo > hi");
    const numeric n((2 * p.radius + 1) * (2 * p.radius + 1));
    const numeric k = GiNaC::iquo(n, numeric(2));
    const numeric spread = k * (n - k) / (n * n);  // max p(1−p) over p ∈ {0, 1/n, …, 1}
    const numeric dx = in.x_hi - in.x_lo, dy = in.y_hi - in.y_lo;
    const numeric vx = spread * dx * dx, vy = spread * dy * dy;
    const numeric eps = exact_decimal(p.eps), wt = exact_decimal(w);

    std::vector<ExactRange> r;
    r.push_back(square("xx", in.x_lo, in.x_hi));
    r.push_back(product("xy", in.x_lo, in.x_hi, in.y_lo, in.y_hi, true));
    r.push_back(square("yy", in.y_lo, in.y_hi));
    r.push_back({"mu_x", in.x_lo, in.x_hi, true});
    r.push_back({"mu_y", in.y_lo, in.y_hi, true});
    r.push_back({"S_xx", r[0].lo, r[0].hi, true});
    r.push_back({"S_xy", r[1].lo, r[1].hi, true});
    r.push_back({"S_yy", r[2].lo, r[2].hi, true});
    r.push_back({"var_x", 0, vx, true});
    r.push_back({"var_y", 0, vy, true});
    const ex cov = GiNaC::sqrt(ex(vx * vy));  // ex: numeric sqrt would be a float
    r.push_back({"cov", -cov, cov, true});
    // √v/(v + ε) rises up to v = ε, falls after it.
    const numeric v = eps <= vx ? eps : vx;
    if (eps == 0) throw UserError("ranges need eps > 0 (the slope is unbounded otherwise)");
    const ex slope = GiNaC::sqrt(ex(vy)) * GiNaC::sqrt(ex(v)) / (v + eps);
    r.push_back({"slope", -slope, slope, true});
    const ex slope_lo = -slope, slope_hi = slope;
    if (p.intercept != 0) {
        const numeric div = exact_decimal(p.intercept);
        const ExactRange am = product("a·μx", slope_lo, slope_hi, in.x_lo, in.x_hi, false);
        r.push_back({"intercept", (in.y_lo - am.hi) / div, (in.y_hi - am.lo) / div, false});
    }
    const ex rho = GiNaC::sqrt(ex(vx * vy / (vx * vy + eps)));
    ex c_hi = rho;
    if (w != 1) c_hi = max_of({(rho - (1 - wt)) / wt, 0});
    r.push_back({"correlation", 0, c_hi, true});
    // reconstruct: M[a·c]/(M[c] + ε) is a c-weighted mean of slopes times M[c]/(M[c]+ε) ∈ [0, 1),
    // so it lies in [min(a_lo, 0), max(a_hi, 0)]; likewise the intercept term.
    const ex abar_lo = min_of({slope_lo, 0}), abar_hi = max_of({slope_hi, 0});
    ExactRange out = product("reconstructed", abar_lo, abar_hi, in.x_lo, in.x_hi, false);
    if (p.intercept != 0) {
        const ExactRange& b = find_range(r, "intercept");
        out.lo = out.lo + min_of({b.lo, 0});
        out.hi = out.hi + max_of({b.hi, 0});
    }
    r.push_back(out);
    return r;
}

}  // namespace rigor::symbolic::regress
