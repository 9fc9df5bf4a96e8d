// `rigor vc2-dwt` and `rigor vc2-idwt`: the integer VC-2 transform of a picture (one
// plane of a PNG, TIFF or y4m file, or JSON rows of signed samples) to coefficients JSON
// in the layout of the reference's vc2-dwt documents, and back (to JSON or a picture).
// Pictures ↔ signed samples: pixel/vc2/picture_samples.hpp.
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "filters/base/output_file.hpp"
#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_coefficients_json.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"
#include "filters/vc2/wavelet.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2/picture_samples.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

namespace rigor::cli {

namespace bit_widths = rigor::pixel::vc2_bit_widths;

namespace {

struct DwtArguments {
    std::string input = "-", output = "-";
    std::optional<vc2::Wavelet> w, w_ho;
    std::optional<int> d, d_ho, bits, plane, frame;
};

// A parser with the transform options both commands take (their help: kDwtHelp, kIdwtHelp).
ArgumentParser transform_parser(std::string program) {
    ArgumentParser p(std::move(program), "");
    p.option("-w", "--wavelet-index", "W", "")
        .option("-W", "--wavelet-index-ho", "W", "")
        .option("-d", "--dwt-depth", "D", "")
        .option("-D", "--dwt-depth-ho", "D", "")
        .wording("unknown option '{}' (see --help)", "{} needs a value");
    return p;
}

std::optional<int> int_option(const Arguments& a, const std::string& name) {
    const std::optional<long> v = a.get_int(name);
    if (!v) return std::nullopt;
    if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
        throw UsageError(name + ": '" + *a.get(name) + "' is out of range");
    return static_cast<int>(*v);
}

std::optional<vc2::Wavelet> wavelet_option(const Arguments& a, const std::string& name) {
    const auto text = a.get(name);
    if (!text) return std::nullopt;
    return formats::wavelet_from_argument(*text);
}

// nullopt after --help.
std::optional<DwtArguments> parse(const ArgumentParser& parser, const std::string& input,
                                  std::span<const std::string> args) {
    const auto parsed = parser.parse(args);
    if (!parsed) return std::nullopt;
    DwtArguments a;
    if (!parsed->positional(input).empty()) a.input = parsed->positional(input)[0];
    a.output = parsed->get_or("--output", "-");
    a.w = wavelet_option(*parsed, "--wavelet-index");
    a.w_ho = wavelet_option(*parsed, "--wavelet-index-ho");
    a.d = int_option(*parsed, "--dwt-depth");
    a.d_ho = int_option(*parsed, "--dwt-depth-ho");
    a.bits = int_option(*parsed, "--picture-bit-width");
    a.plane = int_option(*parsed, "--plane");
    a.frame = int_option(*parsed, "--frame");
    return a;
}

nlohmann::json read_json(const std::string& path) {
    std::string text;
    if (path == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        std::ifstream in = open_input_file(path);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // also out_of_range (huge numbers)
        throw UserError(path + ": not valid JSON (" + std::string(e.what()) + ")");
    }
}

// Flags win; otherwise the document's own keys; otherwise the defaults (w = 1, depth 0).
// A document's wavelet is an index or a custom wavelet's definition (vc2_wavelet_json.hpp).
vc2::TransformConfig config_of(const DwtArguments& a, const nlohmann::json& doc, const std::string& where) {
    auto pick_wavelet = [&](const std::optional<vc2::Wavelet>& flag, const char* key, const vc2::Wavelet& fallback) {
        if (flag) return *flag;
        if (doc.is_object() && doc.contains(key)) return formats::wavelet_from_field(doc[key], where, key);
        return fallback;
    };
    auto pick = [&](const std::optional<int>& flag, const char* key, int fallback) {
        if (flag) return *flag;
        if (doc.is_object() && doc.contains(key)) {
            if (!doc[key].is_number_integer()) throw UserError(where + ": " + key + ": expected an integer");
            return doc[key].get<int>();
        }
        return fallback;
    };
    vc2::TransformConfig c;
    c.set_vertical_wavelet(pick_wavelet(a.w, "wavelet_index", vc2::wavelet(1)));
    c.set_horizontal_wavelet(pick_wavelet(a.w_ho, "wavelet_index_ho", c.vertical_wavelet()));
    c.dwt_depth = pick(a.d, "dwt_depth", 0);
    c.dwt_depth_ho = pick(a.d_ho, "dwt_depth_ho", 0);
    vc2::check_transform_config(c);
    return c;
}

// A picture or y4m file by its extension ("-" is always JSON).
bool is_picture_file(const std::string& path) { return path != "-" && pixel::vc2::is_picture_or_y4m_path(path); }

// The picture of vc2-dwt's input with its depth (when known): one plane of a picture
// file, or JSON rows (bare or under "picture") checked against -b.
struct InputPicture {
    vc2::SampleArray samples;
    std::optional<int> bits;
};

InputPicture read_input_picture(const DwtArguments& a, const nlohmann::json& doc) {
    if (is_picture_file(a.input)) {
        auto picture = pixel::vc2::read_signed_picture(a.input, a.plane.value_or(0), a.frame.value_or(0));
        if (a.bits && *a.bits != picture.bits)
            throw UserError("-b " + std::to_string(*a.bits) + " does not match " + a.input + ", which holds " +
                            std::to_string(picture.bits) + "-bit samples");
        return {std::move(picture.samples), picture.bits};
    }
    if (a.plane || a.frame) throw UserError("--plane and --frame select from a PNG, TIFF or y4m input, not JSON");
    const bool wrapped = doc.is_object();
    if (wrapped && !doc.contains("picture")) throw UserError(a.input + ": picture: missing");
    vc2::SampleArray picture = formats::sample_array_from_json(wrapped ? doc["picture"] : doc, a.input + ": picture");
    if (a.bits) {
        const bit_widths::IntegerRange range = bit_widths::picture_range(*a.bits);
        for (std::int64_t v : picture.samples)
            if (v < range.lower || v > range.upper)
                throw UserError("sample " + std::to_string(v) + " does not fit " + std::to_string(*a.bits) + " bits");
    }
    return {std::move(picture), a.bits};
}

nlohmann::ordered_json header(const vc2::TransformConfig& c, const std::optional<int>& bits) {
    nlohmann::ordered_json out;
    out["wavelet_index"] = formats::wavelet_field(c.vertical_wavelet());
    out["wavelet_index_ho"] = formats::wavelet_field(c.horizontal_wavelet());
    out["dwt_depth"] = c.dwt_depth;
    out["dwt_depth_ho"] = c.dwt_depth_ho;
    if (bits) out["picture_bits"] = *bits;
    return out;
}

// The help texts as the commands printed them before they moved onto ArgumentParser
// (kept byte for byte: users' scripts and docs quote them).
constexpr std::string_view kDwtHelp =
    "usage: rigor vc2-dwt [PICTURE|-] [-w W] [-W W] [-d D] [-D D] [-b BITS] [--plane N] [--frame N]\n"
    "                      [-o FILE]\n"
    "\n"
    "The VC-2 analysis (encoder) transform exactly as SMPTE ST 2042-1 15.4, in integers.\n"
    "PICTURE, by extension:\n"
    "  .png .tif .tiff  8/16-bit gray or RGB (planes 0, 1, 2 = R, G, B)\n"
    "  .y4m             8-16-bit gray or YUV; chroma planes at their own subsampled size\n"
    "  anything else, or - (stdin): JSON, a list of rows of signed samples or an object\n"
    "                   with a \"picture\" key\n"
    "A B-bit picture's code values v become the signed samples v - 2^(B-1) (ST 2042-1 15.5\n"
    "adds 2^(B-1) back when decoding).  Float pictures (PFM, float TIFF/y4m) are refused.\n"
    "Width must be a multiple of 2^(d+D), height of 2^d.\n"
    "  -b, --picture-bit-width B  JSON: check the samples fit B signed bits and record B;\n"
    "                             pictures: must equal the file's depth (recorded anyway)\n"
    "      --plane N              plane of a picture or y4m file (default 0)\n"
    "      --frame N              frame of a y4m file, from 0 (default 0)\n"
    "  -o, --output FILE          output JSON (default stdout)\n"
    "  -w, --wavelet-index W      wavelet (index 0-6, name or wavelet .json file; default 1,\n"
    "                             le_gall_5_3)\n"
    "  -W, --wavelet-index-ho W   horizontal wavelet (default: the same as -w)\n"
    "  -d, --dwt-depth D          2-D levels (default 0)\n"
    "  -D, --dwt-depth-ho D       horizontal-only levels (default 0)\n"
    "Flags override the wavelet_index, wavelet_index_ho, dwt_depth, dwt_depth_ho keys of the input.\n";

constexpr std::string_view kIdwtHelp =
    "usage: rigor vc2-idwt [COEFFICIENTS.json|-] [-w W] [-W W] [-d D] [-D D] [-b BITS] [-o FILE]\n"
    "\n"
    "The VC-2 synthesis (decoder) transform exactly as SMPTE ST 2042-1 15.4, in integers.\n"
    "COEFFICIENTS.json: as written by rigor vc2-dwt (an object with a \"coefficients\" key).\n"
    "  -b, --picture-bit-width B  picture depth (default: the input's picture_bits; the two\n"
    "                             must agree when both are given)\n"
    "  -o, --output FILE          by extension:\n"
    "      .png .tif .tiff        a gray picture of 8 or 16 bits\n"
    "      .y4m                   a one-frame gray stream of 8 to 16 bits\n"
    "      anything else, or -    JSON rows of signed samples (default stdout)\n"
    "Pictures get each sample plus 2^(B-1), clamped to 0 .. 2^B - 1 as a decoder does\n"
    "(ST 2042-1 15.5); a note on stderr counts the clamped samples.  JSON is not clamped.\n"
    "  -w, --wavelet-index W      wavelet (index 0-6, name or wavelet .json file; default 1,\n"
    "                             le_gall_5_3)\n"
    "  -W, --wavelet-index-ho W   horizontal wavelet (default: the same as -w)\n"
    "  -d, --dwt-depth D          2-D levels (default 0)\n"
    "  -D, --dwt-depth-ho D       horizontal-only levels (default 0)\n"
    "Flags override the wavelet_index, wavelet_index_ho, dwt_depth, dwt_depth_ho keys of the input.\n";

}  // namespace

int vc2_dwt_main(std::span<const std::string> args) {
    ArgumentParser p = transform_parser("rigor vc2-dwt");
    p.positional("PICTURE", "", false, true)
        .option("-b", "--picture-bit-width", "B", "")
        .option("", "--plane", "N", "")
        .option("", "--frame", "N", "")
        .option("-o", "--output", "FILE", "")
        .help_text(std::string(kDwtHelp));
    const std::optional<DwtArguments> parsed = parse(p, "PICTURE", args);
    if (!parsed) return 0;
    const DwtArguments& a = *parsed;
    if (a.bits) bit_widths::check_picture_bits(*a.bits);
    const bool json_input = !is_picture_file(a.input);
    const nlohmann::json doc = json_input ? read_json(a.input) : nlohmann::json();
    const vc2::TransformConfig c = config_of(a, doc, a.input);
    InputPicture picture = read_input_picture(a, doc);
    try {
        pixel::vc2::check_picture_size(c, picture.samples.width, picture.samples.height);
    } catch (const UserError& e) {
        const std::string plane = json_input ? "" : " plane " + std::to_string(a.plane.value_or(0));
        throw UserError(a.input + plane + ": " + e.what());
    }
    auto out = header(c, picture.bits);
    out["coefficients"] = formats::coefficients_to_json(pixel::vc2::analyse(c, std::move(picture.samples)));
    write_text_file(a.output, formats::python_json_dumps(out) + "\n");
    return 0;
}

int vc2_idwt_main(std::span<const std::string> args) {
    ArgumentParser p = transform_parser("rigor vc2-idwt");
    p.positional("COEFFICIENTS.json", "", false, true)
        .option("-b", "--picture-bit-width", "B", "")
        .option("-o", "--output", "FILE", "")
        // Declared to be refused with a message that says whose options they are.
        .option("", "--plane", "N", "")
        .option("", "--frame", "N", "")
        .help_text(std::string(kIdwtHelp));
    const std::optional<DwtArguments> parsed = parse(p, "COEFFICIENTS.json", args);
    if (!parsed) return 0;
    const DwtArguments& a = *parsed;
    if (a.plane || a.frame) throw UsageError("--plane and --frame select vc2-dwt's input; vc2-idwt does not take them");
    if (a.bits) bit_widths::check_picture_bits(*a.bits);
    const nlohmann::json doc = read_json(a.input);
    if (!doc.is_object() || !doc.contains("coefficients")) throw UserError(a.input + ": coefficients: missing");
    const vc2::TransformConfig c = config_of(a, doc, a.input);
    std::optional<int> bits = a.bits;
    if (doc.contains("picture_bits")) {
        if (!doc["picture_bits"].is_number_integer()) throw UserError(a.input + ": picture_bits: expected an integer");
        const int recorded = doc["picture_bits"].get<int>();
        if (bits && *bits != recorded)
            throw UserError("-b " + std::to_string(*bits) + " does not match picture_bits " + std::to_string(recorded) +
                            " of " + a.input);
        bits = recorded;
    }
    const auto coefficients = formats::coefficients_from_json(doc["coefficients"], a.input + ": coefficients");
    const vc2::SampleArray picture = pixel::vc2::synthesise(c, coefficients);
    if (is_picture_file(a.output)) {
        if (!bits) throw UserError("writing " + a.output + " needs the picture depth: give -b (" + a.input + " has no picture_bits)");
        OutputFile out(a.output);
        const long clamped = pixel::vc2::write_signed_picture(out.stream(), a.output, picture, *bits);
        out.commit();
        if (clamped > 0)
            std::cerr << "vc2-idwt: note: " << clamped << " sample" << (clamped == 1 ? "" : "s") << " clamped to 0.."
                      << ((std::int64_t{1} << *bits) - 1) << "\n";
        return 0;
    }
    auto out = header(c, bits);
    out["picture"] = formats::sample_array_to_json(picture);
    write_text_file(a.output, formats::python_json_dumps(out) + "\n");
    return 0;
}

}  // namespace rigor::cli
