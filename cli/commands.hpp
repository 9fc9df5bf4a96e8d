// Every command's entry, declared once.  Each `<name>_main` is the command `rigor <name>`
// (its dashes as underscores), defined in cli/<feature>/<name>.cpp: it parses its own
// arguments (args excludes the command name), prints `--help` and returns an exit code,
// throwing rigor::UserError (UsageError for argument mistakes) for run_command() to turn
// into a one-line message (cli/common/command.hpp).
#pragma once
#include <span>
#include <string>

namespace rigor::cli {

using CommandArguments = std::span<const std::string>;

// cli/expr (rigor_cli_expr): Expr programs as text and on pixels, frame selection
// and the frame properties it reads.
int expr_main(CommandArguments args);
int select_main(CommandArguments args);
int stats_main(CommandArguments args);
int infix_main(CommandArguments args);
int postfix_main(CommandArguments args);
int analyse_main(CommandArguments args);

// cli/regress (rigor_cli_regress): local regression and chroma reconstruction.
int regress_main(CommandArguments args);
int reconstruct_main(CommandArguments args);
int chroma_reconstruct_main(CommandArguments args);
int regress_model_main(CommandArguments args);

// cli/vc2, rigor_cli_vc2_analysis (the symbolic engine): the static analysis, the
// equivalent filters.
int vc2_static_filter_analysis_main(CommandArguments args);
int vc2_report_main(CommandArguments args);
int vc2_filter_main(CommandArguments args);

// cli/vc2, rigor_cli_vc2 (numeric only, no GiNaC): the companion tools.
int vc2_static_filter_analysis_combine_main(CommandArguments args);
int vc2_bit_widths_table_main(CommandArguments args);
int vc2_maximum_quantisation_index_main(CommandArguments args);
int vc2_bit_width_test_pictures_main(CommandArguments args);
int vc2_optimise_synthesis_test_patterns_main(CommandArguments args);
int vc2_bundle_main(CommandArguments args);
int vc2_dwt_main(CommandArguments args);
int vc2_idwt_main(CommandArguments args);
int vc2_verify_main(CommandArguments args);

}  // namespace rigor::cli
