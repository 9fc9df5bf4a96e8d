// `rigor analyse EXPR --range x=0:255 ...`: the output range of one Expr program as it
// runs (the engine, pixel/expr/probe.hpp, handed to symbolic/expr here) and in real
// arithmetic, extreme inputs, clipping and partial derivatives (symbolic/expr/analysis.hpp).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/command.hpp"
#include "filters/base/output_file.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/parser.hpp"
#include "pixel/expr/probe.hpp"
#include "pixel/io/format.hpp"
#include "symbolic/expr/analysis.hpp"

namespace rigor::cli {

int analyse_main(std::span<const std::string> args) {
    ArgumentParser p("rigor analyse",
                     "Analyses an Expr program for given input ranges: the output range as the program\n"
                     "runs (binary32, then the output format's rounding and clamping: every input run\n"
                     "through the engine when the inputs take at most 2^24 values jointly, else a sound\n"
                     "binary32 enclosure whose ends are exact only where the engine reaches them), the\n"
                     "inputs reaching the minimum and maximum, the range in real arithmetic (the algebra:\n"
                     "exact rationals, certified enclosures for sqrt/exp/log/sin/cos/pow), whether the\n"
                     "output format clips, the expression simplified (GiNaC) and its partial derivatives.");
    p.positional("EXPR", "the program, postfix (e.g. 'x 0.3 * y 0.7 * +'), or infix with --infix")
        .option("", "--range", "NAME=MIN:MAX",
                "range of an input: a clip (x, y, ..., srcN; covers x[dx,dy]), X, Y, N, width, height, or x.Prop;\n"
                "every input used needs one (repeat the option)")
        .option("", "--format", "FMT", "output format: gray8 gray10 gray16 grays yuv420p8 ... (default: float, no clipping)")
        .option("", "--input", "[CLIP=]FMT",
                "sample format of the input clips (or of one clip; repeat the option); default: the output\n"
                "format where the ranges fit it, else float")
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
    symbolic::expr::EngineSetup setup;
    for (const std::string& i : a->all("--input")) {
        const auto eq = i.find('=');
        const pixel::VideoFormat vf = pixel::parse_format_name(eq == std::string::npos ? i : i.substr(eq + 1));
        if (!setup.inputs) setup.inputs = symbolic::expr::ClipFormats{{}, {format.is_float, format.bits}};
        const expr::SampleStorage s{vf.is_float(), vf.bits};
        if (eq == std::string::npos) setup.inputs->fallback = s;
        else setup.inputs->by_clip[i.substr(0, eq)] = s;
    }
    const expr::EngineProbe engine = pixel::expr::engine_probe();
    setup.probe = &engine;
    symbolic::expr::Analysis result = symbolic::expr::analyse(e, ranges, format, setup);
    std::string out =
        a->has("--json") ? symbolic::expr::to_json(result).dump(1) + "\n" : symbolic::expr::to_text(result);
    write_text_file(a->get_or("--output", "-"), out);
    return 0;
}

}  // namespace rigor::cli
