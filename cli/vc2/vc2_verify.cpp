// `rigor vc2-verify STATIC.json -b BITS [-q …]`: runs every test pattern and random and
// saturated pictures through the integer transform at full picture size and checks no
// intermediate value leaves its bound; reports per array how close the pictures came.
// Exit 0 when every interior value is in bounds (edges: see pixel/vc2_bit_widths/verification.hpp),
// 3 on a violation.  --tight: against the edge-inclusive bounds (pixel/vc2_tight), every
// value of every array counts, edges included.
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/vc2/vc2_tool_arguments.hpp"
#include "filters/base/error.hpp"
#include "filters/base/output_file.hpp"
#include "pixel/vc2_bit_widths/verification.hpp"
#include "pixel/vc2_tight/tight_table.hpp"

namespace rigor::cli {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

long number(const Arguments& a, const std::string& flag, long fallback) {
    const auto v = a.get(flag);
    if (!v) return fallback;
    try {
        std::size_t used = 0;
        const long n = std::stol(*v, &used);
        if (used == v->size() && n >= 0) return n;
    } catch (const std::exception&) {
    }
    throw UserError(flag + " '" + *v + "' is not a non-negative integer");
}

}  // namespace

int vc2_verify_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_tool_parser(
        "rigor vc2-verify",
        "Runs every test pattern of STATIC_ANALYSIS.json (both polarities), N random and N\n"
        "saturated pictures and two flat pictures through the integer VC-2 transform at full\n"
        "size, quantised at every index up to the maximum, and checks every intermediate value\n"
        "against its bound.  Prints per array the bounds, the extremes reached and how close\n"
        "(extreme / bound).",
        OptimisedPatterns::refused);
    p.option("", "--width", "W", "picture width (default: large enough for every pattern)")
        .option("", "--height", "H", "picture height (default: large enough for every pattern)")
        .option("-r", "--random-pictures", "N", "pictures of each random kind (default 4)")
        .option("-s", "--seed", "SEED", "random seed (default 1)")
        .flag("", "--include-edges", "count edge values beyond their bounds as violations")
        .flag("", "--tight", "check every value, edges included, against the bounds of vc2-bit-widths-table --tight")
        .option("-o", "--output", "FILE", "write the report to FILE instead of stdout")
        .epilog("The static analysis models arrays without edges, so its bounds apply to the interior:\n"
                "values whose dependency region lies inside the picture.  Those are checked; values\n"
                "near the picture edges (where the specification clamps lifting taps) are checked too,\n"
                "and how far they exceed their bounds is reported as information.  Exit status 3 when\n"
                "an interior value leaves its bound (with --include-edges: any value), so exit 0 means\n"
                "the static bounds hold where they apply.  With --tight every value of every array is\n"
                "checked against bounds that include the edges, and any value outside them exits 3.");
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const Arguments& a = *parsed;
    const Vc2ToolInputs in = load_vc2_tool_inputs(a);
    bit_widths::VerificationOptions options;
    options.width = number(a, "--width", 0);
    options.height = number(a, "--height", 0);
    options.random_pictures = static_cast<int>(number(a, "--random-pictures", 4));
    options.seed = static_cast<std::uint64_t>(number(a, "--seed", 1));
    options.include_edges = a.has("--include-edges");
    std::optional<bit_widths::ReplacementBounds> tight;
    if (a.has("--tight")) {
        namespace t = rigor::pixel::vc2_tight;
        const t::PictureGeometry geometry = options.width > 0 && options.height > 0
                                                ? t::exact_geometry(in.analysis.config, options.width, options.height)
                                                : t::minimum_geometry(in.analysis.config);
        tight = t::replacement_bounds(t::tight_bounds(geometry, bit_widths::picture_range(in.picture_bits), in.matrix,
                                                      vc2_tool_threads(a)));
        options.replacement = &*tight;
    }
    const auto report = bit_widths::verify_bounds(in.analysis, in.picture_bits, in.matrix, options);

    std::ostringstream s;
    s << "pictures: " << report.pictures << " of " << report.width << "x" << report.height << " (seed "
      << options.seed << "), decodings: " << report.decodings << ", violations: " << report.violations << "\n";
    s << "edge values (dependency region crosses a picture edge): " << report.edge_values
      << ", beyond their bound: " << report.edge_beyond << ", largest excess: " << report.edge_excess
      << (report.include_edges ? " (counted as violations)" : " (information, not counted)") << "\n";
    s << "type,level,array_name,lower_bound,seen_min,seen_max,upper_bound,closeness,violations,edge_beyond,"
         "edge_excess\n";
    for (const auto& o : report.arrays) {
        char closeness[32];
        std::snprintf(closeness, sizeof closeness, "%.4f", o.closeness());
        const bool seen = o.seen_min <= o.seen_max;
        s << (o.synthesis ? "synthesis" : "analysis") << ',' << o.level << ',' << o.name << ',' << o.lower << ','
          << (seen ? std::to_string(o.seen_min) : "") << ',' << (seen ? std::to_string(o.seen_max) : "") << ','
          << o.upper << ',' << closeness << ',' << o.violations << ',' << o.edge_beyond << ',' << o.edge_excess
          << "\n";
    }
    for (const auto& v : report.first_violations) s << "violation: " << v << "\n";
    if (!report.include_edges)
        for (const auto& v : report.first_edge_excesses) s << "edge excess: " << v << "\n";
    write_text_file(a.get_or("--output", "-"), s.str());
    if (report.violations > 0) {
        std::cerr << "vc2-verify: " << report.violations << " values outside their bounds\n";
        return 3;
    }
    return 0;
}

}  // namespace rigor::cli
