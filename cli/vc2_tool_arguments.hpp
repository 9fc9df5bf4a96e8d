// The arguments the VC-2 companion tools share (the reference's spelling):
//   STATIC_ANALYSIS.json -b/--picture-bit-width BITS
//   [-q/--custom-quantisation-matrix LEVEL ORIENT VALUE [LEVEL ORIENT VALUE …]]
// plus whatever flags a tool adds (each with or without a value).
#pragma once
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pixel/vc2/quantisation_matrix.hpp"
#include "pixel/vc2/static_analysis.hpp"

namespace rigor::cli {

struct Vc2ToolFlag {
    std::string short_name;  // "-p" (may be empty)
    std::string long_name;   // "--show-all-filter-phases"
    bool takes_value = false;
};

struct Vc2ToolArguments {
    std::string static_analysis;          // the positional file
    std::vector<std::string> positionals;  // any further positionals
    int picture_bits = 0;
    bool picture_bits_given = false;  // -b was on the command line
    std::vector<std::string> quantisation;  // the -q words, in triples
    std::map<std::string, std::string> flags;  // long name → value ("" for switches)
    bool help = false;

    bool has(const std::string& long_name) const { return flags.count(long_name) != 0; }
    std::optional<std::string> value(const std::string& long_name) const;
    // The value of --threads (a tool that accepts it), else every core; throws
    // rigor::UserError for a value that is not a number.
    unsigned threads() const;
};

// Throws rigor::UserError for an unknown flag, a missing value, a malformed bit width,
// or a missing STATIC_ANALYSIS / -b (unless --help, or bits_optional: picture_bits = 0).
Vc2ToolArguments parse_vc2_tool_arguments(std::span<const std::string> args, const std::vector<Vc2ToolFlag>& extra,
                                          std::size_t max_positionals = 1, bool bits_optional = false);

// What the table and test-picture tools work on.  With an optimised synthesis test
// patterns file (the reference's optional second file) its synthesis patterns, bit width
// and quantisation matrix are used: -b may be left out (if given it must agree) and -q
// is refused; otherwise -b is required and -q applies.
struct Vc2ToolInputs {
    vc2::StaticAnalysis analysis;
    int picture_bits = 0;
    vc2::QuantisationMatrix matrix;
};
Vc2ToolInputs load_vc2_tool_inputs(const Vc2ToolArguments& arguments, const std::optional<std::string>& optimised);

}  // namespace rigor::cli
