#include "cli/vc2_tool_arguments.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <thread>

#include "filters/error.hpp"
#include "pixel/vc2/concrete_bounds.hpp"
#include "pixel/vc2/optimised_patterns.hpp"

namespace rigor::cli {

std::optional<std::string> Vc2ToolArguments::value(const std::string& long_name) const {
    const auto it = flags.find(long_name);
    if (it == flags.end()) return std::nullopt;
    return it->second;
}

unsigned Vc2ToolArguments::threads() const {
    const auto t = value("--threads");
    if (!t) return std::max(1u, std::thread::hardware_concurrency());
    try {
        return static_cast<unsigned>(std::stoul(*t));
    } catch (const std::exception&) {
        throw UserError("--threads '" + *t + "' is not a number");
    }
}

namespace {

bool is_flag(const std::string& word) {
    // "-5" is a (negative) number, not a flag.
    return word.size() >= 2 && word[0] == '-' && !(word[1] >= '0' && word[1] <= '9');
}

}  // namespace

Vc2ToolArguments parse_vc2_tool_arguments(std::span<const std::string> args, const std::vector<Vc2ToolFlag>& extra,
                                          std::size_t max_positionals, bool bits_optional) {
    Vc2ToolArguments out;
    std::optional<std::string> bits;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            out.help = true;
            return out;
        }
        auto need_value = [&](const std::string& flag) -> const std::string& {
            if (i + 1 >= args.size()) throw UserError(flag + " needs a value");
            return args[++i];
        };
        if (a == "-b" || a == "--picture-bit-width") {
            bits = need_value(a);
        } else if (a.rfind("--picture-bit-width=", 0) == 0) {
            bits = a.substr(20);
        } else if (a == "-q" || a == "--custom-quantisation-matrix") {
            std::size_t n = 0;
            while (i + 1 < args.size() && !is_flag(args[i + 1])) {
                out.quantisation.push_back(args[++i]);
                ++n;
            }
            if (n == 0 || n % 3 != 0)
                throw UserError(a + " expects LEVEL ORIENT VALUE triples (got " + std::to_string(n) + " words)");
        } else if (is_flag(a)) {
            const Vc2ToolFlag* flag = nullptr;
            for (const Vc2ToolFlag& f : extra)
                if (a == f.short_name || a == f.long_name) flag = &f;
            if (!flag) throw UserError("unknown option '" + a + "' (see --help)");
            out.flags[flag->long_name] = flag->takes_value ? need_value(a) : "";
        } else if (out.static_analysis.empty()) {
            out.static_analysis = a;
        } else {
            out.positionals.push_back(a);
        }
    }
    if (out.static_analysis.empty()) throw UserError("missing the static analysis JSON file (see --help)");
    if (out.positionals.size() + 1 > max_positionals)
        throw UserError("unexpected argument '" + out.positionals[max_positionals - 1] + "'");
    if (!bits && bits_optional) return out;
    if (!bits) throw UserError("missing -b/--picture-bit-width BITS");
    int v = 0;
    auto [end, ec] = std::from_chars(bits->data(), bits->data() + bits->size(), v);
    if (ec != std::errc() || end != bits->data() + bits->size() || bits->empty())
        throw UserError("picture bit width '" + *bits + "' is not an integer");
    out.picture_bits = v;
    out.picture_bits_given = true;
    return out;
}

Vc2ToolInputs load_vc2_tool_inputs(const Vc2ToolArguments& a, const std::optional<std::string>& optimised) {
    Vc2ToolInputs in{vc2::read_static_analysis(a.static_analysis), a.picture_bits, {}};
    if (!optimised) {
        if (!a.picture_bits_given) throw UserError("missing -b/--picture-bit-width BITS");
        vc2::check_picture_bits(a.picture_bits);
        in.matrix = vc2::quantisation_matrix(in.analysis.config, a.quantisation);
        return in;
    }
    const auto o = vc2::read_optimised_patterns(*optimised);
    if (a.picture_bits_given && a.picture_bits != o.picture_bit_width)
        throw UserError(*optimised + ": optimised for " + std::to_string(o.picture_bit_width) +
                        "-bit pictures, not " + std::to_string(a.picture_bits) + " (-b)");
    if (!a.quantisation.empty())
        throw UserError("-q cannot be used with optimised synthesis test patterns (they carry their matrix)");
    vc2::check_picture_bits(o.picture_bit_width);
    in.analysis = vc2::with_optimised_patterns(std::move(in.analysis), o, *optimised);
    in.picture_bits = o.picture_bit_width;
    in.matrix = o.matrix;
    return in;
}

}  // namespace rigor::cli
