// `rigor regress-model`: the regression model derived symbolically — the reference's
// Expr strings, the formulas over window means, exact ranges of every intermediate
// (symbolic/regress/model_report.hpp).
#include <string>
#include <tuple>
#include <utility>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/regress/params.hpp"
#include "symbolic/regress/ginac_model.hpp"
#include "symbolic/regress/model_report.hpp"

namespace rigor::cli {

namespace {

// The exact rational the decimal means (1e-07 is 1/10^7, not the double's expansion).
GiNaC::numeric parse_exact(const std::string& t, const std::string& what) {
    return symbolic::regress::exact_decimal(parse_double(t, what));
}

std::pair<GiNaC::numeric, GiNaC::numeric> parse_range(const std::string& t, const std::string& what) {
    const auto colon = t.find(':');
    if (colon == std::string::npos) throw UsageError(what + " must be LO:HI (got '" + t + "')");
    return {parse_exact(t.substr(0, colon), what), parse_exact(t.substr(colon + 1), what)};
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
    symbolic::regress::InputRanges in;
    if (auto r = a->get("--x-range")) std::tie(in.x_lo, in.x_hi) = parse_range(*r, "--x-range");
    if (auto r = a->get("--y-range")) std::tie(in.y_lo, in.y_hi) = parse_range(*r, "--y-range");

    const symbolic::regress::ModelReport report = symbolic::regress::model_report(rp, cp, in);
    const std::string out =
        a->has("--json") ? symbolic::regress::to_json(report).dump(2) + "\n" : symbolic::regress::to_text(report);
    write_text_file(a->get_or("--output", "-"), out);
    return 0;
}

}  // namespace rigor::cli
