// vc2-bundle: the reference's bundle tool (vc2_bit_widths/scripts/vc2_bundle.py) with its
// subcommands and arguments:
//   create BUNDLE -s/--static-filter-analysis FILE… -o/--optimised-synthesis-test-patterns FILE…
//   list BUNDLE
//   extract-static-filter-analysis BUNDLE -w W [-W WH] [-d D] [-D DH] [-o OUT]
//   extract-optimised-synthesis-test-patterns BUNDLE -w … -b BITS [-q L O V …] [-o OUT]
// Documents go into the bundle as json.dumps(json.load(file)) and come out the same way
// plus a newline, so a file the reference tools wrote comes back byte for byte.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/vc2/vc2_config_arguments.hpp"
#include "filters/base/file_error.hpp"
#include "cli/vc2/vc2_tool_arguments.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_bundle.hpp"
#include "filters/vc2/wavelet.hpp"

namespace rigor::cli {

namespace {

// Each subcommand has its own parser (`vc2-bundle NAME BUNDLE [options]`).
struct Subcommand {
    const char* name;
    int (*run)(const Arguments&);
    ArgumentParser (*parser)();
};

ArgumentParser subcommand_parser(const std::string& name, const std::string& summary,
                                 const std::string& bundle_help) {
    ArgumentParser p("vc2-bundle " + name, summary);
    p.positional("BUNDLE", bundle_help);
    return p;
}

std::string read_bytes(const std::string& path) {
    std::ifstream in = open_input_file(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

nlohmann::ordered_json read_document(const std::string& path, const std::string& what) {
    const std::string text = read_bytes(path);
    try {
        return nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::exception&) {
        throw UserError(path + ": not valid JSON (expected a " + what + ")");
    }
}

ArgumentParser create_parser() {
    ArgumentParser p = subcommand_parser(
        "create",
        "Create (or overwrite) a bundle of static filter analyses and optimised synthesis test\npatterns.",
        "the bundle file to create");
    // nargs='+' with action='append' in the reference: every -s/-o adds its files.
    p.option("-s", "--static-filter-analysis", "JSON_FILE",
             "static filter analyses (from vc2-static-filter-analysis)", ArgumentParser::kOneOrMore)
        .option("-o", "--optimised-synthesis-test-patterns", "JSON_FILE",
                "optimised synthesis test patterns (from vc2-optimise-synthesis-test-patterns)",
                ArgumentParser::kOneOrMore);
    return p;
}

int create(const Arguments& a) {
    std::vector<formats::BundleInput> analyses, optimised;
    for (const std::string& f : a.all("--static-filter-analysis"))
        analyses.push_back({f, read_document(f, "static filter analysis")});
    for (const std::string& f : a.all("--optimised-synthesis-test-patterns"))
        optimised.push_back({f, read_document(f, "optimised synthesis test patterns file")});
    const std::string zip = formats::write_bundle(analyses, optimised);
    OutputFile out(a.positional("BUNDLE").at(0));
    out.stream() << zip;
    out.commit();
    return 0;
}

formats::Bundle open_bundle(const std::string& path) { return formats::read_bundle(read_bytes(path), path); }

ArgumentParser list_parser() {
    return subcommand_parser("list", "List the contents of a bundle.", "the bundle file to list");
}

int list(const Arguments& a) {
    const formats::Bundle b = open_bundle(a.positional("BUNDLE").at(0));
    std::ostringstream s;
    const auto config_lines = [&](const formats::BundleEntry& e) {
        s << "    * wavelet_index: " << vc2::wavelet_label(e.config.vertical_wavelet()) << "\n"
          << "    * wavelet_index_ho: " << vc2::wavelet_label(e.config.horizontal_wavelet()) << "\n"
          << "    * dwt_depth: " << e.config.dwt_depth << "\n"
          << "    * dwt_depth_ho: " << e.config.dwt_depth_ho << "\n";
    };
    const auto& analyses = b.index.static_filter_analyses;
    const auto& patterns = b.index.optimised_synthesis_test_patterns;
    if (!analyses.empty()) {
        s << "Static filter analyses\n======================\n\n";
        for (std::size_t i = 0; i < analyses.size(); ++i) {
            s << i << ".\n";
            config_lines(analyses[i]);
        }
    }
    if (!patterns.empty()) {
        if (!analyses.empty()) s << "\n\n";
        s << "Optimised synthesis test patterns\n=================================\n\n";
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            s << i << ".\n";
            config_lines(patterns[i]);
            s << "    * picture_bit_width: " << patterns[i].picture_bit_width << "\n"
              << "    * quantisation_matrix: {\n";
            // Levels in numeric order, orientations alphabetically (std::map), as the
            // reference's sorted() prints them.
            for (const auto& [level, bands] : patterns[i].matrix) {
                s << "          " << level << ": {";
                bool first = true;
                for (const auto& [orient, value] : bands) {
                    s << (first ? "" : ", ") << "'" << orient << "': " << value;
                    first = false;
                }
                s << "},\n";
            }
            s << "      }\n";
        }
    }
    if (analyses.empty() && patterns.empty()) s << "Bundle is empty.\n";
    std::cout << s.str();
    return 0;
}

// The member re-serialised as the reference does (json.dump(json.load(member)) + "\n").
int write_extracted(const std::string& member, const std::string& source, const std::string& output) {
    nlohmann::ordered_json document;
    try {
        document = nlohmann::ordered_json::parse(member);
    } catch (const nlohmann::json::exception&) {
        throw UserError(source + ": a bundle member is not valid JSON");
    }
    write_text_file(output, formats::python_json_dumps(document) + "\n");
    return 0;
}

ArgumentParser extract_parser(const std::string& name, const std::string& summary) {
    ArgumentParser p = subcommand_parser(name, summary, "the bundle file to query");
    add_vc2_config_options(p);
    return p;
}

ArgumentParser extract_analysis_parser() {
    ArgumentParser p = extract_parser("extract-static-filter-analysis",
                                      "Extract the static filter analysis of a configuration from a bundle.");
    p.option("-o", "--output", "FILE", "write the extracted JSON here (default: stdout)");
    return p;
}

int extract_analysis(const Arguments& a) {
    const vc2::TransformConfig config = vc2_config_from(a);
    const std::string& path = a.positional("BUNDLE").at(0);
    const auto member = open_bundle(path).static_filter_analysis(config);
    if (!member) {
        std::cerr << "No matching static filter analysis found in bundle.\n";
        return 1;
    }
    return write_extracted(*member, path, a.get_or("--output", "-"));
}

ArgumentParser extract_patterns_parser() {
    ArgumentParser p = extract_parser("extract-optimised-synthesis-test-patterns",
                                      "Extract the optimised synthesis test patterns of a configuration, picture\n"
                                      "bit width and quantisation matrix from a bundle.");
    add_vc2_codec_options(p).option("-o", "--output", "FILE", "write the extracted JSON here (default: stdout)");
    return p;
}

int extract_patterns(const Arguments& a) {
    const vc2::TransformConfig config = vc2_config_from(a);
    const int picture_bits = required_picture_bit_width(a);
    const vc2::QuantisationMatrix matrix = vc2::quantisation_matrix(config, a.all("--custom-quantisation-matrix"));
    const std::string& path = a.positional("BUNDLE").at(0);
    const auto member = open_bundle(path).optimised_synthesis_test_patterns(config, matrix, picture_bits);
    if (!member) {
        std::cerr << "No matching optimised synthesis test patterns found in bundle.\n";
        return 1;
    }
    return write_extracted(*member, path, a.get_or("--output", "-"));
}

std::string top_help() {
    return "usage: vc2-bundle [-v] {create,list,extract-static-filter-analysis,"
           "extract-optimised-synthesis-test-patterns} ...\n\n"
           "Create, or query a compressed bundle (zip) of static filter analyses (from\n"
           "vc2-static-filter-analysis) and optimised synthesis test patterns (from\n"
           "vc2-optimise-synthesis-test-patterns), compatible with BBC's vc2-bundle.\n\n"
           "subcommands (each with --help):\n"
           "  create BUNDLE -s JSON… -o JSON…      create a bundle\n"
           "  list BUNDLE                          list its contents\n"
           "  extract-static-filter-analysis BUNDLE -w W [-W W] [-d D] [-D D] [-o OUT]\n"
           "  extract-optimised-synthesis-test-patterns BUNDLE -w W … -b BITS [-q L O V …] [-o OUT]\n\n"
           "  -v, --verbose   accepted for compatibility (nothing more to show)\n";
}

}  // namespace

int vc2_bundle_main(std::span<const std::string> args) {
    std::size_t i = 0;
    while (i < args.size() && (args[i] == "-v" || args[i] == "-vv" || args[i] == "--verbose")) ++i;
    if (i < args.size() && (args[i] == "-h" || args[i] == "--help")) {
        std::cout << top_help();
        return 0;
    }
    if (i == args.size()) throw UsageError("expected a command: create, list, extract-static-filter-analysis or "
                                           "extract-optimised-synthesis-test-patterns");
    const std::string& name = args[i];
    static constexpr Subcommand kSubcommands[] = {
        {"create", create, create_parser},
        {"list", list, list_parser},
        {"extract-static-filter-analysis", extract_analysis, extract_analysis_parser},
        {"extract-optimised-synthesis-test-patterns", extract_patterns, extract_patterns_parser}};
    for (const Subcommand& sub : kSubcommands) {
        if (name != sub.name) continue;
        std::optional<Arguments> a;
        try {
            a = sub.parser().parse(args.subspan(i + 1));
        } catch (const UsageError& e) {
            throw UsageError(name + ": " + e.what());  // which subcommand's arguments are wrong
        }
        return a ? sub.run(*a) : 0;
    }
    throw UsageError("unknown command '" + name + "' (create, list, extract-static-filter-analysis, "
                     "extract-optimised-synthesis-test-patterns)");
}

}  // namespace rigor::cli
