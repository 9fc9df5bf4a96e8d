// `rigor analyse EXPR --range x=0:255 ...`: the algebra, exact output range, extreme
// inputs, clipping and partial derivatives of one Expr program (symbolic/expr/analysis.hpp).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/command.hpp"
#include "filters/base/output_file.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/parser.hpp"
#include "pixel/io/format.hpp"
#include "symbolic/expr/analysis.hpp"

namespace rigor::cli {

int analyse_main(std::span<const std::string> args) {
    ArgumentParser p("rigor analyse",
                     "Analyses an Expr program for given input ranges: the expression simplified (GiNaC)\n"
                     "as infix and as optimised postfix, the exact output range (certified enclosure for\n"
                     "sqrt/exp/log/sin/cos/pow), the inputs reaching the minimum and maximum, whether the\n"
                     "output format clips, and the partial derivatives.");
    p.positional("EXPR", "the program, postfix (e.g. 'x 0.3 * y 0.7 * +'), or infix with --infix")
        .option("", "--range", "NAME=MIN:MAX",
                "range of an input: a clip (x, y, ..., srcN; covers x[dx,dy]), X, Y, N, width, height, or x.Prop;\n"
                "every input used needs one (repeat the option)")
        .option("", "--format", "FMT", "output format: gray8 gray10 gray16 grays yuv420p8 ... (default: float, no clipping)")
        .flag("", "--infix", "EXPR is infix ('(x - 128) * 1.1 + 128')")
        .flag("", "--json", "print one JSON document")
        .option("-o", "--output", "FILE", "write there instead of stdout")
        .epilog("example: rigor analyse 'x[-1,0] 2 * x 6 * + x[1,0] 2 * - 6 /' --range x=0:255 --format gray8");
    const auto a = p.parse(args);
    if (!a) return 0;
    const std::string& text = a->positional("EXPR").at(0);
    expr::Expr e = a->has("--infix") ? expr::parse_infix(text) : expr::parse(text);
    symbolic::expr::InputRanges ranges;
    for (const std::string& r : a->all("--range")) {
        auto [name, interval] = symbolic::expr::parse_range(r);
        ranges[name] = interval;
    }
    symbolic::expr::OutputFormat format;
    if (auto f = a->get("--format")) {
        pixel::VideoFormat vf = pixel::parse_format_name(*f);
        format = {vf.name(), vf.is_float(), vf.bits};
    }
    symbolic::expr::Analysis result = symbolic::expr::analyse(e, ranges, format);
    std::string out =
        a->has("--json") ? symbolic::expr::to_json(result).dump(1) + "\n" : symbolic::expr::to_text(result);
    write_text_file(a->get_or("--output", "-"), out);
    return 0;
}

}  // namespace rigor::cli
