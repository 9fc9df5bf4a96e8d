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
// or a missing STATIC_ANALYSIS / -b (unless --help).
Vc2ToolArguments parse_vc2_tool_arguments(std::span<const std::string> args, const std::vector<Vc2ToolFlag>& extra,
                                          std::size_t max_positionals = 1);

}  // namespace rigor::cli
