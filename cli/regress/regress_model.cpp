// `rigor regress-model`: the regression model derived symbolically — the reference's
// Expr strings, the formulas over window means, exact ranges of every intermediate.
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/regress/model.hpp"
#include "filters/regress/weights.hpp"
#include "symbolic/regress/expr_string.hpp"
#include "symbolic/regress/ginac_model.hpp"
#include "symbolic/regress/ranges.hpp"

namespace rigor::cli {

namespace {

std::string text(const GiNaC::ex& e) {
    std::ostringstream s;
    s << e;
    return s.str();
}

double approx(const GiNaC::ex& e) { return GiNaC::ex_to<GiNaC::numeric>(GiNaC::evalf(e)).to_double(); }

GiNaC::numeric parse_exact(const std::string& t, const std::string& what) {
    (void)parse_double(t, what);  // validates the syntax with a clear message
    return regress::exact_decimal(parse_double(t, what));
}

std::pair<GiNaC::numeric, GiNaC::numeric> parse_range(const std::string& t, const std::string& what) {
    const auto colon = t.find(':');
    if (colon == std::string::npos) throw UsageError(what + " must be LO:HI (got '" + t + "')");
    return {parse_exact(t.substr(0, colon), what), parse_exact(t.substr(colon + 1), what)};
}

nlohmann::ordered_json steps_json(const regress::Model& m) {
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const regress::Step& s : m.steps) {
        nlohmann::ordered_json j;
        j["name"] = s.name;
        j["inputs"] = s.inputs;
        if (s.kind == regress::Step::Kind::box_mean) {
            j["kind"] = "box_mean";
            j["radius"] = s.radius;
        } else {
            j["kind"] = "expr";
            j["expr"] = regress::expr_string(s);
        }
        j["meaning"] = s.meaning;
        steps.push_back(j);
    }
    return steps;
}

}  // namespace

int regress_model_main(std::span<const std::string> args) {
    ArgumentParser p("rigor regress-model",
                     "Shows regression()/reconstruct() derived from the one model: the Expr strings the\n"
                     "reference emits, the formulas over window means, and exact ranges of every\n"
                     "intermediate for the given input ranges.");
    p.option("", "--radius", "R", "regression radius (default 1)")
        .option("", "--alpha", "A", "significance level (default 0.2)")
        .option("", "--weight-method", "M", "threshold (default) or fisher")
        .option("", "--intercept", "D", "intercept divisor (default 0: none)")
        .option("", "--eps", "E", "regulariser (default 1e-7)")
        .option("", "--recon-radius", "R", "reconstruct radius (default 1)")
        .option("", "--x-range", "LO:HI", "range of x (default 0:1, luma)")
        .option("", "--y-range", "LO:HI", "range of y (default -0.5:0.5, chroma)")
        .flag("", "--json", "print one JSON document instead of text")
        .option("-o", "--output", "FILE", "write there instead of stdout");
    const auto a = p.parse(args);
    if (!a) return 0;
    regress::RegressParams rp;
    rp.radius = int(a->get_int("--radius").value_or(1));
    rp.alpha = a->get_double("--alpha").value_or(0.2);
    rp.weight_method = regress::parse_weight_method(a->get_or("--weight-method", "threshold"));
    rp.intercept = a->get_double("--intercept").value_or(0);
    rp.eps = a->get_double("--eps").value_or(1e-7);
    rp.validate();
    regress::ReconstructParams cp;
    cp.radius = int(a->get_int("--recon-radius").value_or(1));
    cp.eps = rp.eps;
    cp.validate();
    regress::InputRanges in;
    if (auto r = a->get("--x-range")) std::tie(in.x_lo, in.x_hi) = parse_range(*r, "--x-range");
    if (auto r = a->get("--y-range")) std::tie(in.y_lo, in.y_hi) = parse_range(*r, "--y-range");

    const double w = regress::reliability_weight(rp.radius, rp.alpha, rp.weight_method);
    const regress::Model reg = regress::regression_model(rp, w);
    const regress::Model rec = regress::reconstruct_model(cp, rp.intercept != 0);
    const regress::SymbolicModel sreg = regress::symbolic_model(reg), srec = regress::symbolic_model(rec);
    const auto ranges = regress::regression_ranges(rp, w, in);

    std::ostringstream out;
    if (a->has("--json")) {
        nlohmann::ordered_json doc;
        doc["parameters"] = {{"radius", rp.radius},
                             {"window", rp.window_size()},
                             {"alpha", rp.alpha},
                             {"weight_method", std::string(regress::to_string(rp.weight_method))},
                             {"intercept", rp.intercept},
                             {"eps", rp.eps},
                             {"recon_radius", cp.radius}};
        doc["weight"] = w;
        doc["regression_steps"] = steps_json(reg);
        doc["reconstruct_steps"] = steps_json(rec);
        nlohmann::ordered_json formulas;
        for (const std::string& o : reg.outputs) formulas[o] = text(sreg.planes.at(o));
        formulas["reconstructed"] = text(srec.planes.at("reconstructed"));
        doc["formulas"] = formulas;
        nlohmann::ordered_json rj = nlohmann::ordered_json::array();
        for (const auto& r : ranges)
            rj.push_back({{"name", r.name},
                          {"lo", text(r.lo)},
                          {"hi", text(r.hi)},
                          {"lo_approx", approx(r.lo)},
                          {"hi_approx", approx(r.hi)},
                          {"exact", r.exact}});
        doc["ranges"] = rj;
        out << doc.dump(2) << "\n";
    } else {
        out << std::setprecision(17) << "regression: radius " << rp.radius << " (n = " << rp.window_size()
            << "), alpha " << regress::python_float_repr(rp.alpha) << ", " << regress::to_string(rp.weight_method)
            << " weight w = " << regress::python_float_repr(w) << ", intercept " << regress::expr_number(rp.intercept)
            << ", eps " << regress::python_float_repr(rp.eps) << "\n\nsteps (as the reference builds them):\n";
        for (const regress::Model* m : {&reg, &rec})
            for (const regress::Step& s : m->steps) {
                out << "  " << std::left << std::setw(14) << s.name;
                if (s.kind == regress::Step::Kind::box_mean) out << "BoxBlur radius " << s.radius << " of " << s.inputs[0];
                else {
                    out << "Expr \"" << regress::expr_string(s) << "\" on (";
                    for (std::size_t i = 0; i < s.inputs.size(); ++i) out << (i ? ", " : "") << s.inputs[i];
                    out << ")";
                }
                out << "\n";
            }
        out << "\nformulas over window means:\n";
        for (const std::string& o : reg.outputs) out << "  " << o << " = " << sreg.planes.at(o) << "\n";
        out << "  reconstructed = " << srec.planes.at("reconstructed") << "\n";
        out << "\nranges for x in [" << in.x_lo << ", " << in.x_hi << "], y in [" << in.y_lo << ", " << in.y_hi
            << "] (reconstruct radius " << cp.radius << "):\n";
        for (const auto& r : ranges)
            out << "  " << std::left << std::setw(14) << r.name << "[" << r.lo << ", " << r.hi << "]  ~ ["
                << std::setprecision(8) << approx(r.lo) << ", " << approx(r.hi) << "]"
                << (r.exact ? "  exact" : "  sound bound") << std::setprecision(17) << "\n";
    }
    write_text_file(a->get_or("--output", "-"), out.str());
    return 0;
}

}  // namespace rigor::cli
