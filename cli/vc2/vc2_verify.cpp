// `rigor vc2-verify STATIC.json -b BITS [-q …]`: runs every test pattern and random and
// saturated pictures through the integer transform at full picture size and checks no
// intermediate value leaves its bound; reports per array how close the pictures came.
// Exit 0 when every interior value is in bounds (edges: see pixel/vc2_bit_widths/verification.hpp),
// 3 on a violation.  --tight: against the edge-inclusive bounds, every value of every
// array counts, edges included, at the given size (default 1920x1080) and at the minimum
// size the bounds state, witness pictures included (pixel/vc2_tight/tight_verification.hpp).
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli/vc2/vc2_verify.hpp"
#include "cli/common/progress_display.hpp"
#include "cli/vc2/vc2_tool_arguments.hpp"
#include "filters/base/error.hpp"
#include "filters/base/output_file.hpp"
#include "pixel/vc2_bit_widths/verification.hpp"
#include "pixel/vc2_tight/tight_verification.hpp"

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

// The report of one set of pictures: totals, then one CSV row per array, then the first
// violations (and, unless edges count, the first edge excesses).
std::string report_text(const bit_widths::VerificationReport& report, std::uint64_t seed) {
    std::ostringstream s;
    s << "pictures: " << report.pictures << " of " << report.width << "x" << report.height << " (seed "
      << seed << "), decodings: " << report.decodings << ", violations: " << report.violations << "\n";
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
    return s.str();
}

// --tight: both sizes, each report under a heading; exit 3 naming the first violation.
int verify_tight(const Arguments& a, const Vc2ToolInputs& in, const ProgressDisplay& display,
                 const TightBoundsAdjustment& adjust) {
    namespace t = rigor::pixel::vc2_tight;
    if (a.has("--width") != a.has("--height")) throw UsageError("--width and --height go together");
    t::TightVerificationOptions o;
    o.width = number(a, "--width", o.width);
    o.height = number(a, "--height", o.height);
    o.random_pictures = static_cast<int>(number(a, "--random-pictures", o.random_pictures));
    o.seed = static_cast<std::uint64_t>(number(a, "--seed", static_cast<long>(o.seed)));
    o.search.threads = vc2_tool_threads(a);
    o.search.progress = display.progress();
    o.adjust_bounds = adjust;
    const t::TightVerification v = t::verify_tight(in.analysis, in.picture_bits, in.matrix, o);
    const std::string at_size = std::to_string(o.width) + "x" + std::to_string(o.height);
    const std::string least =
        std::to_string(v.at_minimum.width) + "x" + std::to_string(v.at_minimum.height);
    const std::string text = "tight bounds of pictures of exactly " + at_size + ":\n" + report_text(v.at_size, o.seed) +
                             "\ntight bounds of every picture of at least " + least + ", at " + least + " (" +
                             std::to_string(v.witness_pictures) + " witness pictures):\n" +
                             report_text(v.at_minimum, o.seed);
    write_text_file(a.get_or("--output", "-"), text);
    if (v.violations() == 0) return 0;
    const bool given = v.at_size.violations > 0;
    const auto& first = (given ? v.at_size : v.at_minimum).first_violations;
    std::cerr << "rigor vc2-verify: " << v.violations() << " values outside their tight bounds; the first: "
              << (first.empty() ? std::string("?") : first.front()) << " (at " << (given ? at_size : least)
              << ")\n";
    return 3;
}

}  // namespace

int vc2_verify_main(std::span<const std::string> args) { return vc2_verify_with(args, {}); }

int vc2_verify_with(CommandArguments args, const TightBoundsAdjustment& adjust) {
    ArgumentParser p = vc2_tool_parser(
        "rigor vc2-verify",
        "Runs every test pattern of STATIC_ANALYSIS.json (both polarities), N random and N\n"
        "saturated pictures and two flat pictures through the integer VC-2 transform at full\n"
        "size, quantised at every index up to the maximum, and checks every intermediate value\n"
        "against its bound.  Prints per array the bounds, the extremes reached and how close\n"
        "(extreme / bound).",
        OptimisedPatterns::refused);
    p.option("", "--width", "W", "picture width (default: large enough for every pattern; --tight: 1920)")
        .option("", "--height", "H", "picture height (default: large enough for every pattern; --tight: 1080)")
        .option("-r", "--random-pictures", "N", "pictures of each random kind (default 4)")
        .option("-s", "--seed", "SEED", "random seed (default 1)")
        .flag("", "--include-edges", "count edge values beyond their bounds as violations")
        .flag("", "--tight", "check every value, edges included, against the bounds of vc2-bit-widths-table --tight")
        .option("-o", "--output", "FILE", "write the report to FILE instead of stdout")
        .option("-j", "--threads", "N", "worker threads for the tight bounds (default: all cores)")
        .epilog("The static analysis models arrays without edges, so its bounds apply to the interior:\n"
                "values whose dependency region lies inside the picture.  Those are checked; values\n"
                "near the picture edges (where the specification clamps lifting taps) are checked too,\n"
                "and how far they exceed their bounds is reported as information.  Exit status 3 when\n"
                "an interior value leaves its bound (with --include-edges: any value), so exit 0 means\n"
                "the static bounds hold where they apply.  With --tight every value of every array is\n"
                "checked against bounds that include the edges, and any value outside them exits 3 (the\n"
                "first named on stderr): random, saturated and flat pictures of W x H against the bounds\n"
                "of exactly that size, then the same, the test patterns that fit and the witness pictures\n"
                "of vc2-bit-widths-table --tight at the minimum size the bounds state.");
    add_vc2_progress_options(p);
    const auto parsed = p.parse(args);
    if (!parsed) return 0;
    const Arguments& a = *parsed;
    const Vc2ToolInputs in = load_vc2_tool_inputs(a);
    const ProgressDisplay display = progress_display("rigor vc2-verify", a);
    if (a.has("--tight")) return verify_tight(a, in, display, adjust);
    bit_widths::VerificationOptions options;
    options.width = number(a, "--width", 0);
    options.height = number(a, "--height", 0);
    options.random_pictures = static_cast<int>(number(a, "--random-pictures", 4));
    options.seed = static_cast<std::uint64_t>(number(a, "--seed", 1));
    options.include_edges = a.has("--include-edges");
    options.progress = display.progress();
    const auto report = bit_widths::verify_bounds(in.analysis, in.picture_bits, in.matrix, options);
    write_text_file(a.get_or("--output", "-"), report_text(report, options.seed));
    if (report.violations > 0) {
        std::cerr << "vc2-verify: " << report.violations << " values outside their bounds\n";
        return 3;
    }
    return 0;
}

}  // namespace rigor::cli
