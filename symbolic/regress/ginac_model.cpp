#include "symbolic/regress/ginac_model.hpp"

#include "filters/base/error.hpp"
#include "filters/regress/expr_string.hpp"

namespace rigor::symbolic::regress {

namespace {
// rmax(a, b): max of two reals, evaluated only when both are numbers.
GiNaC::ex rmax_eval(const GiNaC::ex& a, const GiNaC::ex& b) {
    if (GiNaC::is_a<GiNaC::numeric>(a) && GiNaC::is_a<GiNaC::numeric>(b))
        return GiNaC::ex_to<GiNaC::numeric>(a) > GiNaC::ex_to<GiNaC::numeric>(b) ? a : b;
    return GiNaC::function(GiNaC::function::find_function("rmax", 2), a, b).hold();
}
}  // namespace

DECLARE_FUNCTION_2P(rigor_rmax)
REGISTER_FUNCTION(rigor_rmax, eval_func(rmax_eval).set_name("rmax", "\\max"))

GiNaC::ex rmax(const GiNaC::ex& a, const GiNaC::ex& b) { return rigor_rmax(a, b); }

GiNaC::numeric exact_decimal(double value) {
    const std::string text = rigor::regress::python_float_repr(value);
    const std::size_t e = text.find('e');
    std::string mantissa = text.substr(0, e);
    int exponent = e == std::string::npos ? 0 : std::stoi(text.substr(e + 1));
    bool negative = false;
    if (!mantissa.empty() && mantissa[0] == '-') negative = true, mantissa.erase(0, 1);
    if (const std::size_t dot = mantissa.find('.'); dot != std::string::npos) {
        exponent -= int(mantissa.size() - dot - 1);
        mantissa.erase(dot, 1);
    }
    GiNaC::numeric v(mantissa.c_str());
    v *= GiNaC::pow(GiNaC::numeric(10), GiNaC::numeric(exponent));
    return negative ? -v : v;
}

GiNaC::ex to_ginac(const rigor::regress::Formula& f, const std::vector<GiNaC::ex>& args) {
    using Op = rigor::regress::Formula::Op;
    switch (f.op()) {
        case Op::input: return args.at(f.input_index());
        case Op::number: return exact_decimal(f.value());
        case Op::sqrt: return GiNaC::sqrt(to_ginac(f.args()[0], args));
        default: break;
    }
    const GiNaC::ex a = to_ginac(f.args()[0], args), b = to_ginac(f.args()[1], args);
    switch (f.op()) {
        case Op::add: return a + b;
        case Op::sub: return a - b;
        case Op::mul: return a * b;
        case Op::div: return a / b;
        case Op::max: return rmax(a, b);
        default: throw InternalError("unknown formula node");
    }
}

SymbolicModel symbolic_model(const rigor::regress::Model& model) {
    SymbolicModel s;
    for (const std::string& in : model.inputs) {
        s.symbols.emplace(in, GiNaC::symbol(in));
        s.planes[in] = s.symbols.at(in);
    }
    for (const rigor::regress::Step& step : model.steps) {
        if (step.kind == rigor::regress::Step::Kind::box_mean) {
            s.symbols.emplace(step.name, GiNaC::symbol(step.name));
            s.planes[step.name] = s.symbols.at(step.name);
            continue;
        }
        std::vector<GiNaC::ex> args;
        for (const std::string& in : step.inputs) args.push_back(s.planes.at(in));
        s.planes[step.name] = to_ginac(step.formula, args);
    }
    return s;
}

}  // namespace rigor::symbolic::regress
