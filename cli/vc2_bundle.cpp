// vc2-bundle: the reference's bundle tool (vc2_bit_widths/scripts/vc2_bundle.py) with its
// subcommands and arguments:
//   create BUNDLE -s/--static-filter-analysis FILE… -o/--optimised-synthesis-test-patterns FILE…
//   list BUNDLE
//   extract-static-filter-analysis BUNDLE -w W [-W WH] [-d D] [-D DH] [-o OUT]
//   extract-optimised-synthesis-test-patterns BUNDLE -w … -b BITS [-q L O V …] [-o OUT]
// Documents go into the bundle as json.dumps(json.load(file)) and come out the same way
// plus a newline, so a file the reference tools wrote comes back byte for byte.
#include <charconv>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/arguments.hpp"
#include "cli/output_file.hpp"
#include "cli/python_json.hpp"
#include "filters/vc2/wavelet.hpp"
#include "pixel/vc2/bundle.hpp"

namespace rigor::cli {

namespace {

constexpr const char* kProgram = "vc2-bundle";

// An argparse-like option: one value, or one or more values (nargs="+") collected over
// every occurrence (action="append", flattened, as the reference's create does).
struct OptionSpec {
    std::string short_name, long_name, metavar, help;
    bool many = false;
};

struct Subcommand {
    std::string name, summary, positional, positional_help;
    std::vector<OptionSpec> options;
};

struct Parsed {
    std::string positional;
    std::map<std::string, std::vector<std::string>> values;  // long name → values
    bool help = false;
    std::optional<std::string> get(const std::string& long_name) const {
        const auto it = values.find(long_name);
        if (it == values.end()) return std::nullopt;
        return it->second.back();
    }
};

bool looks_like_option(const std::string& token) {
    if (token.size() < 2 || token[0] != '-') return false;
    // argparse takes "-3" for a value when no option looks like a negative number.
    return !(token[1] >= '0' && token[1] <= '9');
}

std::string usage(const Subcommand& s) {
    std::string u = "usage: " + std::string(kProgram) + " " + s.name + " " + s.positional;
    for (const OptionSpec& o : s.options) u += " [" + o.short_name + " " + o.metavar + (o.many ? " …" : "") + "]";
    return u;
}

std::string help_text(const Subcommand& s) {
    std::ostringstream h;
    h << usage(s) << "\n\n" << s.summary << "\n\n  " << s.positional << "\n        " << s.positional_help
      << "\n  -h, --help\n        show this help and exit\n";
    for (const OptionSpec& o : s.options)
        h << "  " << o.short_name << ", " << o.long_name << " " << o.metavar << (o.many ? " [" + o.metavar + " …]" : "")
          << "\n        " << o.help << "\n";
    return h.str();
}

Parsed parse(const Subcommand& s, std::span<const std::string> args) {
    Parsed p;
    std::vector<std::string> positionals;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string token = args[i];
        if (token == "-h" || token == "--help") {
            p.help = true;
            return p;
        }
        if (!looks_like_option(token)) {
            positionals.push_back(token);
            continue;
        }
        std::optional<std::string> inline_value;
        if (const auto eq = token.find('='); token.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = token.substr(eq + 1);
            token.resize(eq);
        }
        const OptionSpec* spec = nullptr;
        for (const OptionSpec& o : s.options)
            if (token == o.short_name || token == o.long_name) spec = &o;
        if (!spec) throw UsageError(s.name + ": unrecognised argument " + token);
        auto& values = p.values[spec->long_name];
        if (!spec->many) values.clear();  // a repeated single-value option keeps the last
        const std::size_t before = values.size();
        if (inline_value) values.push_back(*inline_value);
        else
            while (i + 1 < args.size() && !looks_like_option(args[i + 1])) {
                values.push_back(args[++i]);
                if (!spec->many) break;
            }
        if (values.size() == before)
            throw UsageError(s.name + ": argument " + spec->short_name + "/" + spec->long_name + " expects " +
                             (spec->many ? "at least one value" : "a value"));
    }
    if (positionals.size() != 1)
        throw UsageError(s.name + ": expected exactly one " + s.positional + " (" + usage(s) + ")");
    p.positional = positionals[0];
    return p;
}

int parse_count(const std::string& text, const std::string& what) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        throw UsageError(what + " must be an integer, not '" + text + "'");
    return v;
}

std::string read_bytes(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot read " + what + " '" + path + "'");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

nlohmann::ordered_json read_document(const std::string& path, const std::string& what) {
    const std::string text = read_bytes(path, what);
    try {
        return nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::exception&) {
        throw UserError(path + ": not valid JSON (expected a " + what + ")");
    }
}

std::string wavelet_label(int index) {
    return std::string(vc2::wavelet(index).name) + " (" + std::to_string(index) + ")";
}

const std::vector<OptionSpec> kConfigOptions = {
    {"-w", "--wavelet-index", "W", "the VC-2 wavelet index or name (required)"},
    {"-W", "--wavelet-index-ho", "W", "the wavelet of the horizontal parts (default: --wavelet-index)"},
    {"-d", "--dwt-depth", "D", "2-D transform depth (default 0)"},
    {"-D", "--dwt-depth-ho", "D", "horizontal-only transform depth (default 0)"},
    {"-o", "--output", "FILE", "write the extracted JSON here (default: stdout)"},
};

std::vector<OptionSpec> with(std::vector<OptionSpec> options, std::vector<OptionSpec> more) {
    options.insert(options.end(), more.begin(), more.end());
    return options;
}

const Subcommand kCreate{"create",
                         "Create (or overwrite) a bundle of static filter analyses and optimised synthesis test "
                         "patterns.",
                         "BUNDLE",
                         "the bundle file to create",
                         {{"-s", "--static-filter-analysis", "JSON_FILE",
                           "static filter analyses (from vc2-static-filter-analysis)", true},
                          {"-o", "--optimised-synthesis-test-patterns", "JSON_FILE",
                           "optimised synthesis test patterns (from vc2-optimise-synthesis-test-patterns)", true}}};
const Subcommand kList{"list", "List the contents of a bundle.", "BUNDLE", "the bundle file to list", {}};
const Subcommand kExtractAnalysis{"extract-static-filter-analysis",
                                  "Extract the static filter analysis of a configuration from a bundle.",
                                  "BUNDLE", "the bundle file to query", kConfigOptions};
const Subcommand kExtractPatterns{
    "extract-optimised-synthesis-test-patterns",
    "Extract the optimised synthesis test patterns of a configuration, picture bit width and quantisation "
    "matrix from a bundle.",
    "BUNDLE", "the bundle file to query",
    with(kConfigOptions,
         {{"-b", "--picture-bit-width", "BITS", "the number of bits in the picture signal (required)"},
          {"-q", "--custom-quantisation-matrix", "LEVEL ORIENT VALUE",
           "the quantisation matrix as triples (required only where the standard has no default matrix)",
           true}})};

vc2::TransformConfig config_from(const Parsed& p) {
    const auto w = p.get("--wavelet-index");
    if (!w) throw UsageError("the argument --wavelet-index/-w is required");
    vc2::TransformConfig c;
    c.wavelet_index = vc2::wavelet_by_name_or_index(*w).index;
    c.wavelet_index_ho = vc2::wavelet_by_name_or_index(p.get("--wavelet-index-ho").value_or(*w)).index;
    c.dwt_depth = parse_count(p.get("--dwt-depth").value_or("0"), "--dwt-depth");
    c.dwt_depth_ho = parse_count(p.get("--dwt-depth-ho").value_or("0"), "--dwt-depth-ho");
    if (c.dwt_depth < 0 || c.dwt_depth_ho < 0) throw UsageError("transform depths must not be negative");
    return c;
}

int create(const Parsed& p) {
    std::vector<vc2::BundleInput> analyses, optimised;
    for (const std::string& f : p.values.count("--static-filter-analysis") ? p.values.at("--static-filter-analysis")
                                                                           : std::vector<std::string>{})
        analyses.push_back({f, read_document(f, "static filter analysis")});
    for (const std::string& f : p.values.count("--optimised-synthesis-test-patterns")
                                    ? p.values.at("--optimised-synthesis-test-patterns")
                                    : std::vector<std::string>{})
        optimised.push_back({f, read_document(f, "optimised synthesis test patterns file")});
    const std::string zip = vc2::write_bundle(analyses, optimised, python_json_dumps);
    OutputFile out(p.positional);
    out.stream() << zip;
    out.commit();
    return 0;
}

vc2::Bundle open_bundle(const std::string& path) { return vc2::read_bundle(read_bytes(path, "bundle"), path); }

int list(const Parsed& p) {
    const vc2::Bundle b = open_bundle(p.positional);
    std::ostringstream s;
    const auto config_lines = [&](const vc2::BundleEntry& e) {
        s << "    * wavelet_index: " << wavelet_label(e.config.wavelet_index) << "\n"
          << "    * wavelet_index_ho: " << wavelet_label(e.config.wavelet_index_ho) << "\n"
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
    write_text_file(output, python_json_dumps(document) + "\n");
    return 0;
}

int extract_analysis(const Parsed& p) {
    const vc2::TransformConfig config = config_from(p);
    const vc2::Bundle b = open_bundle(p.positional);
    const auto member = b.static_filter_analysis(config);
    if (!member) {
        std::cerr << "No matching static filter analysis found in bundle.\n";
        return 1;
    }
    return write_extracted(*member, p.positional, p.get("--output").value_or("-"));
}

int extract_patterns(const Parsed& p) {
    const vc2::TransformConfig config = config_from(p);
    const auto bits = p.get("--picture-bit-width");
    if (!bits) throw UsageError("the argument --picture-bit-width/-b is required");
    const int picture_bits = parse_count(*bits, "--picture-bit-width");
    const auto q = p.values.find("--custom-quantisation-matrix");
    const vc2::QuantisationMatrix matrix =
        vc2::quantisation_matrix(config, q == p.values.end() ? std::vector<std::string>{} : q->second);
    const vc2::Bundle b = open_bundle(p.positional);
    const auto member = b.optimised_synthesis_test_patterns(config, matrix, picture_bits);
    if (!member) {
        std::cerr << "No matching optimised synthesis test patterns found in bundle.\n";
        return 1;
    }
    return write_extracted(*member, p.positional, p.get("--output").value_or("-"));
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
    const auto rest = args.subspan(i + 1);
    for (const auto& [sub, run] :
         std::initializer_list<std::pair<const Subcommand*, int (*)(const Parsed&)>>{
             {&kCreate, create}, {&kList, list}, {&kExtractAnalysis, extract_analysis},
             {&kExtractPatterns, extract_patterns}}) {
        if (name != sub->name) continue;
        const Parsed p = parse(*sub, rest);
        if (p.help) {
            std::cout << help_text(*sub);
            return 0;
        }
        return run(p);
    }
    throw UsageError("unknown command '" + name + "' (create, list, extract-static-filter-analysis, "
                     "extract-optimised-synthesis-test-patterns)");
}

}  // namespace rigor::cli
