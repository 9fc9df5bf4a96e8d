#include "filters/regress/model.hpp"

#include "filters/base/error.hpp"

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
    return Step{std::move(name), Step::Kind::pointwise, std::move(inputs), std::move(f), 0, letters, std::move(meaning)};
}

Step box(std::string name, std::string input, int radius, std::string meaning) {
    return Step{std::move(name), Step::Kind::box_mean, {std::move(input)}, Formula::input(0), radius, false,
                std::move(meaning)};
}

}  // namespace

Model regression_model(const RegressParams& p, double w) {
    p.validate();
    const Formula eps = Formula::number(p.eps), zero = Formula::number(0);
    Model m;
    m.inputs = {"x", "y"};
    auto& s = m.steps;
    // Products first, then one box mean each (the reference's Expr + BoxBlur pairs).
    s.push_back(pointwise("xx", {"x"}, s0 * s0, "x²"));
    s.push_back(pointwise("xy", {"x", "y"}, s0 * s1, "x·y"));
    s.push_back(pointwise("yy", {"y"}, s0 * s0, "y²"));
    s.push_back(box("mu_x", "x", p.radius, "μx = M[x]"));
    s.push_back(box("mu_y", "y", p.radius, "μy = M[y]"));
    s.push_back(box("S_xx", "xx", p.radius, "Sxx = M[x²]"));
    s.push_back(box("S_xy", "xy", p.radius, "Sxy = M[xy]"));
    s.push_back(box("S_yy", "yy", p.radius, "Syy = M[y²]"));
    const Formula var = max(s0 - s1 * s1, zero);
    s.push_back(pointwise("var_x", {"S_xx", "mu_x"}, var, "var_x = max(Sxx − μx², 0)"));
    s.push_back(pointwise("var_y", {"S_yy", "mu_y"}, var, "var_y = max(Syy − μy², 0)"));
    s.push_back(pointwise("cov", {"S_xy", "mu_x", "mu_y"}, s0 - s1 * s2, "cov = Sxy − μx·μy"));
    s.push_back(pointwise("slope", {"cov", "var_x"}, s0 / (s1 + eps), "slope a = cov / (var_x + ε)"));
    m.outputs.push_back("slope");
    if (p.intercept != 0) {
        s.push_back(pointwise("intercept", {"mu_y", "slope", "mu_x"}, (s0 - s1 * s2) / Formula::number(p.intercept),
                              "intercept b = (μy − a·μx) / intercept"));
        m.outputs.push_back("intercept");
    }
    Formula rho = sqrt(s0 * s0 / (s1 * s2 + eps));
    Formula c = w == 1 ? rho : max((rho - Formula::number(1 - w)) / Formula::number(w), zero);
    s.push_back(pointwise("correlation", {"cov", "var_x", "var_y"}, c,
                          w == 1 ? "c = ρ = √(cov² / (var_x·var_y + ε))"
                                 : "c = max((ρ − (1 − w)) / w, 0), ρ = √(cov² / (var_x·var_y + ε))"));
    m.outputs.push_back("correlation");
    return m;
}

Model reconstruct_model(const ReconstructParams& p, bool with_intercept) {
    p.validate();
    const Formula eps = Formula::number(p.eps);
    Model m;
    m.inputs = {"x", "slope", "correlation"};
    if (with_intercept) m.inputs.push_back("intercept");
    auto& s = m.steps;
    s.push_back(pointwise("ac", {"slope", "correlation"}, s0 * s1, "a·c", true));
    if (with_intercept) s.push_back(pointwise("bc", {"intercept", "correlation"}, s0 * s1, "b·c", true));
    s.push_back(box("M_ac", "ac", p.radius, "M_R[a·c]"));
    if (with_intercept) s.push_back(box("M_bc", "bc", p.radius, "M_R[b·c]"));
    s.push_back(box("M_c", "correlation", p.radius, "M_R[c]"));
    // Without intercept the b term is 0 and is left out rather than passed as a zero plane.
    if (with_intercept)
        s.push_back(pointwise("reconstructed", {"x", "M_ac", "M_bc", "M_c"}, (s0 * s1 + s2) / (s3 + eps),
                              "out = (x·M[a·c] + M[b·c]) / (M[c] + ε)", true));
    else
        s.push_back(pointwise("reconstructed", {"x", "M_ac", "M_c"}, (s0 * s1) / (s2 + eps),
                              "out = x·M[a·c] / (M[c] + ε)", true));
    m.outputs.push_back("reconstructed");
    return m;
}

}  // namespace rigor::regress
