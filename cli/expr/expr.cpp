// `rigor expr`: runs per-pixel Expr programs (akarin.Expr/std.Expr language) on y4m
// streams and pictures, frame by frame.
#include <algorithm>
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/progress_display.hpp"
#include "cli/expr/prop_arguments.hpp"
#include "cli/expr/video_output_options.hpp"
#include "filters/base/error.hpp"
#include "filters/base/progress.hpp"
#include "pixel/expr/expr_filter.hpp"
#include "pixel/io/clip_reader.hpp"
#include "pixel/io/clip_writer.hpp"

namespace rigor::cli {

namespace {

constexpr std::string_view kHelp =
    "usage: rigor expr [-e EXPR]... [--format FMT] [--boundary clamp|mirror]\n"
    "                  [--prop CLIP.NAME=VALUE]... [--prop-default NAME=VALUE]...\n"
    "                  [--missing-props error|nan|zero] [--akarin] [--frames A:B] [--threads N]\n"
    "                  [--no-jit] [-q]\n"
    "                  [--container NAME] [--codec NAME] [--codec-option K=V]... [--chromaloc LOC]\n"
    "                  [--range R] [--matrix M] [--primaries P] [--transfer T] [--fps N/D] [--sar N:D]\n"
    "                  [--field-order F]\n"
    "                  -o OUT INPUT...\n"
    "\n"
    "Evaluates a postfix per-pixel expression (the akarin.Expr / std.Expr language) for\n"
    "every pixel of every plane.  Clips are x, y, z, a, b, ... (or src0, src1, ...) in the\n"
    "order of the INPUTs.\n"
    "\n"
    "  -e EXPR          expression for the next plane (fewer than planes: the last repeats;\n"
    "                   an empty one copies the plane of the first clip)\n"
    "  --format FMT     output sample type/depth: gray8 gray10 gray16 grayh grays\n"
    "                   yuv420p8 yuv420p10 yuv444ps ... (default: the first input's;\n"
    "                   a gray FMT on YUV clips computes on their luma plane)\n"
    "  --boundary B     default edge rule of x[dx,dy]: clamp (default) or mirror\n"
    "  --prop C.N=V     frame property N of clip C (x, y, ..., srcK) for x.N, every frame\n"
    "                   (a word such as I is a string: it reads its first byte, 73)\n"
    "  --prop-default N=V  what property N reads on a frame that lacks it (any clip)\n"
    "  --missing-props M   what any other missing property reads: error (default: the\n"
    "                   run stops naming it), nan (akarin.Expr's rule) or zero\n"
    "  --akarin         refuse what akarin.Expr does not have (ceil, sgn, tan, asin, acos,\n"
    "                   atan, atan2, argminN, argmaxN, argsortN): for scripts that must also\n"
    "                   run on akarin.Expr\n"
    "  --frames A:B     only frames A..B-1 (either side may be empty: 10: or :5)\n"
    "  --threads N      threads over rows (default 1; results are the same for any N)\n"
    "  --no-jit         evaluate with the block interpreter only, no generated machine code\n"
    "                   (the same results, slower; for checking and for odd systems)\n"
    "  -q, --quiet      no progress display (shown on stderr for runs longer than a moment:\n"
    "                   a bar on a terminal, a line every 10 s in a log)\n"
    "  -o OUT           by its name: a y4m file or '-' (y4m on stdout); a video, lossless:\n"
    "                   .mkv .nut .mov .avi (FFV1) or .mp4 (H.264, 4:2:0/4:2:2/4:4:4 8-10 bits);\n"
    "                   a picture (.png .tif .tiff .pfm .exr, one frame); or a sequence\n"
    "                   of pictures (frame_%05d.png, numbered from 0)\n"
    "  INPUT            y4m file; '-' for stdin (y4m, or a container: ffmpeg -f matroska -);\n"
    "                   any video FFmpeg reads (.mkv .mp4 .mov .nut .avi ..., frame_%05d.exr);\n"
    "                   or a picture (.png .tif .tiff .pfm), which acts as a still frame\n";
// … then kVideoOutputHelp (video_output_options.hpp), then:
constexpr std::string_view kHelpEnd =
    "\n"
    "Frames stream through: only one frame per input is in memory.  The output has as\n"
    "many frames as the shortest video input (1 when all inputs are pictures).  The\n"
    "first video's metadata (frame rate, pixel aspect, field order, chroma siting,\n"
    "colour range, matrix, primaries, transfer) goes to the output as far as it holds it.\n"
    "\n"
    "example: rigor expr -e 'x 16 - 255 * 219 /' -e '' -o out.mkv in.mkv\n";

ArgumentParser expr_arguments() {
    ArgumentParser p("rigor expr", "");
    p.option("-e", "--expr", "EXPR", "expression for the next plane")
        .option("", "--format", "FMT", "output sample type/depth")
        .option("", "--boundary", "B", "default edge rule of x[dx,dy]")
        .option("", "--prop", "C.N=V", "frame property N of clip C")
        .option("", "--prop-default", "N=V", "what a missing property N reads")
        .option("", "--missing-props", "M", "error, nan or zero")
        .flag("", "--akarin", "refuse rigor's own operations")
        .option("", "--frames", "A:B", "only frames A..B-1")
        .option("", "--threads", "N", "threads over rows")
        .flag("", "--no-jit", "the block interpreter only")
        .flag("-q", "--quiet", "no progress display");
    add_video_output_options(p);
    p.option("-o", "--output", "OUT", "y4m, '-', a video, a picture or a sequence")
        .positional("INPUT", "y4m, '-', a video or a picture", true, true)
        .help_text(std::string(kHelp) + kVideoOutputHelp + std::string(kHelpEnd))
        .wording("unknown option '{}' (see rigor expr --help)", "{} needs a value");
    return p;
}

int parse_count(const std::string& flag, const std::string& text) {
    int v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 0)
        throw UsageError(flag + " expects a non-negative integer, got '" + text + "'");
    return v;
}

}  // namespace

int expr_main(std::span<const std::string> args) {
    const auto a = expr_arguments().parse(args);
    if (!a) return 0;
    pixel::expr::ExprSettings settings;
    settings.expressions = a->all("--expr");
    settings.jit = !a->has("--no-jit");
    settings.akarin = a->has("--akarin");
    // An option given twice: each value is checked, and applied in order.
    for (const std::string& format : a->all("--format")) {
        try {
            settings.output_format = pixel::parse_format_name(format);
        } catch (const UserError& e) {
            throw UsageError(e.what());
        }
    }
    for (const std::string& b : a->all("--boundary")) {
        if (b == "clamp") settings.boundary = expr::Boundary::Clamp;
        else if (b == "mirror") settings.boundary = expr::Boundary::Mirror;
        else throw UsageError("--boundary expects clamp or mirror, got '" + b + "'");
    }
    std::vector<PropSetting> props;
    for (const std::string& p : a->all("--prop")) props.push_back(parse_prop_setting(p));
    settings.missing_properties =
        parse_missing_properties(a->all("--prop-default"), a->all("--missing-props"), "--prop CLIP.NAME=VALUE");
    long first = 0, last = -1;  // [first, last), last -1 = to the end
    for (const std::string& f : a->all("--frames")) {
        std::size_t colon = f.find(':');
        if (colon == std::string::npos) throw UsageError("--frames expects A:B, got '" + f + "'");
        if (colon > 0) first = parse_count("--frames", f.substr(0, colon));
        if (colon + 1 < f.size()) last = parse_count("--frames", f.substr(colon + 1));
    }
    for (const std::string& t : a->all("--threads")) {
        settings.threads = parse_count("--threads", t);
        if (settings.threads < 1) throw UsageError("--threads must be at least 1");
    }
    const std::string output = a->get_or("--output", "");
    const std::vector<std::string>& inputs = a->positional("INPUT");
    if (settings.expressions.empty()) throw required_option("-e/--expr", "at least one -e EXPR");
    if (output.empty()) throw required_option("-o/--output", "a y4m file, '-', a video such as out.mkv, or a picture");
    if (inputs.empty()) throw UsageError("no input clip given");
    if (std::count(inputs.begin(), inputs.end(), std::string("-")) > 1)
        throw UserError("standard input can be only one of the inputs");

    std::ios::sync_with_stdio(false);
    std::vector<std::unique_ptr<pixel::ClipReader>> clips;
    std::vector<pixel::VideoFormat> formats;
    for (const std::string& path : inputs) {
        clips.push_back(std::make_unique<pixel::ClipReader>(path));
        formats.push_back(clips.back()->format());
        if (clips.back()->width() != clips[0]->width() || clips.back()->height() != clips[0]->height())
            throw UserError("input '" + path + "' is " + std::to_string(clips.back()->width()) + "x" +
                            std::to_string(clips.back()->height()) + " but '" + inputs[0] + "' is " +
                            std::to_string(clips[0]->width()) + "x" + std::to_string(clips[0]->height()));
    }
    for (const PropSetting& p : props) check_prop_clip(p.clip, clips.size(), "--prop");
    // A gray --format on YUV clips computes on their luma, as VapourSynth's
    // ShufflePlanes(clip, 0, GRAY) before Expr (what `--format grays -o luma.pfm in.mkv` means).
    std::vector<bool> luma_only(clips.size(), false);
    if (settings.output_format && settings.output_format->family == pixel::ColorFamily::Gray)
        for (std::size_t i = 0; i < formats.size(); ++i)
            if (formats[i].family == pixel::ColorFamily::YUV) {
                luma_only[i] = true;
                formats[i] = pixel::VideoFormat{pixel::ColorFamily::Gray, formats[i].sample, formats[i].bits};
            }
    pixel::expr::ExprFilter filter(settings, formats, clips[0]->width(), clips[0]->height());

    bool all_still = true;
    pixel::VideoInfo info;
    for (const auto& c : clips)
        if (!c->is_still()) {
            if (all_still) info = c->info();
            all_still = false;
        }
    if (all_still) info = clips[0]->info();
    info.format = filter.output_format();
    apply_metadata_options(*a, info.metadata);

    // Checks that the output can hold the frames before any is computed.
    pixel::ClipWriter out(output, info, encoder_choice(*a, output));
    std::vector<pixel::Frame> frames(clips.size()), lumas(clips.size());
    std::vector<const pixel::Frame*> frame_ptrs;
    for (std::size_t i = 0; i < clips.size(); ++i) {
        if (luma_only[i]) lumas[i] = pixel::Frame(formats[i], clips[i]->width(), clips[i]->height());
        frame_ptrs.push_back(luma_only[i] ? &lumas[i] : &frames[i]);
    }
    pixel::Frame result;
    for (const auto& c : clips) c->seek(first);
    // Frames to write, as far as the inputs announce them (0: unknown).
    std::uint64_t total = pixel::shortest_frame_count(clips);
    if (total > 0) total -= std::min(total, std::uint64_t(first));
    if (last >= 0) {
        const std::uint64_t span = last > first ? std::uint64_t(last - first) : 0;
        total = total == 0 ? span : std::min(total, span);
    }
    const ProgressDisplay display = progress_display("rigor expr", *a);
    ProgressTask task(display.progress(), "frames", total);
    long written = 0;
    for (long n = first; last < 0 || n < last; ++n) {
        bool ended = false;
        for (std::size_t i = 0; i < clips.size() && !ended; ++i) ended = !clips[i]->next(frames[i]);
        if (ended || (all_still && n > 0)) break;
        for (std::size_t i = 0; i < clips.size(); ++i)
            if (luma_only[i]) {  // a swap, not a copy: the reader refills the plane it gets back
                std::swap(lumas[i].plane(0), frames[i].plane(0));
                lumas[i].properties() = frames[i].properties();
            }
        for (const PropSetting& p : props) {
            const std::size_t i = std::size_t(p.clip);
            (luma_only[i] ? lumas[i] : frames[i]).properties()[p.name] = p.value;
        }
        filter.process(frame_ptrs, n, result);
        out.write(result);
        ++written;
        task.step();
    }
    if (written == 0) throw UserError("no frame to write (empty input or --frames beyond its end)");
    out.commit();
    return 0;
}

}  // namespace rigor::cli
