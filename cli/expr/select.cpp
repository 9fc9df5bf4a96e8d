// `rigor select`: frame selection by property expressions (akarin.Select).  For each
// frame N, an Expr program on the candidate clips' frame properties picks the clip whose
// frame N is output (pixel/select/frame_selector.hpp).  y4m carries no properties, so
// they come from JSON lists (--prop-file) and constants (--prop).
#include <algorithm>
#include <iostream>
#include <memory>
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
#include "pixel/io/clip_reader.hpp"
#include "pixel/io/clip_writer.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/select/frame_selector.hpp"
#include "pixel/select/property_list.hpp"

namespace rigor::cli {

namespace {

ArgumentParser select_arguments() {
    ArgumentParser p("rigor select",
                     "For each frame N, evaluates a postfix Expr program on frame properties (x.Name, y.Name,\n"
                     "... of the INPUTs' frame N; a missing one is an error unless --prop-default or\n"
                     "--missing-props gives it a value), N and constants, with argminN, argmaxN\n"
                     "and argsortN; the result, rounded half away from zero and clamped to the inputs (NaN:\n"
                     "the first), says which INPUT's frame N is output.  Clips are x, y, z, a, b, ... (or\n"
                     "src0, src1, ...) in the order of the INPUTs.");
    p.option("-e", "--expr", "EXPR", "the selection program (properties only: x.Name, N, constants)")
        .option("", "--prop", "CLIP.NAME=VALUE", "property NAME of clip CLIP on every frame (repeatable; wins over "
                                                 "--prop-file)")
        .option("", "--prop-file", "CLIP=FILE.json",
                "per-frame properties of clip CLIP: a JSON list with one object per frame, e.g. "
                "[{\"PlaneStatsAverage\": 0.4}, ...] (repeatable)")
        .option("", "--prop-default", "NAME=VALUE", "what property NAME reads on a frame that lacks it (repeatable)")
        .option("", "--missing-props", "MODE",
                "what any other missing property reads: error (default), nan (akarin.Expr) or zero (akarin.Select)")
        .flag("", "--akarin", "refuse what akarin.Select does not have (ceil, sgn): for scripts that must stay "
                              "akarin-compatible")
        .flag("-q", "--quiet", "no progress display (else shown on stderr for runs longer than a moment)")
        .option("-o", "--output", "OUT", "y4m file, '-' for stdout (y4m), or a video (.mkv .nut .mov .mp4 .avi, lossless)");
    add_video_output_options(p);
    p.positional("INPUT", "candidate clips: y4m files, videos FFmpeg reads (.mkv .mp4 ...) or '-' (stdin), all of one "
                          "format and size", true)
        .epilog("Frames stream through: one frame per input is in memory.  The output has as many frames\n"
                "as the shortest input.\n"
                "\n"
                "example (per frame, the clip whose average is closest to 0.5):\n"
                "  rigor select -e 'x.PlaneStatsAverage 0.5 - abs y.PlaneStatsAverage 0.5 - abs argmin2' \\\n"
                "      --prop-file x=a.json --prop-file y=b.json -o out.y4m a.y4m b.y4m\n");
    return p;
}

// The properties one clip contributes to frame N: its list entry (if any), then the
// constants.
struct ClipProperties {
    std::vector<std::string> files;                        // --prop-file paths, in order
    std::vector<std::vector<pixel::FrameProperties>> lists; // their contents
    std::vector<PropSetting> constants;

    void apply(long frame, const std::string& input, pixel::FrameProperties& out) const {
        for (std::size_t f = 0; f < lists.size(); ++f) {
            if (std::size_t(frame) >= lists[f].size())
                throw UserError("--prop-file " + files[f] + " lists properties for " + std::to_string(lists[f].size()) +
                                " frame(s), but input '" + input + "' has a frame " + std::to_string(frame) +
                                " (frames count from 0)");
            for (const auto& [name, value] : lists[f][std::size_t(frame)]) out[name] = value;
        }
        for (const PropSetting& c : constants) out[c.name] = c.value;
    }
};

}  // namespace

int select_main(std::span<const std::string> args) {
    const ArgumentParser parser = select_arguments();
    const auto a = parser.parse(args);
    if (!a) return 0;
    const std::optional<std::string> program = a->get("--expr");
    const std::optional<std::string> output = a->get("--output");
    const std::vector<std::string>& inputs = a->positional("INPUT");
    if (!program) throw required_option("-e/--expr", "the selecting program");
    if (!output) throw required_option("-o/--output", "a y4m file, '-' or a video such as out.mkv");
    if (inputs.empty()) throw UsageError("no input clip given");
    if (*output != "-" && pixel::is_picture_path(*output))
        throw UserError("select writes video (y4m, a file or '-', or a container such as .mkv), not a picture: '" +
                        *output + "'");
    if (std::count(inputs.begin(), inputs.end(), std::string("-")) > 1)
        throw UserError("standard input can be only one of the inputs");

    // The program first: its errors need no file.
    const pixel::select::FrameSelector selector(
        *program, int(inputs.size()),
        parse_missing_properties(a->all("--prop-default"), a->all("--missing-props"),
                                 "--prop CLIP.NAME=VALUE, --prop-file CLIP=FILE.json, e.g. from rigor stats"),
        a->has("--akarin"));

    std::vector<ClipProperties> clip_props(inputs.size());
    for (const std::string& text : a->all("--prop")) {
        PropSetting s = parse_prop_setting(text);
        check_prop_clip(s.clip, inputs.size(), "--prop");
        clip_props[std::size_t(s.clip)].constants.push_back(std::move(s));
    }
    for (const std::string& text : a->all("--prop-file")) {
        PropFileSetting s = parse_prop_file_setting(text);
        check_prop_clip(s.clip, inputs.size(), "--prop-file");
        std::vector<std::string> wanted;
        for (const auto& [clip, name] : selector.properties_read())
            if (clip == s.clip) wanted.push_back(name);
        ClipProperties& c = clip_props[std::size_t(s.clip)];
        c.lists.push_back(pixel::select::read_property_list_file(s.path, wanted));
        c.files.push_back(s.path);
    }

    std::ios::sync_with_stdio(false);
    std::vector<std::unique_ptr<pixel::ClipReader>> clips;
    for (const std::string& path : inputs) {
        clips.push_back(std::make_unique<pixel::ClipReader>(path));
        const pixel::ClipReader& c = *clips.back();
        const pixel::ClipReader& first = *clips.front();
        if (c.format() != first.format() || c.width() != first.width() || c.height() != first.height())
            throw UserError("input '" + path + "' is " + c.format().name() + " " + std::to_string(c.width()) + "x" +
                            std::to_string(c.height()) + " but '" + inputs[0] + "' is " + first.format().name() +
                            " " + std::to_string(first.width()) + "x" + std::to_string(first.height()) +
                            "; select needs one format and size");
    }
    bool all_still = true;
    pixel::VideoInfo info = clips[0]->info();
    for (const auto& c : clips)
        if (!c->is_still()) {
            if (all_still) info = c->info();
            all_still = false;
        }
    apply_metadata_options(*a, info.metadata);
    pixel::ClipWriter out(*output, info, encoder_choice(*a, *output));  // refuses what it cannot hold, first
    std::vector<pixel::Frame> frames(clips.size());
    std::vector<pixel::FrameProperties> props(clips.size());
    std::vector<const pixel::FrameProperties*> prop_ptrs;
    for (const auto& p : props) prop_ptrs.push_back(&p);
    const ProgressDisplay display = progress_display("rigor select", *a);
    ProgressTask task(display.progress(), "frames", pixel::shortest_frame_count(clips));
    long written = 0;
    for (long n = 0; !(all_still && n > 0); ++n) {
        bool ended = false;
        for (std::size_t i = 0; i < clips.size() && !ended; ++i) ended = !clips[i]->next(frames[i]);
        if (ended) break;
        for (std::size_t i = 0; i < clips.size(); ++i) {
            props[i] = frames[i].properties();
            clip_props[i].apply(n, inputs[i], props[i]);
        }
        out.write(frames[std::size_t(selector.choose(prop_ptrs, n))]);
        ++written;
        task.step();
    }
    if (written == 0) throw UserError("no frame to write: an input is empty");
    out.commit();
    return 0;
}

}  // namespace rigor::cli
