// `rigor chroma-reconstruct`: the whole ChromaReconstruct recipe on YUV video: chroma
// predicted from luma through the recipe's resize chains, written as the recipe's (or the
// options') output step says (pixel/regress/yuv_chroma_reconstruct.hpp).
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
#include "pixel/regress/diagnostics.hpp"
#include "pixel/regress/plane_files.hpp"
#include "pixel/regress/yuv_chroma_reconstruct.hpp"

namespace rigor::cli {

namespace {

std::pair<int, int> parse_size(const std::string& t, const std::string& what) {
    const auto x = t.find('x');
    if (x == std::string::npos) throw UsageError(what + " must be WxH (got '" + t + "')");
    const long w = parse_int(t.substr(0, x), what), h = parse_int(t.substr(x + 1), what);
    if (w < 1 || h < 1 || w > 65536 || h > 65536) throw UsageError(what + " must be from 1x1 to 65536x65536");
    return {int(w), int(h)};
}

// --frames A:B → [first, last), last −1 for the end.
std::pair<long, long> parse_frame_range(const std::string& text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos) throw UsageError("--frames expects A:B (frames A to B-1), got '" + text + "'");
    long first = 0, last = -1;
    if (colon > 0) first = parse_int(text.substr(0, colon), "--frames");
    if (colon + 1 < text.size()) last = parse_int(text.substr(colon + 1), "--frames");
    if (first < 0 || (last >= 0 && last < first)) throw UsageError("--frames A:B needs 0 <= A <= B");
    return {first, last};
}

template <class F>
auto as_usage(F&& f) {
    try {
        return f();
    } catch (const UserError& e) {
        throw UsageError(e.what());
    }
}

}  // namespace

int chroma_reconstruct_main(std::span<const std::string> args) {
    ArgumentParser p("rigor chroma-reconstruct",
                     "Repairs chroma that was resized badly in production by predicting its detail from\n"
                     "luma (vsrgtools.ChromaReconstruct): the luma base goes through the same damage as\n"
                     "the chroma (recipe chains), a local regression maps luma to chroma, and the luma\n"
                     "detail the chroma lost is added back through it.\n"
                     "Integer video is converted to float as zimg's depth conversion does (--range):\n"
                     "limited Y = (v - 16*2^(b-8)) / (219*2^(b-8)), C = (v - 2^(b-1)) / (224*2^(b-8));\n"
                     "full Y = v / (2^b - 1), C = (v - 2^(b-1)) / (2^b - 1); float video passes through.");
    p.option("-i", "--input", "IN", "YUV video, 8-16 bit or float: y4m, '-' (stdin) or any video FFmpeg reads")
        .option("", "--recipe", "JSON", "the resize chains, descale and output step (see data/regress/*.json)")
        .option("", "--luma-base", "FILE", "the luma base L (gray float y4m or picture, float units)")
        .option("", "--descale", "KERNEL WxH",
                "make L by descaling the luma (e.g. lanczos:3 1280x720; shifts, windows, blur: the recipe's)", 2)
        .option("", "--descale-border", "B", "mirror (default), zero or repeat: the edges the upscale had")
        .option("", "--rescaled-luma", "FILE", "the output's luma (e.g. an upscale of L), gray float, output size")
        .option("", "--output-mode", "M",
                "source (default: the source's subsampling and size), 444, native (demangled float planes) "
                "or production (4:4:4 float at L's size)")
        .option("", "--output-kernel", "KERNEL", "kernel of the final resize (default: the recipe's, else hermite)")
        .flag("", "--444", "the same as --output-mode 444")
        .flag("", "--float", "write 32-bit float samples (native and production always do)")
        .option("", "--chromaloc", "LOC",
                "the source's siting: left, center, top_left, top, bottom_left, bottom (default: the input's "
                "y4m/container tag, a plain C420 or none meaning left)")
        .option("", "--range", "R", "auto (default: the input's tag, else limited), limited or full")
        .option("", "--radius", "R", "regression radius (default: the recipe's, else 1)")
        .option("", "--recon-radius", "R", "reconstruct radius (default: the recipe's, else 1)")
        .option("", "--alpha", "A", "significance level (default: the recipe's, else 0.2)")
        .option("", "--weight-method", "M", "threshold (default) or fisher")
        .option("", "--intercept", "D", "regression intercept divisor: 0 none (default), 1 ordinary, 2 half")
        .option("", "--eps", "E", "regression epsilon (default 1e-7)")
        .option("", "--recon-eps", "E", "reconstruct epsilon (default 1e-7)")
        .option("", "--mean", "M",
                "regression window mean (default: the recipe's, else box): box, arithmetic, harmonic, geometric, "
                "contraharmonic, lehmer, lehmer:P, minimum, maximum, median (the module's MeanMode)")
        .option("", "--recon-mean", "M", "reconstruct window mean (default: the recipe's, else box)")
        .option("", "--border", "B",
                "window border of both means (the recipe's if it says one): " +
                    std::string(regress::border_mode_choices()))
        .option("", "--frames", "A:B", "only frames A..B-1")
        .option("", "--threads", "N", "worker threads (default: all cores)")
        .option("", "--diagnostics", "DIR", "write PNGs of the first frame: correlation, slope, before/after crops")
        .flag("-q", "--quiet", "no progress display (else shown on stderr for runs longer than a moment)")
        .option("-o", "--output", "OUT", "output: y4m, '-' (stdout, y4m) or a video (.mkv .nut .mov .mp4 .avi, lossless)")
        .epilog("example: rigor chroma-reconstruct -i in.y4m --recipe data/regress/sirius-720p-point-chroma.json "
                "-o out.y4m");
    const auto a = p.parse(args);
    if (!a) return 0;
    for (const char* required : {"--input", "--recipe", "--output"})
        if (!a->has(required)) throw required_option(required);
    if (a->has("--luma-base") && a->has("--descale")) throw UsageError("give --luma-base or --descale, not both");
    if (a->has("--444") && a->has("--output-mode")) throw UsageError("give --444 or --output-mode, not both");
    pixel::regress::YuvReconstruction settings;
    settings.recipe = regress::load_recipe(*a->get("--recipe"));
    regress::ChromaRecipe& recipe = settings.recipe;
    regress::RegressParams& rp = settings.regress;
    rp.radius = int(a->get_int("--radius").value_or(recipe.radius.value_or(1)));
    rp.alpha = a->get_double("--alpha").value_or(recipe.alpha.value_or(0.2));
    rp.weight_method = as_usage([&] { return regress::parse_weight_method(a->get_or("--weight-method", "threshold")); });
    rp.intercept = a->get_double("--intercept").value_or(rp.intercept);
    rp.eps = a->get_double("--eps").value_or(rp.eps);
    const regress::BorderMode border = as_usage([&] {
        return a->has("--border") ? regress::parse_border_mode(*a->get("--border"))
                                  : recipe.border.value_or(regress::kDefaultBorder);
    });
    rp.border = border;
    rp.mean = as_usage([&] {
        return a->has("--mean") ? regress::parse_mean_mode(*a->get("--mean")) : recipe.mean.value_or(regress::MeanMode{});
    });
    as_usage([&] { rp.validate(); return 0; });
    regress::ReconstructParams& cp = settings.reconstruct;
    cp.radius = int(a->get_int("--recon-radius").value_or(recipe.recon_radius.value_or(1)));
    cp.eps = a->get_double("--recon-eps").value_or(cp.eps);
    cp.border = a->has("--border") ? border : recipe.recon_border.value_or(border);
    cp.mean = as_usage([&] {
        return a->has("--recon-mean") ? regress::parse_mean_mode(*a->get("--recon-mean"))
                                      : recipe.recon_mean.value_or(regress::MeanMode{});
    });
    as_usage([&] { cp.validate(); return 0; });
    const auto range_text = a->get_or("--range", "auto");
    if (range_text != "auto" && range_text != "limited" && range_text != "full")
        throw UsageError("--range must be auto, limited or full");
    settings.threads = int(a->get_int("--threads").value_or(hardware_threads()));
    if (settings.threads < 1) throw UsageError("--threads must be at least 1");
    if (a->has("--descale")) {
        const auto d = a->all("--descale");
        regress::DescaleStep step = recipe.descale.value_or(regress::DescaleStep{});
        step.step.kernel = as_usage([&] { return regress::parse_resize_kernel(d[0]); });
        const auto [width, height] = parse_size(d[1], "--descale size");
        step.step.width = width;
        step.step.height = height;
        recipe.descale = step;
    }
    if (a->has("--luma-base")) recipe.descale.reset();
    if (a->has("--descale-border")) {
        if (!recipe.descale) throw UsageError("--descale-border needs --descale (or a recipe with \"descale\")");
        recipe.descale->border = as_usage([&] { return regress::parse_descale_border(*a->get("--descale-border")); });
    }
    if (a->has("--444")) recipe.output.mode = regress::OutputMode::full444;
    if (a->has("--output-mode"))
        recipe.output.mode = as_usage([&] { return regress::parse_output_mode(*a->get("--output-mode")); });
    if (a->has("--output-kernel"))
        recipe.output.step.kernel = as_usage([&] { return regress::parse_resize_kernel(*a->get("--output-kernel")); });
    settings.float_output = a->has("--float");
    std::pair<long, long> frames_wanted{0, -1};
    if (a->has("--frames")) frames_wanted = parse_frame_range(*a->get("--frames"));
    if (a->has("--rescaled-luma") && recipe.output.mode == regress::OutputMode::native)
        throw UsageError("--rescaled-luma does not apply to --output-mode native (its luma is the reconstruct base)");

    const std::string in_path = *a->get("--input");
    pixel::ClipReader reader(in_path);
    const pixel::VideoInfo& header = reader.info();
    pixel::regress::require_yuv(header.format, in_path);
    if (a->has("--chromaloc")) settings.location = as_usage([&] { return regress::parse_chroma_location(*a->get("--chromaloc")); });
    else if (header.metadata.chroma_siting != pixel::ChromaSiting::unspecified)
        settings.location = regress::ChromaLocation(int(header.metadata.chroma_siting) - 1);
    settings.range = range_text == "full" ? pixel::regress::ColorRange::full
                     : range_text == "limited" ? pixel::regress::ColorRange::limited
                     : header.metadata.color_range == pixel::ColorRange::full ? pixel::regress::ColorRange::full
                                                                              : pixel::regress::ColorRange::limited;

    std::optional<pixel::regress::PlaneSource> base_source, luma_source;
    std::optional<pixel::Plane> base, rescaled;
    if (a->has("--luma-base")) {
        base_source.emplace(*a->get("--luma-base"));
        base = base_source->next();
        if (!base) throw UserError("--luma-base '" + *a->get("--luma-base") + "' has no frames");
    }
    if (a->has("--rescaled-luma")) {
        luma_source.emplace(*a->get("--rescaled-luma"));
        rescaled = luma_source->next();
        if (!rescaled) throw UserError("--rescaled-luma '" + *a->get("--rescaled-luma") + "' has no frames");
    }
    const regress::Size base_size =
        base ? regress::Size{base->width(), base->height()}
             : pixel::regress::default_luma_base_size(header.width, header.height, settings);
    pixel::VideoInfo out_header = pixel::regress::reconstructed_info(header, base_size, settings, base.has_value());
    if (settings.range == pixel::regress::ColorRange::full) out_header.metadata.color_range = pixel::ColorRange::full;
    else out_header.metadata.color_range =
            out_header.format.is_float() ? pixel::ColorRange::unspecified : pixel::ColorRange::limited;
    if (rescaled && (rescaled->width() != out_header.width || rescaled->height() != out_header.height))
        throw UserError("--rescaled-luma is " + std::to_string(rescaled->width()) + "x" +
                        std::to_string(rescaled->height()) + " but the output's luma is " +
                        std::to_string(out_header.width) + "x" + std::to_string(out_header.height));

    if (!base) pixel::regress::plan_descale(settings, header.width, header.height);  // once, not per frame
    pixel::ClipWriter writer(*a->get("--output"), out_header);
    reader.seek(frames_wanted.first);
    for (long skip = 0; skip < frames_wanted.first; ++skip) {  // the side inputs follow the main one
        if (base_source && skip > 0) base_source->next();
        if (luma_source && skip > 0) luma_source->next();
    }
    pixel::Frame frame;
    const ProgressDisplay display = progress_display("rigor chroma-reconstruct", *a);
    std::uint64_t estimate = reader.frame_count_estimate();
    if (estimate > 0) estimate -= std::min<std::uint64_t>(estimate, frames_wanted.first);
    if (frames_wanted.second >= 0)
        estimate = estimate == 0 ? frames_wanted.second - frames_wanted.first
                                 : std::min<std::uint64_t>(estimate, frames_wanted.second - frames_wanted.first);
    ProgressTask task(display.progress(), "frames", estimate);
    long frames = 0;
    const long wanted = frames_wanted.second < 0 ? -1 : frames_wanted.second - frames_wanted.first;
    while ((wanted < 0 || frames < wanted) && !(reader.is_still() && frames > 0) && reader.next(frame)) {
        if (frames > 0) {  // a single picture serves every frame
            if (base_source)
                if (auto next = base_source->next()) base = std::move(next);
            if (luma_source)
                if (auto next = luma_source->next()) rescaled = std::move(next);
        }
        pixel::regress::ChromaReconstructSteps steps;
        const bool diagnose = frames == 0 && a->has("--diagnostics");
        writer.write(pixel::regress::reconstruct_yuv_frame(frame, base ? &*base : nullptr, rescaled ? &*rescaled : nullptr,
                                                           settings, diagnose ? &steps : nullptr));
        if (diagnose) pixel::regress::write_diagnostics(*a->get("--diagnostics"), steps, rp, settings.threads);
        ++frames;
        task.step();
    }
    task.finish();
    if (frames == 0) throw UserError("'" + in_path + "' has no frames" + (frames_wanted.first > 0 ? " in --frames" : ""));
    writer.commit();
    std::cerr << "chroma-reconstruct: " << frames << " frame(s), recipe '" << recipe.name << "', siting "
              << regress::to_string(settings.location) << ", "
              << (settings.range == pixel::regress::ColorRange::full ? "full" : "limited") << " range, output "
              << regress::to_string(recipe.output.mode) << "\n";
    return 0;
}

}  // namespace rigor::cli
