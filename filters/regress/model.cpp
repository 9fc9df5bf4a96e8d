#include "filters/regress/model.hpp"

#include "filters/base/error.hpp"
#include "filters/regress/formulas.hpp"

namespace rigor::regress {

const Step& Model::step(const std::string& name) const {
    for (const Step& s : steps)
        if (s.name == name) return s;
    throw InternalError("regression model has no step '" + name + "'");
}

namespace {

const Formula s0 = Formula::input(0), s1 = Formula::input(1), s2 = Formula::input(2), s3 = Formula::input(3);

Step pointwise(std::string name, std::vector<std::string> inputs, Formula f, std::string meaning,
               bool letters = false) {
    return Step{std::move(name), Step::Kind::pointwise, std::move(inputs), std::move(f), 0, {}, letters, std::move(meaning)};
}

Step box(std::string name, std::string input, int radius, std::string meaning, MeanMode mean) {
    return Step{std::move(name), Step::Kind::box_mean, {std::move(input)}, Formula::input(0), radius, mean, false,
                std::move(meaning)};
}

}  // namespace

Model regression_model(const RegressParams& p, double w) {
    using namespace formulas;
    p.validate();
    const Formula eps = Formula::number(p.eps), zero = Formula::number(0);
    Model m;
    m.inputs = {"x", "y"};
    auto& s = m.steps;
    // Products first, then one window mean each (the reference's Expr + BoxBlur pairs).
    s.push_back(pointwise("xx", {"x"}, product(s0, s0), "x²"));
    s.push_back(pointwise("xy", {"x", "y"}, product(s0, s1), "x·y"));
    s.push_back(pointwise("yy", {"y"}, product(s0, s0), "y²"));
    s.push_back(box("mu_x", "x", p.radius, "μx = M[x]", p.mean));
    s.push_back(box("mu_y", "y", p.radius, "μy = M[y]", p.mean));
    s.push_back(box("S_xx", "xx", p.radius, "Sxx = M[x²]", p.mean));
    s.push_back(box("S_xy", "xy", p.radius, "Sxy = M[xy]", p.mean));
    s.push_back(box("S_yy", "yy", p.radius, "Syy = M[y²]", p.mean));
    s.push_back(pointwise("var_x", {"S_xx", "mu_x"}, variance(s0, s1, zero), "var_x = max(Sxx − μx², 0)"));
    s.push_back(pointwise("var_y", {"S_yy", "mu_y"}, variance(s0, s1, zero), "var_y = max(Syy − μy², 0)"));
    s.push_back(pointwise("cov", {"S_xy", "mu_x", "mu_y"}, covariance(s0, s1, s2), "cov = Sxy − μx·μy"));
    s.push_back(pointwise("slope", {"cov", "var_x"}, slope(s0, s1, eps), "slope a = cov / (var_x + ε)"));
    m.outputs.push_back("slope");
    if (p.intercept != 0) {
        s.push_back(pointwise("intercept", {"mu_y", "slope", "mu_x"},
                              intercept(s0, s1, s2, Formula::number(p.intercept)),
                              "intercept b = (μy − a·μx) / intercept"));
        m.outputs.push_back("intercept");
    }
    const Formula r = rho(s0, s1, s2, eps);
    const Formula c = w == 1 ? r : weighted_correlation(r, Formula::number(1 - w), Formula::number(w), zero);
    s.push_back(pointwise("correlation", {"cov", "var_x", "var_y"}, c,
                          w == 1 ? "c = ρ = √(cov² / (var_x·var_y + ε))"
                                 : "c = max((ρ − (1 − w)) / w, 0), ρ = √(cov² / (var_x·var_y + ε))"));
    m.outputs.push_back("correlation");
    return m;
}

Model reconstruct_model(const ReconstructParams& p, bool with_intercept) {
    using namespace formulas;
    p.validate();
    const Formula eps = Formula::number(p.eps);
    Model m;
    m.inputs = {"x", "slope", "correlation"};
    if (with_intercept) m.inputs.push_back("intercept");
    auto& s = m.steps;
    s.push_back(pointwise("ac", {"slope", "correlation"}, product(s0, s1), "a·c", true));
    if (with_intercept) s.push_back(pointwise("bc", {"intercept", "correlation"}, product(s0, s1), "b·c", true));
    s.push_back(box("M_ac", "ac", p.radius, "M_R[a·c]", p.mean));
    if (with_intercept) s.push_back(box("M_bc", "bc", p.radius, "M_R[b·c]", p.mean));
    s.push_back(box("M_c", "correlation", p.radius, "M_R[c]", p.mean));
    // Without intercept the b term is 0 and is left out rather than passed as a zero plane.
    if (with_intercept)
        s.push_back(pointwise("reconstructed", {"x", "M_ac", "M_bc", "M_c"}, reconstructed(s0, s1, s2, s3, eps),
                              "out = (x·M[a·c] + M[b·c]) / (M[c] + ε)", true));
    else
        s.push_back(pointwise("reconstructed", {"x", "M_ac", "M_c"}, reconstructed(s0, s1, s2, eps),
                              "out = x·M[a·c] / (M[c] + ε)", true));
    m.outputs.push_back("reconstructed");
    return m;
}

}  // namespace rigor::regress
