// The fuzz entry of `rigor analyse` (cli/expr/analyse.cpp): the program and the --range,
// --format and --input texts through the command's own argument handling, then the whole
// analysis (algebra, the running program on the engine, hazards, rounding error) and its
// report.  Kept in its own file: it is the one entry that needs the symbolic engine.
//
// Input: lines.  The first is the program; each further line is one option, so the fuzzer
// cannot name an output file or any option the command does not take from a user's text:
//   "format F" → --format F,  "input I" → --input I,  "infix" → --infix,
//   "text" → the text report instead of --json,  anything else → --range LINE.
// Every option is one token (--range=LINE) and the program comes after "--", so no line
// is read as another option (-o elsewhere).  The report goes to a private temporary
// file; a --json report must parse as JSON.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "filters/base/error.hpp"
#include "tests/fuzz/entries.hpp"
#include "tests/fuzz/entry_support.hpp"

namespace rigor::fuzz {

void analyse_arguments(Bytes data) {
    std::string_view text = text_of(data);
    const std::size_t first_end = text.find('\n');
    const std::string program(text.substr(0, first_end));
    std::vector<std::string> args;
    bool json = true;
    if (first_end != std::string_view::npos) text.remove_prefix(first_end + 1);
    else text = {};
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        const std::string line(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (line.starts_with("format ")) args.push_back("--format=" + line.substr(7));
        else if (line.starts_with("input ")) args.push_back("--input=" + line.substr(6));
        else if (line == "infix") args.emplace_back("--infix");
        else if (line == "text") json = false;
        else args.push_back("--range=" + line);
    }
    TempFile report(Bytes{}, json ? ".json" : ".txt");
    args.insert(args.end(), {"--output=" + report.path()});
    if (json) args.emplace_back("--json");
    args.insert(args.end(), {"--", program});
    (void)cli::analyse_main(args);
    if (!json) return;
    std::ifstream in(report.path(), std::ios::binary);
    const std::string document{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!nlohmann::json::accept(document)) std::abort();  // a report no JSON reader takes
}

}  // namespace rigor::fuzz
