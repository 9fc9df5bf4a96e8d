// rigor vc2-report: the main job.  Statically analyses a VC-2 transform, writes the
// reference-compatible JSON and prints a short summary a codec engineer can read: for
// every analysis array, the exact range of values for a picture bit width and the bits
// a register needs.
#include <chrono>
#include <cln/integer.h>
#include <cln/integer_io.h>
#include <cln/rational.h>
#include <cln/rational_io.h>
#include <cln/real.h>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/arguments.hpp"
#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "filters/vc2/wavelet.hpp"
#include "symbolic/vc2/analysis_json.hpp"
#include "symbolic/vc2/static_analysis.hpp"

namespace rigor::cli {

ArgumentParser vc2_analysis_arguments(const std::string& program, const std::string& description);
vc2::TransformConfig vc2_config_from(const Arguments& a);

namespace {

cln::cl_RA evaluate(const std::vector<vc2::BoundTerm>& terms, const cln::cl_RA& lo, const cln::cl_RA& hi) {
    cln::cl_RA v = 0;
    for (const auto& t : terms) v += t.value * (t.symbol == "signal_min" ? lo : t.symbol == "signal_max" ? hi : 1);
    return v;
}

// Bits of a two's-complement register holding v (spec §7): bit_length(v < 0 ? −v−1 : v) + 1.
int bits_for(const cln::cl_I& v) { return static_cast<int>(cln::integer_length(cln::minusp(v) ? -v - 1 : v)) + 1; }

}  // namespace

int vc2_report_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_analysis_arguments(
        "rigor vc2-report",
        "The main job: exact static analysis of a VC-2 transform (bounds and test patterns,\n"
        "the reference's JSON) and a summary of the analysis value ranges for a picture depth.");
    p.option("-b", "--bits", "B", "picture bit width for the summary (default 10)")
        .option("-o", "--output", "FILE", "write the static-analysis JSON here (required)");
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const Arguments& a = *parsed;
    const vc2::TransformConfig config = vc2_config_from(a);
    const long bits = a.get_int("--bits").value_or(10);
    if (bits < 1 || bits > 32) throw UsageError("--bits must be between 1 and 32");
    const auto path = a.get("--output");
    if (!path) throw UsageError("the argument --output/-o is required");

    const auto start = std::chrono::steady_clock::now();
    OutputFile out(*path, false);
    const vc2::ExactAnalysis r = vc2::static_filter_analysis(config);
    vc2::write_analysis_json(out.stream(), r);
    out.commit();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const auto& v = vc2::wavelet(config.wavelet_index);
    const auto& h = vc2::wavelet(config.wavelet_index_ho);
    std::cout << "VC-2 static analysis: " << v.name << " (" << v.index << ") / horizontal " << h.name << " ("
              << h.index << "), " << config.dwt_depth << " 2-D + " << config.dwt_depth_ho << " horizontal-only levels\n"
              << "  analysis:  " << r.analysis_bounds.size() << " bounds and test patterns\n"
              << "  synthesis: " << r.synthesis_bounds.size() << " bounds and test patterns\n";
    char t[64];
    std::snprintf(t, sizeof t, "%.2f s", seconds);
    std::cout << "  written to " << *path << " in " << t << "\n\n";

    const cln::cl_RA lo = -cln::expt(cln::cl_RA(2), static_cast<int>(bits - 1));
    const cln::cl_RA hi = cln::expt(cln::cl_RA(2), static_cast<int>(bits - 1)) - 1;
    std::cout << "Encoder (analysis) value ranges for " << bits << "-bit pictures (" << lo << " … " << hi
              << "), worst phase of each array:\n";
    std::cout << "  level  array     lower      upper   bits\n";
    for (std::size_t i = 0; i < r.analysis_bounds.size();) {
        const auto& first = r.analysis_bounds[i];
        cln::cl_I lmin = 0, umax = 0;
        bool init = false;
        for (; i < r.analysis_bounds.size() && r.analysis_bounds[i].level == first.level &&
               r.analysis_bounds[i].array_name == first.array_name;
             ++i) {
            // Concrete bounds are rounded away from zero (spec §7).
            const cln::cl_I l = cln::floor1(evaluate(r.analysis_bounds[i].lower, lo, hi));
            const cln::cl_I u = cln::ceiling1(evaluate(r.analysis_bounds[i].upper, lo, hi));
            if (!init || l < lmin) lmin = l;
            if (!init || u > umax) umax = u;
            init = true;
        }
        std::ostringstream line;
        line << lmin;
        std::string ls = line.str();
        line.str("");
        line << umax;
        std::snprintf(t, sizeof t, "  %5d  %-6s %9s  %9s  %5d\n", first.level, first.array_name.c_str(), ls.c_str(),
                      line.str().c_str(), std::max(bits_for(lmin), bits_for(umax)));
        std::cout << t;
    }
    std::cout << "\nDecoder (synthesis) bounds depend on quantisation: see vc2-bit-widths-table.\n";
    return 0;
}

}  // namespace rigor::cli
