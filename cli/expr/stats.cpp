// `rigor stats`: per frame, what VapourSynth's std.PlaneStats puts on it (min, max,
// average, and with a second clip the mean absolute difference) for one plane, written as
// the property list `rigor select --prop-file` reads (pixel/select/plane_stats.hpp,
// pixel/select/property_list.hpp).
#include <algorithm>
#include <iostream>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/progress_display.hpp"
#include "filters/base/error.hpp"
#include "filters/base/output_file.hpp"
#include "filters/base/progress.hpp"
#include "pixel/io/clip_reader.hpp"
#include "pixel/select/plane_stats.hpp"

namespace rigor::cli {

namespace {

ArgumentParser stats_arguments() {
    ArgumentParser p("rigor stats",
                     "For each frame of INPUT, computes what VapourSynth's std.PlaneStats does for one plane:\n"
                     "PREFIXMin and PREFIXMax (code values for integer formats), PREFIXAverage (the mean,\n"
                     "divided by 2^bits-1 for integer formats, so in [0,1]; float as is) and, with a second\n"
                     "clip, PREFIXDiff (the mean absolute difference, normalised the same way).  Writes a\n"
                     "JSON list with one object per frame, the file `rigor select --prop-file` reads.");
    p.option("-o", "--output", "FILE.json", "where to write the list ('-' for stdout, the default)")
        .option("", "--plane", "N", "the plane measured: 0 (Y, gray or R; the default), 1 or 2")
        .option("", "--prop-prefix", "PREFIX", "names of the properties (default PlaneStats, as PlaneStats' prop)")
        .flag("-q", "--quiet", "no progress display (else shown on stderr for runs longer than a moment)");
    p.positional("INPUT", "the clip: y4m, a picture, a video FFmpeg reads (.mkv .mp4 ...) or '-' (stdin)")
        .positional("CLIPB", "a clip of the same format and size to compare with (adds PREFIXDiff)", false, true)
        .epilog("The list has one entry per frame of INPUT; CLIPB must have at least as many frames (a\n"
                "picture counts as a still).  NaN or infinite float statistics are written as null (a\n"
                "missing property, NaN in select).\n"
                "\n"
                "example (per frame, the clip whose average luma is closest to 0.5):\n"
                "  rigor stats a.mkv -o a.json && rigor stats b.mkv -o b.json\n"
                "  rigor select -e 'x.PlaneStatsAverage 0.5 - abs y.PlaneStatsAverage 0.5 - abs argmin2' \\\n"
                "      --prop-file x=a.json --prop-file y=b.json -o out.mkv a.mkv b.mkv\n");
    return p;
}

}  // namespace

int stats_main(std::span<const std::string> args) {
    const ArgumentParser parser = stats_arguments();
    const auto a = parser.parse(args);
    if (!a) return 0;
    const std::vector<std::string>& inputs = a->positional("INPUT");
    std::vector<std::string> paths = inputs;
    for (const std::string& b : a->positional("CLIPB")) paths.push_back(b);
    if (std::count(paths.begin(), paths.end(), std::string("-")) > 1)
        throw UserError("standard input can be only one of the inputs");
    const long plane = a->get_int("--plane").value_or(0);
    if (plane < 0 || plane > 2) throw UsageError("--plane must be 0, 1 or 2, not " + std::to_string(plane));
    const std::string prefix = a->get_or("--prop-prefix", "PlaneStats");
    if (prefix.empty()) throw UsageError("--prop-prefix must not be empty");
    const pixel::select::PlaneStatsNames names(prefix);

    std::ios::sync_with_stdio(false);
    std::vector<std::unique_ptr<pixel::ClipReader>> clips;
    for (const std::string& path : paths) clips.push_back(std::make_unique<pixel::ClipReader>(path));
    const pixel::ClipReader& first = *clips.front();
    if (plane >= first.format().planes())
        throw UserError("--plane " + std::to_string(plane) + ": '" + paths[0] + "' is " + first.format().name() +
                        ", which has " + std::to_string(first.format().planes()) + " plane(s), numbered from 0");
    if (clips.size() == 2) {
        const pixel::ClipReader& b = *clips[1];
        if (b.format() != first.format() || b.width() != first.width() || b.height() != first.height())
            throw UserError("clip '" + paths[1] + "' is " + b.format().name() + " " + std::to_string(b.width()) +
                            "x" + std::to_string(b.height()) + " but '" + paths[0] + "' is " +
                            first.format().name() + " " + std::to_string(first.width()) + "x" +
                            std::to_string(first.height()) + "; a difference needs one format and size");
    }

    OutputFile out(a->get_or("--output", "-"), false);  // refuses an unwritable path before the work
    const ProgressDisplay display = progress_display("rigor stats", *a);
    ProgressTask task(display.progress(), "frames", first.is_still() ? 1 : first.frame_count_estimate());
    std::string text = "[";
    pixel::Frame fa, fb;
    long n = 0;
    for (; !(first.is_still() && n > 0) && clips[0]->next(fa); ++n) {
        if (clips.size() == 2 && !clips[1]->next(fb))
            throw UserError("clip '" + paths[1] + "' ends after " + std::to_string(n) + " frame(s), before '" +
                            paths[0] + "' does; the difference needs a frame of each");
        const pixel::select::PlaneStats s =
            pixel::select::plane_stats(fa, int(plane), clips.size() == 2 ? &fb : nullptr);
        text += (n ? ",\n" : "\n") + pixel::select::plane_stats_json(s, names);
        task.step();
    }
    if (n == 0) throw UserError("no frame to measure: '" + paths[0] + "' is empty");
    text += "\n]\n";
    out.stream() << text;
    out.commit();
    return 0;
}

}  // namespace rigor::cli
