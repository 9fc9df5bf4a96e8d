// `rigor vc2-dwt` and `rigor vc2-idwt`: the integer VC-2 transform of a picture given as
// JSON rows of signed samples, to coefficients JSON in the layout of the reference's
// vc2-dwt documents, and back.
#include <fstream>
#include <iostream>
#include <iterator>

#include "cli/output_file.hpp"
#include "cli/python_json.hpp"
#include "filters/error.hpp"
#include "pixel/vc2/plane_json.hpp"

namespace rigor::cli {

namespace {

struct DwtArguments {
    std::string input = "-", output = "-";
    std::optional<int> w, w_ho, d, d_ho, bits;
    bool help = false;
};

int small_int(const std::string& flag, const std::string& text) {
    try {
        std::size_t used = 0;
        const int v = std::stoi(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    throw UserError(flag + " '" + text + "' is not an integer");
}

DwtArguments parse(std::span<const std::string> args) {
    DwtArguments a;
    bool have_input = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& f = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UserError(f + " needs a value");
            return args[++i];
        };
        if (f == "-h" || f == "--help") a.help = true;
        else if (f == "-w" || f == "--wavelet-index") a.w = vc2::wavelet_by_name_or_index(value()).index;
        else if (f == "-W" || f == "--wavelet-index-ho") a.w_ho = vc2::wavelet_by_name_or_index(value()).index;
        else if (f == "-d" || f == "--dwt-depth") a.d = small_int(f, value());
        else if (f == "-D" || f == "--dwt-depth-ho") a.d_ho = small_int(f, value());
        else if (f == "-b" || f == "--picture-bit-width") a.bits = small_int(f, value());
        else if (f == "-o" || f == "--output") a.output = value();
        else if (f.size() > 1 && f[0] == '-') throw UserError("unknown option '" + f + "' (see --help)");
        else if (!have_input) a.input = f, have_input = true;
        else throw UserError("unexpected argument '" + f + "'");
    }
    return a;
}

nlohmann::json read_json(const std::string& path) {
    std::string text;
    if (path == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw IoError("cannot read '" + path + "'");
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // also out_of_range (huge numbers)
        throw UserError(path + ": not valid JSON (" + std::string(e.what()) + ")");
    }
}

// Flags win; otherwise the document's own keys; otherwise the defaults (w = 1, depth 0).
vc2::TransformConfig config_of(const DwtArguments& a, const nlohmann::json& doc, const std::string& where) {
    auto pick = [&](const std::optional<int>& flag, const char* key, int fallback) {
        if (flag) return *flag;
        if (doc.is_object() && doc.contains(key)) {
            if (!doc[key].is_number_integer()) throw UserError(where + ": " + key + ": expected an integer");
            return doc[key].get<int>();
        }
        return fallback;
    };
    vc2::TransformConfig c;
    c.wavelet_index = pick(a.w, "wavelet_index", 1);
    c.wavelet_index_ho = pick(a.w_ho, "wavelet_index_ho", c.wavelet_index);
    c.dwt_depth = pick(a.d, "dwt_depth", 0);
    c.dwt_depth_ho = pick(a.d_ho, "dwt_depth_ho", 0);
    vc2::check_transform_config(c);
    return c;
}

nlohmann::ordered_json header(const vc2::TransformConfig& c, const std::optional<int>& bits) {
    nlohmann::ordered_json out;
    out["wavelet_index"] = c.wavelet_index;
    out["wavelet_index_ho"] = c.wavelet_index_ho;
    out["dwt_depth"] = c.dwt_depth;
    out["dwt_depth_ho"] = c.dwt_depth_ho;
    if (bits) out["picture_bits"] = *bits;
    return out;
}

const char* kUsage =
    "  -w, --wavelet-index W      wavelet (index 0-6 or name; default 1, le_gall_5_3)\n"
    "  -W, --wavelet-index-ho W   horizontal wavelet (default: the same as -w)\n"
    "  -d, --dwt-depth D          2-D levels (default 0)\n"
    "  -D, --dwt-depth-ho D       horizontal-only levels (default 0)\n"
    "  -o, --output FILE          output JSON (default stdout)\n"
    "Flags override the wavelet_index, wavelet_index_ho, dwt_depth, dwt_depth_ho keys of the input.\n";

}  // namespace

int vc2_dwt_main(std::span<const std::string> args) {
    const DwtArguments a = parse(args);
    if (a.help) {
        std::cout << "usage: rigor vc2-dwt [PICTURE.json|-] [-w W] [-W W] [-d D] [-D D] [-b BITS] [-o FILE]\n\n"
                     "The VC-2 analysis (encoder) transform exactly as SMPTE ST 2042-1 15.4, in integers.\n"
                     "PICTURE.json: a list of rows of signed samples, or an object with a \"picture\" key.\n"
                     "Width must be a multiple of 2^(d+D), height of 2^d.\n"
                     "  -b, --picture-bit-width B  check the samples fit B bits and record it\n"
                  << kUsage;
        return 0;
    }
    const nlohmann::json doc = read_json(a.input);
    const vc2::TransformConfig c = config_of(a, doc, a.input);
    const bool wrapped = doc.is_object();
    if (wrapped && !doc.contains("picture")) throw UserError(a.input + ": picture: missing");
    const vc2::Plane picture = vc2::plane_from_json(wrapped ? doc["picture"] : doc, a.input + ": picture");
    if (a.bits) {
        if (*a.bits < 1 || *a.bits > 32) throw UserError("picture bit width " + std::to_string(*a.bits) + " is out of range (1 to 32)");
        const std::int64_t lo = -(std::int64_t{1} << (*a.bits - 1)), hi = -lo - 1;
        for (std::int64_t v : picture.samples)
            if (v < lo || v > hi)
                throw UserError("sample " + std::to_string(v) + " does not fit " + std::to_string(*a.bits) + " bits");
    }
    auto out = header(c, a.bits);
    out["coefficients"] = vc2::coefficients_to_json(vc2::analyse(c, picture));
    write_text_file(a.output, python_json_dumps(out) + "\n");
    return 0;
}

int vc2_idwt_main(std::span<const std::string> args) {
    const DwtArguments a = parse(args);
    if (a.help) {
        std::cout << "usage: rigor vc2-idwt [COEFFICIENTS.json|-] [-w W] [-W W] [-d D] [-D D] [-o FILE]\n\n"
                     "The VC-2 synthesis (decoder) transform exactly as SMPTE ST 2042-1 15.4, in integers.\n"
                     "COEFFICIENTS.json: as written by rigor vc2-dwt (an object with a \"coefficients\" key).\n"
                  << kUsage;
        return 0;
    }
    const nlohmann::json doc = read_json(a.input);
    if (!doc.is_object() || !doc.contains("coefficients")) throw UserError(a.input + ": coefficients: missing");
    const vc2::TransformConfig c = config_of(a, doc, a.input);
    const auto coefficients = vc2::coefficients_from_json(doc["coefficients"], a.input + ": coefficients");
    auto out = header(c, doc.contains("picture_bits") && doc["picture_bits"].is_number_integer()
                             ? std::optional<int>(doc["picture_bits"].get<int>())
                             : std::nullopt);
    out["picture"] = vc2::plane_to_json(vc2::synthesise(c, coefficients));
    write_text_file(a.output, python_json_dumps(out) + "\n");
    return 0;
}

}  // namespace rigor::cli
