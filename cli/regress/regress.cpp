// `rigor regress`: local linear regression of y on x (spec: local-regression.md,
// "regression"), writing the slope, correlation and optionally intercept planes.
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/regress/regression.hpp"
#include "pixel/regress/plane_files.hpp"

namespace rigor::cli {

int regress_main(std::span<const std::string> args) {
    ArgumentParser p("rigor regress",
                     "Per-pixel least squares of y on x over a (2r+1)x(2r+1) window (vsrgtools.regression).\n"
                     "Inputs and outputs: y4m gray float (C mono32; frames stream through) or pictures\n"
                     "(.png .tif .tiff .pfm); values in VapourSynth float units (luma 0..1, chroma -0.5..0.5).");
    p.option("", "--x", "X", "predictor plane(s), e.g. luma")
        .option("", "--y", "Y", "plane(s) to predict, e.g. chroma")
        .option("", "--radius", "R", "window radius, >= 1 (default 1)")
        .option("", "--alpha", "A", "significance level of the reliability weight, (0, 1] (default 0.2)")
        .option("", "--weight-method", "M", "threshold (default) or fisher")
        .option("", "--intercept", "D", "intercept divisor: 0 = none (default), 1 = ordinary, 2 = half")
        .option("", "--eps", "E", "regulariser of the divisions (default 1e-7)")
        .option("", "--mean", "M",
                "window mean: box (default), arithmetic, harmonic, geometric, contraharmonic, lehmer, lehmer:P, "
                "minimum, maximum, median (the module's MeanMode)")
        .option("", "--border", "B",
                "window border: " + std::string(regress::border_mode_choices()))
        .option("", "--threads", "N", "worker threads (default: all cores)")
        .option("", "--slope", "S", "output: slope plane(s)")
        .option("", "--correlation", "C", "output: weighted correlation plane(s)")
        .option("", "--intercept-out", "I", "output: intercept plane(s) (needs --intercept > 0)")
        .epilog("example: rigor regress --x luma.pfm --y u.pfm --radius 2 --slope a.pfm --correlation c.pfm");
    const auto a = p.parse(args);
    if (!a) return 0;
    for (const char* required : {"--x", "--y", "--slope", "--correlation"})
        if (!a->has(required)) throw required_option(required);
    regress::RegressParams params;
    params.radius = int(a->get_int("--radius").value_or(1));
    params.alpha = a->get_double("--alpha").value_or(0.2);
    params.weight_method = regress::parse_weight_method(a->get_or("--weight-method", "threshold"));
    params.intercept = a->get_double("--intercept").value_or(0);
    params.eps = a->get_double("--eps").value_or(1e-7);
    params.border = regress::parse_border_mode(a->get_or("--border", std::string(regress::to_string(params.border))));
    params.mean = regress::parse_mean_mode(a->get_or("--mean", "box"));
    params.validate();
    if (a->has("--intercept-out") && params.intercept == 0)
        throw UsageError("--intercept-out needs --intercept > 0 (0 means no intercept)");
    const int threads = int(a->get_int("--threads").value_or(hardware_threads()));

    pixel::regress::PlaneSource xs(*a->get("--x")), ys(*a->get("--y"));
    OutputFile slope_file(*a->get("--slope")), corr_file(*a->get("--correlation"));
    std::optional<OutputFile> icpt_file;
    if (a->has("--intercept-out")) icpt_file.emplace(*a->get("--intercept-out"));
    pixel::regress::PlaneSink slope(slope_file.stream(), slope_file.path(), xs.header());
    pixel::regress::PlaneSink corr(corr_file.stream(), corr_file.path(), xs.header());
    std::optional<pixel::regress::PlaneSink> icpt;
    if (icpt_file) icpt.emplace(icpt_file->stream(), icpt_file->path(), xs.header());
    long frames = 0;
    double weight = 0;
    for (;;) {
        auto x = xs.next();
        auto y = ys.next();
        if (!x || !y) break;
        const pixel::regress::RegressionPlanes r = pixel::regress::regression(*x, *y, params, threads);
        weight = r.weight;
        slope.write(r.slope);
        corr.write(r.correlation);
        if (icpt) icpt->write(r.intercept);
        ++frames;
    }
    if (frames == 0) throw UserError("no frames: an input is empty");
    slope_file.commit();
    corr_file.commit();
    if (icpt_file) icpt_file->commit();
    std::cerr << "regress: " << frames << " frame(s), reliability weight w = " << weight << "\n";
    return 0;
}

}  // namespace rigor::cli
