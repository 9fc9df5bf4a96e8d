#include "symbolic/regress/model_report.hpp"

#include <iomanip>
#include <sstream>

#include "filters/regress/expr_string.hpp"
#include "filters/regress/weights.hpp"

namespace rigor::symbolic::regress {

namespace {

using rigor::regress::Model;
using rigor::regress::Step;

// GiNaC's own printing of an expression (its term order is GiNaC's: not stable from run
// to run, so never compared as text).
std::string text(const GiNaC::ex& e) {
    std::ostringstream s;
    s << e;
    return s.str();
}

nlohmann::ordered_json steps_json(const Model& m) {
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const Step& s : m.steps) {
        nlohmann::ordered_json j;
        j["name"] = s.name;
        j["inputs"] = s.inputs;
        if (s.kind == Step::Kind::box_mean) {
            j["kind"] = "box_mean";
            j["radius"] = s.radius;
        } else {
            j["kind"] = "expr";
            j["expr"] = rigor::regress::expr_string(s);
        }
        j["meaning"] = s.meaning;
        steps.push_back(j);
    }
    return steps;
}

}  // namespace

ModelReport model_report(const rigor::regress::RegressParams& regress,
                         const rigor::regress::ReconstructParams& reconstruct, const InputRanges& inputs) {
    ModelReport r;
    r.regress = regress;
    r.reconstruct = reconstruct;
    r.inputs = inputs;
    r.weight = rigor::regress::reliability_weight(regress.radius, regress.alpha, regress.weight_method);
    r.regression = rigor::regress::regression_model(regress, r.weight);
    r.reconstruction = rigor::regress::reconstruct_model(reconstruct, regress.intercept != 0);
    r.regression_formulas = symbolic_model(r.regression);
    r.reconstruction_formulas = symbolic_model(r.reconstruction);
    r.ranges = regression_ranges(regress, r.weight, inputs);
    return r;
}

nlohmann::ordered_json to_json(const ModelReport& r) {
    const rigor::regress::RegressParams& rp = r.regress;
    nlohmann::ordered_json doc;
    doc["parameters"] = {{"radius", rp.radius},
                         {"window", rp.window_size()},
                         {"alpha", rp.alpha},
                         {"weight_method", std::string(rigor::regress::to_string(rp.weight_method))},
                         {"intercept", rp.intercept},
                         {"eps", rp.eps},
                         {"recon_radius", r.reconstruct.radius}};
    doc["weight"] = r.weight;
    doc["regression_steps"] = steps_json(r.regression);
    doc["reconstruct_steps"] = steps_json(r.reconstruction);
    nlohmann::ordered_json formulas;
    for (const std::string& o : r.regression.outputs) formulas[o] = text(r.regression_formulas.planes.at(o));
    formulas["reconstructed"] = text(r.reconstruction_formulas.planes.at("reconstructed"));
    doc["formulas"] = formulas;
    nlohmann::ordered_json rj = nlohmann::ordered_json::array();
    for (const auto& e : r.ranges)
        rj.push_back({{"name", e.name},
                      {"lo", text(e.lo)},
                      {"hi", text(e.hi)},
                      {"lo_approx", approx(e.lo)},
                      {"hi_approx", approx(e.hi)},
                      {"exact", e.exact}});
    doc["ranges"] = rj;
    return doc;
}

std::string to_text(const ModelReport& r) {
    using rigor::regress::expr_number;
    using rigor::regress::python_float_repr;
    const rigor::regress::RegressParams& rp = r.regress;
    std::ostringstream out;
    out << std::setprecision(17) << "regression: radius " << rp.radius << " (n = " << rp.window_size() << "), alpha "
        << python_float_repr(rp.alpha) << ", " << rigor::regress::to_string(rp.weight_method)
        << " weight w = " << python_float_repr(r.weight) << ", intercept " << expr_number(rp.intercept) << ", eps "
        << python_float_repr(rp.eps) << "\n\nsteps (as the reference builds them):\n";
    for (const Model* m : {&r.regression, &r.reconstruction})
        for (const Step& s : m->steps) {
            out << "  " << std::left << std::setw(14) << s.name;
            if (s.kind == Step::Kind::box_mean) out << "BoxBlur radius " << s.radius << " of " << s.inputs[0];
            else {
                out << "Expr \"" << rigor::regress::expr_string(s) << "\" on (";
                for (std::size_t i = 0; i < s.inputs.size(); ++i) out << (i ? ", " : "") << s.inputs[i];
                out << ")";
            }
            out << "\n";
        }
    out << "\nformulas over window means:\n";
    for (const std::string& o : r.regression.outputs)
        out << "  " << o << " = " << r.regression_formulas.planes.at(o) << "\n";
    out << "  reconstructed = " << r.reconstruction_formulas.planes.at("reconstructed") << "\n";
    out << "\nranges for x in [" << r.inputs.x_lo << ", " << r.inputs.x_hi << "], y in [" << r.inputs.y_lo << ", "
        << r.inputs.y_hi << "] (reconstruct radius " << r.reconstruct.radius << "):\n";
    for (const auto& e : r.ranges)
        out << "  " << std::left << std::setw(14) << e.name << "[" << e.lo << ", " << e.hi << "]  ~ ["
            << std::setprecision(8) << approx(e.lo) << ", " << approx(e.hi) << "]"
            << (e.exact ? "  exact" : "  sound bound") << std::setprecision(17) << "\n";
    return out.str();
}

}  // namespace rigor::symbolic::regress
