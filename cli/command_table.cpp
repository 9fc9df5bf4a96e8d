// The one list of `rigor`'s commands, in the order `rigor --help` shows them; their
// entries are declared in cli/commands.hpp.
#include "cli/command_table.hpp"

#include "cli/commands.hpp"

namespace rigor::cli {

namespace {
constexpr Command kCommands[] = {
    {"expr", "per-pixel expressions (akarin.Expr language) on y4m video and pictures", expr_main},
    {"select", "per frame, the input an Expr program on frame properties picks (akarin.Select)", select_main},
    {"stats", "per frame, a plane's min/max/average/difference (std.PlaneStats) as a property file for select",
     stats_main},
    {"infix", "a postfix Expr program as infix", infix_main},
    {"postfix", "an infix expression as a postfix Expr program", postfix_main},
    {"analyse", "an Expr program's algebra, exact output range, extreme inputs, derivatives", analyse_main},
    {"regress", "local linear regression of one plane on another (slope, correlation)", regress_main},
    {"reconstruct", "predict a plane from x and a regression's slope/correlation", reconstruct_main},
    {"chroma-reconstruct", "repair badly resized chroma from luma (ChromaReconstruct recipe)", chroma_reconstruct_main},
    {"regress-model", "the regression model derived: Expr strings, formulas, exact ranges", regress_model_main},
    {"vc2-report", "the main job: static analysis of a VC-2 transform + a summary", vc2_report_main},
    {"vc2-static-filter-analysis", "exact bounds and test patterns (BBC tool's arguments)",
     vc2_static_filter_analysis_main},
    {"vc2-filter", "equivalent filters of every subband: exact taps, DC/Nyquist gains, L1 norms", vc2_filter_main},
    {"vc2-bit-widths-table", "bounds vs. test-pattern values per array (BBC tool's arguments)",
     vc2_bit_widths_table_main},
    {"vc2-maximum-quantisation-index", "largest useful quantisation index (BBC tool's arguments)",
     vc2_maximum_quantisation_index_main},
    {"vc2-bit-width-test-pictures", "test patterns packed into PNG test pictures (BBC tool's arguments)",
     vc2_bit_width_test_pictures_main},
    {"vc2-optimise-synthesis-test-patterns", "stronger synthesis test patterns by seeded search (BBC tool's arguments)", vc2_optimise_synthesis_test_patterns_main},
    {"vc2-bundle", "create, list and extract bundles of analyses and optimised patterns (BBC tool's arguments)", vc2_bundle_main},
    {"vc2-dwt", "integer VC-2 analysis: picture -> coefficients JSON", vc2_dwt_main},
    {"vc2-idwt", "integer VC-2 synthesis: coefficients JSON -> picture", vc2_idwt_main},
    {"vc2-verify", "run test patterns and pictures through the integer transform against the bounds",
     vc2_verify_main},
    {"vc2-static-filter-analysis-combine", "merge batched analyses (BBC tool's arguments)",
     vc2_static_filter_analysis_combine_main},
};
}  // namespace

std::span<const Command> all_commands() { return kCommands; }

const Command* find_command(std::string_view name) {
    for (const Command& c : all_commands())
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace rigor::cli
