// `vc2-maximum-quantisation-index STATIC.json -b BITS [-q …]` (the reference's tool):
// the largest quantisation index worth trying for a codec, i.e. the maximum over bands
// of (smallest index that quantises the band's largest value to zero + its matrix value).
#include <iostream>

#include "cli/output_file.hpp"
#include "cli/vc2_tool_arguments.hpp"
#include "pixel/vc2/concrete_bounds.hpp"

namespace rigor::cli {

int vc2_maximum_quantisation_index_main(std::span<const std::string> args) {
    const auto a = parse_vc2_tool_arguments(args, {{"-o", "--output", true}});
    if (a.help) {
        std::cout << "usage: vc2-maximum-quantisation-index STATIC_ANALYSIS.json -b BITS\n"
                     "           [-q LEVEL ORIENT VALUE [LEVEL ORIENT VALUE ...]] [-o FILE]\n\n"
                     "Prints the largest quantisation index that can affect a picture of BITS bits\n"
                     "coded with the transform of STATIC_ANALYSIS.json (from vc2-static-filter-analysis).\n"
                     "  -b, --picture-bit-width BITS          picture sample bits (1 to 32)\n"
                     "  -q, --custom-quantisation-matrix ...  LEVEL ORIENT VALUE triples; required for\n"
                     "                                        transforms without a default matrix\n"
                     "  -o, --output FILE                     write to FILE instead of stdout\n";
        return 0;
    }
    vc2::check_picture_bits(a.picture_bits);
    const auto analysis = vc2::read_static_analysis(a.static_analysis);
    const auto matrix = vc2::quantisation_matrix(analysis.config, a.quantisation);
    const auto bounds = vc2::concrete_bounds(analysis, a.picture_bits, matrix);
    write_text_file(a.value("--output").value_or("-"), std::to_string(bounds.maximum_quantisation_index) + "\n");
    return 0;
}

}  // namespace rigor::cli
