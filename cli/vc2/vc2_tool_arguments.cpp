#include "cli/vc2/vc2_tool_arguments.hpp"

#include <algorithm>
#include <charconv>
#include <thread>

#include "filters/base/error.hpp"
#include "filters/formats/vc2_optimised_patterns.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

namespace rigor::cli {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

constexpr const char* kStaticAnalysis = "STATIC_ANALYSIS.json";
constexpr const char* kOptimised = "OPTIMISED.json";

}  // namespace

ArgumentParser& add_vc2_codec_options(ArgumentParser& p, OptimisedPatterns optimised) {
    return p
        .option("-b", "--picture-bit-width", "BITS",
                optimised == OptimisedPatterns::accepted
                    ? "picture sample bits, 1 to 32 (required unless OPTIMISED.json gives them)"
                    : "picture sample bits, 1 to 32 (required)")
        .option("-q", "--custom-quantisation-matrix", "LEVEL ORIENT VALUE",
                "quantisation matrix entries, overriding the default matrix\n"
                "      (required for transforms without one)",
                ArgumentParser::kOneOrMore);
}

ArgumentParser& add_vc2_progress_options(ArgumentParser& p, OwnVerbose own) {
    if (own == OwnVerbose::no) p.flag("-v", "--verbose", "progress on stderr from the start, as plain lines");
    return p.flag("", "--quiet", "no progress on stderr (else shown for work longer than a moment)");
}

ArgumentParser vc2_tool_parser(std::string program, std::string description, OptimisedPatterns optimised) {
    ArgumentParser p(std::move(program), std::move(description));
    p.positional(kStaticAnalysis, "the static filter analysis (from vc2-static-filter-analysis)");
    if (optimised == OptimisedPatterns::accepted)
        p.positional(kOptimised,
                     "optimised synthesis test patterns (from vc2-optimise-synthesis-test-patterns):\n"
                     "      their synthesis patterns, bit width and quantisation matrix are used",
                     false, true);
    add_vc2_codec_options(p, optimised);
    return p;
}

std::optional<int> picture_bit_width(const Arguments& a) {
    const auto text = a.get("--picture-bit-width");
    if (!text) return std::nullopt;
    int v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || text->empty())
        throw UsageError("picture bit width '" + *text + "' is not an integer");
    return v;
}

int required_picture_bit_width(const Arguments& a) {
    const auto bits = picture_bit_width(a);
    if (!bits) throw required_option("-b/--picture-bit-width", "BITS");
    return *bits;
}

unsigned vc2_tool_threads(const Arguments& a) {
    const auto threads = a.get_int("--threads");
    if (!threads) return std::max(1u, std::thread::hardware_concurrency());
    if (*threads < 0 || *threads > 1024) throw UsageError("--threads must be between 0 and 1024");
    return static_cast<unsigned>(*threads);
}

Vc2ToolInputs load_vc2_tool_inputs(const Arguments& a) {
    const std::vector<std::string>& optimised = a.positional(kOptimised);
    const std::vector<std::string> quantisation = a.all("--custom-quantisation-matrix");
    if (optimised.empty()) {
        const int bits = required_picture_bit_width(a);
        bit_widths::check_picture_bits(bits);
        Vc2ToolInputs in{formats::read_static_analysis(a.positional(kStaticAnalysis).at(0)), bits, {}};
        in.matrix = vc2::quantisation_matrix(in.analysis.config, quantisation);
        return in;
    }
    const std::string& path = optimised[0];
    const std::optional<int> bits = picture_bit_width(a);
    Vc2ToolInputs in{formats::read_static_analysis(a.positional(kStaticAnalysis).at(0)), 0, {}};
    const auto o = formats::read_optimised_patterns(path);
    if (bits && *bits != o.picture_bit_width)
        throw UserError(path + ": optimised for " + std::to_string(o.picture_bit_width) + "-bit pictures, not " +
                        std::to_string(*bits) + " (-b)");
    if (!quantisation.empty())
        throw UserError("-q cannot be used with optimised synthesis test patterns (they carry their matrix)");
    bit_widths::check_picture_bits(o.picture_bit_width);
    in.analysis = formats::with_optimised_patterns(std::move(in.analysis), o, path);
    in.picture_bits = o.picture_bit_width;
    in.matrix = o.matrix;
    return in;
}

}  // namespace rigor::cli
