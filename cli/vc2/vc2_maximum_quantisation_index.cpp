// `vc2-maximum-quantisation-index STATIC.json -b BITS [-q …]` (the reference's tool):
// the largest quantisation index worth trying for a codec, i.e. the maximum over bands
// of (smallest index that quantises the band's largest value to zero + its matrix value).
#include "cli/commands.hpp"
#include "cli/vc2/vc2_tool_arguments.hpp"
#include "filters/base/output_file.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

namespace rigor::cli {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

int vc2_maximum_quantisation_index_main(std::span<const std::string> args) {
    ArgumentParser p = vc2_tool_parser(
        "vc2-maximum-quantisation-index",
        "Prints the largest quantisation index that can affect a picture of BITS bits\n"
        "coded with the transform of STATIC_ANALYSIS.json (from vc2-static-filter-analysis).",
        OptimisedPatterns::refused);
    p.option("-o", "--output", "FILE", "write to FILE instead of stdout");
    const auto a = p.parse(args);
    if (!a) return 0;
    const auto in = load_vc2_tool_inputs(*a);
    const auto bounds = bit_widths::concrete_bounds(in.analysis, in.picture_bits, in.matrix);
    write_text_file(a->get_or("--output", "-"), std::to_string(bounds.maximum_quantisation_index) + "\n");
    return 0;
}

}  // namespace rigor::cli
