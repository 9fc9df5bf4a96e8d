// `rigor chroma-reconstruct`: the whole ChromaReconstruct recipe on a y4m YUV video
// (8-16 bit): chroma predicted from luma through the recipe's resize chains
// (pixel/regress/yuv_chroma_reconstruct.hpp).
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/progress_display.hpp"
#include "filters/base/progress.hpp"
#include "filters/base/worker_pool.hpp"
#include "filters/regress/recipe.hpp"
#include "pixel/io/clip_reader.hpp"
#include "pixel/io/clip_writer.hpp"
#include "pixel/regress/plane_files.hpp"
#include "pixel/regress/yuv_chroma_reconstruct.hpp"

namespace rigor::cli {

namespace {

std::pair<int, int> parse_size(const std::string& t, const std::string& what) {
    const auto x = t.find('x');
    if (x == std::string::npos) throw UsageError(what + " must be WxH (got '" + t + "')");
    return {int(parse_int(t.substr(0, x), what)), int(parse_int(t.substr(x + 1), what))};
}

}  // namespace

int chroma_reconstruct_main(std::span<const std::string> args) {
    ArgumentParser p("rigor chroma-reconstruct",
                     "Repairs chroma that was resized badly in production by predicting its detail from\n"
                     "luma (vsrgtools.ChromaReconstruct): the luma base goes through the same damage as\n"
                     "the chroma (recipe chains), a local regression maps luma to chroma, and the luma\n"
                     "detail the chroma lost is added back through it.");
    p.option("-i", "--input", "IN", "YUV video, 8-16 bit: y4m, '-' (stdin) or any video FFmpeg reads (.mkv .mp4 ...)")
        .option("", "--recipe", "JSON", "the resize chains (see data/regress/*.json)")
        .option("", "--luma-base", "FILE", "the luma base L (gray float y4m or picture, float units)")
        .option("", "--descale", "KERNEL WxH", "make L by descaling the luma (e.g. bilinear 1280x720)", 2)
        .option("", "--chromaloc", "LOC", "left (default), center, top_left, top, bottom_left, bottom")
        .option("", "--range", "R", "limited (default) or full")
        .option("", "--radius", "R", "regression radius (default: the recipe's, else 1)")
        .option("", "--recon-radius", "R", "reconstruct radius (default: the recipe's, else 1)")
        .option("", "--alpha", "A", "significance level (default: the recipe's, else 0.2)")
        .option("", "--weight-method", "M", "threshold (default) or fisher")
        .option("", "--threads", "N", "worker threads (default: all cores)")
        .flag("", "--444", "write 4:4:4 instead of the source's subsampling")
        .flag("-q", "--quiet", "no progress display (else shown on stderr for runs longer than a moment)")
        .option("-o", "--output", "OUT", "output: y4m, '-' (stdout, y4m) or a video (.mkv .nut .mov .mp4 .avi, lossless)")
        .epilog("example: rigor chroma-reconstruct -i in.y4m --recipe data/regress/sirius-720p-point-chroma.json "
                "--descale bilinear 1280x720 -o out.y4m");
    const auto a = p.parse(args);
    if (!a) return 0;
    for (const char* required : {"--input", "--recipe", "--output"})
        if (!a->has(required)) throw UsageError(std::string("missing ") + required);
    if (a->has("--luma-base") && a->has("--descale")) throw UsageError("give --luma-base or --descale, not both");
    pixel::regress::YuvReconstruction settings;
    settings.recipe = regress::load_recipe(*a->get("--recipe"));
    const regress::ChromaRecipe& recipe = settings.recipe;
    regress::RegressParams& rp = settings.regress;
    rp.radius = int(a->get_int("--radius").value_or(recipe.radius.value_or(1)));
    rp.alpha = a->get_double("--alpha").value_or(recipe.alpha.value_or(0.2));
    rp.weight_method = regress::parse_weight_method(a->get_or("--weight-method", "threshold"));
    rp.validate();
    regress::ReconstructParams& cp = settings.reconstruct;
    cp.radius = int(a->get_int("--recon-radius").value_or(recipe.recon_radius.value_or(1)));
    cp.validate();
    const auto range_text = a->get_or("--range", "limited");
    if (range_text != "limited" && range_text != "full") throw UsageError("--range must be limited or full");
    settings.range = range_text == "full" ? pixel::regress::ColorRange::full : pixel::regress::ColorRange::limited;
    settings.threads = int(a->get_int("--threads").value_or(hardware_threads()));
    if (a->has("--descale")) {
        const auto d = a->all("--descale");
        const regress::ResizeKernel kernel = regress::parse_resize_kernel(d[0]);
        const auto [width, height] = parse_size(d[1], "--descale size");
        settings.descale = pixel::regress::LumaDescale{kernel, width, height};
    }
    settings.full_chroma = a->has("--444");

    const std::string in_path = *a->get("--input");
    pixel::ClipReader reader(in_path);
    const pixel::VideoInfo& header = reader.info();
    pixel::regress::require_integer_yuv(header.format, in_path);
    settings.location = regress::parse_chroma_location(a->get_or("--chromaloc", "left"));
    pixel::VideoInfo out_header = header;
    out_header.format = pixel::regress::reconstructed_format(header.format, settings);
    std::optional<pixel::regress::PlaneSource> base_source;
    if (a->has("--luma-base")) base_source.emplace(*a->get("--luma-base"));

    pixel::ClipWriter writer(*a->get("--output"), out_header);
    pixel::Frame frame;
    std::optional<pixel::Plane> base;
    const ProgressDisplay display = progress_display("rigor chroma-reconstruct", *a);
    ProgressTask task(display.progress(), "frames", reader.frame_count_estimate());
    long frames = 0;
    while (!(reader.is_still() && frames > 0) && reader.next(frame)) {
        if (base_source) {
            if (auto next = base_source->next()) base = std::move(next);  // a single picture serves every frame
            if (!base) throw UserError("--luma-base has no frames");
        }
        writer.write(pixel::regress::reconstruct_yuv_frame(frame, base ? &*base : nullptr, settings));
        ++frames;
        task.step();
    }
    task.finish();
    if (frames == 0) throw UserError("'" + in_path + "' has no frames");
    writer.commit();
    std::cerr << "chroma-reconstruct: " << frames << " frame(s), recipe '" << recipe.name << "'\n";
    return 0;
}

}  // namespace rigor::cli
