// `rigor reconstruct`: the correlation-weighted average of the neighbours' linear models
// at each pixel (spec: local-regression.md, "reconstruct").
#include <optional>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/regress/regression.hpp"
#include "pixel/regress/plane_files.hpp"

namespace rigor::cli {

int reconstruct_main(std::span<const std::string> args) {
    ArgumentParser p("rigor reconstruct",
                     "out = (x*M[a*c] + M[b*c]) / (M[c] + eps), M the window mean of radius R (0 = identity),\n"
                     "from the planes `rigor regress` wrote (vsrgtools.reconstruct).");
    p.option("", "--x", "X", "predictor plane(s)")
        .option("", "--slope", "S", "slope plane(s) a")
        .option("", "--correlation", "C", "correlation plane(s) c")
        .option("", "--intercept-in", "I", "intercept plane(s) b (optional)")
        .option("", "--radius", "R", "box radius, >= 0 (default 1)")
        .option("", "--eps", "E", "regulariser (default 1e-7)")
        .option("", "--mean", "M",
                "window mean: box (default), arithmetic, harmonic, geometric, contraharmonic, lehmer, lehmer:P, "
                "minimum, maximum, median (the module's MeanMode)")
        .option("", "--border", "B",
                "window border: " + std::string(regress::border_mode_choices()))
        .option("", "--threads", "N", "worker threads (default: all cores)")
        .option("-o", "--output", "OUT", "output y4m (mono32) or picture")
        .epilog("example: rigor reconstruct --x luma.pfm --slope a.pfm --correlation c.pfm --radius 2 -o u_pred.pfm");
    const auto a = p.parse(args);
    if (!a) return 0;
    for (const char* required : {"--x", "--slope", "--correlation", "--output"})
        if (!a->has(required)) throw required_option(required);
    regress::ReconstructParams params;
    params.radius = int(a->get_int("--radius").value_or(1));
    params.eps = a->get_double("--eps").value_or(1e-7);
    params.border = regress::parse_border_mode(a->get_or("--border", std::string(regress::to_string(params.border))));
    params.mean = regress::parse_mean_mode(a->get_or("--mean", "box"));
    params.validate();
    const int threads = int(a->get_int("--threads").value_or(hardware_threads()));

    pixel::regress::PlaneSource xs(*a->get("--x")), as(*a->get("--slope")), cs(*a->get("--correlation"));
    std::optional<pixel::regress::PlaneSource> bs;
    if (a->has("--intercept-in")) bs.emplace(*a->get("--intercept-in"));
    OutputFile out_file(*a->get("--output"));
    pixel::regress::PlaneSink out(out_file.stream(), out_file.path(), xs.header());
    long frames = 0;
    for (;;) {
        auto x = xs.next();
        auto s = as.next();
        auto c = cs.next();
        std::optional<pixel::Plane> b;
        if (bs) b = bs->next();
        if (!x || !s || !c || (bs && !b)) break;
        out.write(pixel::regress::reconstruction(*x, *s, *c, b ? &*b : nullptr, params, threads));
        ++frames;
    }
    if (frames == 0) throw UserError("no frames: an input is empty");
    out_file.commit();
    return 0;
}

}  // namespace rigor::cli
