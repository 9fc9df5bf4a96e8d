// The arguments the VC-2 companion tools share (the reference's spelling), declared once on
// an ArgumentParser, and the one sequence that loads what they name:
//   STATIC_ANALYSIS.json [OPTIMISED.json] -b/--picture-bit-width BITS
//   [-q/--custom-quantisation-matrix LEVEL ORIENT VALUE [LEVEL ORIENT VALUE …]]
// (-q takes words up to the next option, argparse's nargs='+'; given twice, the triples
// of both count).
#pragma once
#include <optional>
#include <string>

#include "cli/common/arguments.hpp"
#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "filters/vc2/quantisation_matrix.hpp"

namespace rigor::cli {

// Whether a tool takes the reference's optional optimised synthesis test patterns file
// (from vc2-optimise-synthesis-test-patterns) after STATIC_ANALYSIS.json.
enum class OptimisedPatterns { refused, accepted };

// Declares -b and -q on a parser (also vc2-bundle's extract command, which looks a
// configuration up by them).
ArgumentParser& add_vc2_codec_options(ArgumentParser& p, OptimisedPatterns optimised = OptimisedPatterns::refused);

// Declares the progress options (cli/common/progress_display.hpp): --quiet (long only:
// -q is the quantisation matrix) and, unless the tool has its own -v, -v/--verbose.
enum class OwnVerbose { no, yes };
ArgumentParser& add_vc2_progress_options(ArgumentParser& p, OwnVerbose own = OwnVerbose::no);

// A tool's parser: STATIC_ANALYSIS.json [OPTIMISED.json], -b and -q; the tool adds its own
// options and any later positionals.
ArgumentParser vc2_tool_parser(std::string program, std::string description, OptimisedPatterns optimised);

// The value of -b, if given; throws UsageError when it is not an integer.  The required
// form also throws UsageError when -b is missing (no range check: see load_vc2_tool_inputs).
std::optional<int> picture_bit_width(const Arguments& a);
int required_picture_bit_width(const Arguments& a);

// The value of -j/--threads of a tool that has it; by default every core.
unsigned vc2_tool_threads(const Arguments& a);

// What the tools work on: -b checked (1 to 32), STATIC_ANALYSIS.json read, and the
// quantisation matrix (the transform's default with the -q triples applied).  With
// OPTIMISED.json its synthesis patterns, bit width and quantisation matrix are used
// instead: -b may be left out (if given it must agree) and -q is refused.
struct Vc2ToolInputs {
    formats::StaticAnalysis analysis;
    int picture_bits = 0;
    vc2::QuantisationMatrix matrix;
};
Vc2ToolInputs load_vc2_tool_inputs(const Arguments& a);

}  // namespace rigor::cli
