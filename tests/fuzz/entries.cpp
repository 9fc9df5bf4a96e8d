#include "tests/fuzz/entries.hpp"
#include "tests/fuzz/entry_support.hpp"

#include <array>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <sstream>

#include "cli/common/arguments.hpp"
#include "cli/vc2/vc2_tool_arguments.hpp"
#include "filters/base/error.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/optimize.hpp"
#include "filters/expr/parser.hpp"
#include "filters/formats/vc2_bundle.hpp"
#include "filters/formats/vc2_coefficients_json.hpp"
#include "filters/formats/vc2_optimised_patterns.hpp"
#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "pixel/expr/expr_filter.hpp"
#include "pixel/expr/program.hpp"
#include "pixel/vc2/integer_transform.hpp"

namespace rigor::fuzz {

namespace {

// Words separated by '\n' (arguments may contain spaces, as on a command line).
std::vector<std::string> lines_of(Bytes data) {
    std::vector<std::string> out;
    std::string_view s = text_of(data);
    while (!s.empty()) {
        std::size_t end = s.find('\n');
        out.emplace_back(s.substr(0, end));
        if (end == std::string_view::npos) break;
        s.remove_prefix(end + 1);
    }
    return out;
}

}  // namespace

void expr_program(Bytes data) {
    std::string_view program = text_of(data);
    // Property-only programs (Select's rules) take another path through the parser.
    expr::ParseOptions select;
    select.pixels = false;
    select.clips = 3;
    try {
        (void)pixel::expr::compile(expr::optimize(expr::parse(program, select)));
    } catch (const UserError&) {
    }
    // The whole numeric path: three small clips of different formats, one frame, 141
    // pixels wide: more than two of a generated kernel's steps of up to 64 (the halving
    // sums' and the fixed box's 64, plus the box's reach), not a multiple of 16 or 64, so
    // every kernel runs whole steps and an overlapping last one; 7 rows, so that 3x3 and
    // 5x5 windows have rows inside the plane as well as mirrored or clamped ones.  Run
    // with generated code and window sums (filters/expr/window_sum.hpp) and with
    // the interpreter alone on the program as written: the two must agree bit for bit
    // (abort otherwise, so the fuzzer keeps the input).
    using pixel::VideoFormat;
    const VideoFormat gray8{};
    const VideoFormat gray16 = gray8.with_samples(pixel::SampleType::Integer, 16);
    const VideoFormat grayf = gray8.with_samples(pixel::SampleType::Float, 32);
    const std::array<VideoFormat, 3> formats{gray8, gray16, grayf};
    constexpr int kWidth = 141, kHeight = 7;
    std::array<pixel::Frame, 3> frames{pixel::Frame(gray8, kWidth, kHeight), pixel::Frame(gray16, kWidth, kHeight),
                                       pixel::Frame(grayf, kWidth, kHeight)};
    for (pixel::Frame& f : frames)
        for (int y = 0; y < f.plane(0).height(); ++y)
            for (std::size_t b = 0; b < f.plane(0).row_bytes(); ++b) f.plane(0).row(y)[b] = std::byte(y * 31 + b * 7);
    const std::array<const pixel::Frame*, 3> inputs{&frames[0], &frames[1], &frames[2]};
    std::array<pixel::Frame, 2> out;
    for (bool jit : {true, false}) {
        pixel::expr::ExprSettings settings;
        settings.expressions = {std::string(program)};
        settings.jit = jit;
        settings.missing_properties.otherwise = NAN;  // properties read NaN: both engines still run
        settings.window_sums = jit;
        pixel::expr::ExprFilter filter(settings, formats, kWidth, kHeight);
        out[jit] = pixel::Frame(filter.output_format(), filter.width(), filter.height());
        filter.process(inputs, 3, out[jit]);
    }
    for (int y = 0; y < kHeight; ++y)
        if (std::memcmp(out[0].plane(0).row(y), out[1].plane(0).row(y), out[0].plane(0).row_bytes()) != 0) std::abort();
}

void infix_program(Bytes data) { (void)expr::parse_infix(text_of(data)); }

void static_analysis_json(Bytes data) {
    TempFile file(data, ".json");
    formats::StaticAnalysis analysis = formats::read_static_analysis(file.path());
    (void)vc2::quantisation_matrix(analysis.config, {});
}

void optimised_patterns_json(Bytes data) {
    TempFile file(data, ".json");
    (void)formats::read_optimised_patterns(file.path());
}

void coefficients_json(Bytes data) {
    // vc2-idwt's input: parsing is nlohmann's (fuzzed by its authors); the reader under
    // test is what turns a parsed document into coefficient bands.
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text_of(data));
    } catch (const nlohmann::json::exception&) {
        return;
    }
    (void)formats::coefficients_from_json(document, "fuzz.json");
}

void bundle_zip(Bytes data) {
    const formats::Bundle bundle = formats::read_bundle(std::string(text_of(data)), "fuzz.zip");
    for (const auto& m : bundle.members) (void)bundle.member(m.name);
}

void wavelet_file(Bytes data) {
    TempFile file(data, ".json");
    const vc2::Wavelet w = formats::read_wavelet_file(file.path());
    // What the reader accepts must round-trip through a document's field…
    const vc2::Wavelet back = formats::wavelet_from_field(nlohmann::json::parse(formats::wavelet_field(w).dump()),
                                                          "fuzz.json", "wavelet_index");
    if (!vc2::same_filter(back, w) || back.name != w.name) std::abort();
    // … and reconstruct perfectly: one level of a 4x4 picture of large 32-bit samples, which
    // check_wavelet promises stays inside 64-bit integers (UBSan sees any overflow).
    vc2::TransformConfig config;
    config.set_vertical_wavelet(w);
    config.set_horizontal_wavelet(w);
    config.dwt_depth = 1;
    vc2::SampleArray picture(4, 4);
    for (std::size_t i = 0; i < picture.samples.size(); ++i) {
        const std::int64_t big = (std::int64_t{1} << 31) - std::int64_t(i);
        picture.samples[i] = (i * 5 + i / 4) % 3 ? big : -big;
    }
    try {
        if (pixel::vc2::synthesise(config, pixel::vc2::analyse(config, picture)) != picture) std::abort();
    } catch (const UserError&) {
        std::abort();  // an accepted wavelet that overflows on one level: check_wavelet is wrong
    }
}

void quantisation_arguments(Bytes data) {
    if (data.empty()) return;
    // The first byte picks a transform (as a static analysis would), the rest are -q words.
    vc2::TransformConfig config;
    config.wavelet_index = data[0] % 8;
    config.wavelet_index_ho = (data[0] >> 3) % 8;
    config.dwt_depth = (data[0] >> 6) % 4;
    config.dwt_depth_ho = data.size() > 1 ? data[1] % 4 : 0;
    std::vector<std::string> words;
    std::istringstream in{std::string(text_of(data.subspan(std::min<std::size_t>(2, data.size()))))};
    for (std::string w; in >> w;) words.push_back(w);
    (void)vc2::quantisation_matrix(config, words);
}

void command_arguments(Bytes data) {
    const std::vector<std::string> args = lines_of(data);
    cli::ArgumentParser parser("rigor fuzz", "every kind of option");
    parser.option("-o", "--output", "FILE", "an output")
        .option("-n", "--number", "N", "an integer")
        .option("", "--pair", "A B", "two values", 2)
        .option("-m", "--many", "V", "one or more values", cli::ArgumentParser::kOneOrMore)
        .flag("-v", "--verbose", "a switch")
        .positional("input", "the first input")
        .positional("maybe", "an optional input before the last", false, true)
        .positional("last", "the last input")
        .positional("more", "any further inputs", true, true);
    if (auto parsed = parser.parse(args)) {
        (void)parsed->get_int("number");
        (void)parsed->all("pair");
        (void)parsed->all("--many");
        (void)parsed->positional("more");
    }
    try {
        cli::ArgumentParser tool = cli::vc2_tool_parser("fuzz", "a companion tool", cli::OptimisedPatterns::accepted);
        tool.flag("-p", "--show-all-filter-phases", "a switch").option("-s", "--seed", "SEED", "a value");
        if (auto parsed = tool.parse(args)) (void)cli::picture_bit_width(*parsed);
    } catch (const UserError&) {
    }
}

const std::vector<Entry>& entries() {
    static const std::vector<Entry> all{
        {"expr", expr_program},       {"infix", infix_program},
        {"y4m", y4m_stream},          {"png", png_picture},
        {"tiff", tiff_picture},       {"pfm", pfm_picture},
        {"static_analysis", static_analysis_json}, {"quantisation", quantisation_arguments},
        {"arguments", command_arguments},
        {"optimised_patterns", optimised_patterns_json}, {"coefficients", coefficients_json},
        {"bundle", bundle_zip},       {"wavelet", wavelet_file},
        {"ffmpeg", ffmpeg_stream},    {"recipe", recipe_json},
        {"analyse", analyse_arguments}, {"witness_batch", witness_batch_json},
    };
    return all;
}

}  // namespace rigor::fuzz
