#include "cli/expr/video_output_options.hpp"

#include <charconv>

#include "filters/base/error.hpp"
#include "pixel/io/clip_writer.hpp"

namespace rigor::cli {

const char* const kVideoOutputHelp =
    "  --container NAME FFmpeg container of OUT (matroska, nut, mov, mp4, avi; also for -o -)\n"
    "  --codec NAME     FFmpeg encoder (default: lossless FFV1; libx264 qp 0 in mp4)\n"
    "  --codec-option K=V  an option of the encoder (repeatable), e.g. g=1\n"
    "  --chromaloc LOC  chroma siting of OUT: left center top_left top bottom_left bottom\n"
    "  --range R        colour range of OUT: limited or full\n"
    "  --matrix M       matrix of OUT: bt709 bt470bg smpte170m bt2020nc ... or its H.273 number;\n"
    "                   --primaries P and --transfer T alike (bt709, bt2020, smpte2084 ...)\n"
    "  --fps N/D        frame rate of OUT;  --sar N:D  pixel aspect of OUT\n"
    "  --field-order F  progressive, top_first or bottom_first\n"
    "                   (each overrides what the first video input says)\n";

void add_video_output_options(ArgumentParser& p) {
    p.option("", "--container", "NAME", "FFmpeg container of OUT")
        .option("", "--codec", "NAME", "FFmpeg encoder of OUT")
        .option("", "--codec-option", "K=V", "an option of the encoder (repeatable)")
        .option("", "--chromaloc", "LOC", "chroma siting of OUT")
        .option("", "--range", "R", "colour range of OUT")
        .option("", "--matrix", "M", "matrix of OUT")
        .option("", "--primaries", "P", "colour primaries of OUT")
        .option("", "--transfer", "T", "transfer characteristic of OUT")
        .option("", "--fps", "N/D", "frame rate of OUT")
        .option("", "--sar", "N:D", "pixel aspect of OUT")
        .option("", "--field-order", "F", "field order of OUT");
}

namespace {
// "30000/1001", "16:15" or "25".
pixel::Ratio parse_ratio(const std::string& flag, const std::string& text) {
    const std::size_t sep = text.find_first_of("/:");
    auto number = [&](std::string_view s, int& v) {
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        return ec == std::errc() && end == s.data() + s.size() && v > 0;
    };
    pixel::Ratio r{0, 1};
    const std::string_view t(text);
    const bool ok = sep == std::string::npos ? number(t, r.num)
                                             : number(t.substr(0, sep), r.num) && number(t.substr(sep + 1), r.den);
    if (!ok) throw UsageError(flag + " expects N/D or N:D of positive integers (e.g. 30000/1001), got '" + text + "'");
    return r;
}

// The library's parsers throw UserError; a bad option value is an argument mistake.
template <class F>
auto as_usage(const std::string& flag, F parse) {
    try {
        return parse();
    } catch (const UserError& e) {
        throw UsageError(flag + ": " + e.what());
    }
}
}  // namespace

pixel::EncoderChoice encoder_choice(const Arguments& a, const std::string& output) {
    pixel::EncoderChoice c;
    c.container = a.get_or("--container", "");
    c.codec = a.get_or("--codec", "");
    for (const std::string& kv : a.all("--codec-option")) {
        const std::size_t eq = kv.find('=');
        if (eq == 0 || eq == std::string::npos)
            throw UsageError("--codec-option expects KEY=VALUE, got '" + kv + "'");
        c.codec_options.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    if ((!c.codec.empty() || !c.codec_options.empty()) &&
        pixel::ClipWriter::kind_of(output, c) != pixel::ClipWriter::Kind::Container)
        throw UsageError("--codec and --codec-option apply to a video container output (.mkv, .nut, .mov, .mp4, "
                         ".avi or --container), not to '" + output + "'");
    return c;
}

void apply_metadata_options(const Arguments& a, pixel::VideoMetadata& m) {
    if (auto v = a.get("--chromaloc")) m.chroma_siting = as_usage("--chromaloc", [&] { return pixel::parse_chroma_siting(*v); });
    if (auto v = a.get("--range")) m.color_range = as_usage("--range", [&] { return pixel::parse_color_range(*v); });
    if (auto v = a.get("--matrix")) m.matrix = as_usage("--matrix", [&] { return pixel::parse_matrix_name(*v); });
    if (auto v = a.get("--primaries")) m.primaries = as_usage("--primaries", [&] { return pixel::parse_primaries_name(*v); });
    if (auto v = a.get("--transfer")) m.transfer = as_usage("--transfer", [&] { return pixel::parse_transfer_name(*v); });
    if (auto v = a.get("--fps")) m.frame_rate = parse_ratio("--fps", *v);
    if (auto v = a.get("--sar")) m.sample_aspect = parse_ratio("--sar", *v);
    if (auto v = a.get("--field-order")) {
        if (*v == "progressive") m.field_order = pixel::FieldOrder::progressive;
        else if (*v == "top_first") m.field_order = pixel::FieldOrder::top_first;
        else if (*v == "bottom_first") m.field_order = pixel::FieldOrder::bottom_first;
        else throw UsageError("--field-order expects progressive, top_first or bottom_first, got '" + *v + "'");
    }
}

}  // namespace rigor::cli
