#include "pixel/regress/yuv_chroma_reconstruct.hpp"

#include <optional>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/regress/descale.hpp"
#include "pixel/regress/resize.hpp"

namespace rigor::pixel::regress {

using rigor::regress::OutputMode;
using rigor::regress::Size;

void require_yuv(const VideoFormat& format, const std::string& name) {
    if (format.family != ColorFamily::YUV || (format.is_float() && format.bits != 32))
        throw UserError("'" + name + "' is " + format.name() +
                        "; chroma-reconstruct needs YUV video, integer (8-16 bit) or 32-bit float");
}

Size default_luma_base_size(int width, int height, const YuvReconstruction& settings) {
    if (const auto& d = settings.recipe.descale) return {*d->step.width, *d->step.height};
    return {width, height};
}

namespace {

bool float_out(const VideoFormat& source, const YuvReconstruction& s) {
    const OutputMode m = s.recipe.output.mode;
    return source.is_float() || s.float_output || m == OutputMode::native || m == OutputMode::production;
}

}  // namespace

VideoInfo reconstructed_info(const VideoInfo& source, Size luma_base, const YuvReconstruction& settings,
                             bool base_given) {
    const VideoFormat& f = source.format;
    const Size chroma{(source.width + (1 << f.ss_w) - 1) >> f.ss_w, (source.height + (1 << f.ss_h) - 1) >> f.ss_h};
    Size native;
    try {
        native = settings.recipe.check_sizes(luma_base, chroma);
    } catch (const UserError& e) {
        if (base_given || settings.recipe.descale) throw;
        throw UserError("recipe '" + settings.recipe.name +
                        "' needs a luma base of the production size: give --descale KERNEL WxH or --luma-base FILE "
                        "(with the source's own " + rigor::regress::to_string(luma_base) +
                        " luma the chains do not meet: " + e.what() + ")");
    }
    VideoInfo out = source;
    out.format = f;
    if (float_out(f, settings)) out.format = f.with_samples(SampleType::Float, 32);
    switch (settings.recipe.output.mode) {
        case OutputMode::source: out.metadata.chroma_siting = pixel::ChromaSiting(int(settings.location) + 1); break;
        case OutputMode::full444: break;
        case OutputMode::native: out.width = native.width, out.height = native.height; break;
        case OutputMode::production: out.width = luma_base.width, out.height = luma_base.height; break;
    }
    if (settings.recipe.output.mode != OutputMode::source) {
        out.format.ss_w = out.format.ss_h = 0;
        out.metadata.chroma_siting = pixel::ChromaSiting::unspecified;
    }
    return out;
}

namespace {

DescaleRequest descale_request(const rigor::regress::DescaleStep& d) {
    const rigor::regress::ResizeStep& s = d.step;
    return DescaleRequest{*s.width, *s.height, s.src_left.value, s.src_top.value,
                          s.src_width.value_or(0), s.src_height.value_or(0), d.border};
}

DescalePlan make_plan(const YuvReconstruction& settings, int width, int height) {
    const rigor::regress::DescaleStep& d = *settings.recipe.descale;
    try {
        return DescalePlan(d.step.kernel, descale_request(d), width, height);
    } catch (const UserError& e) {
        throw UserError(std::string("descale: ") + e.what());
    }
}

}  // namespace

void plan_descale(YuvReconstruction& settings, int width, int height) {
    settings.descale_plan.reset();
    if (settings.recipe.descale)
        settings.descale_plan = std::make_shared<const DescalePlan>(make_plan(settings, width, height));
}

Plane make_luma_base(const Plane& luma, const YuvReconstruction& settings) {
    if (!settings.recipe.descale) return luma;
    require_float(luma, "descale input");
    const DescalePlan* plan = settings.descale_plan.get();
    std::optional<DescalePlan> own;
    if (!plan || plan->src_width() != luma.width() || plan->src_height() != luma.height())
        plan = &own.emplace(make_plan(settings, luma.width(), luma.height()));
    return plan->apply(luma, settings.threads);
}

Frame reconstruct_yuv_frame(const Frame& yuv, const Plane* luma_base, const Plane* rescaled_luma,
                            const YuvReconstruction& settings, ChromaReconstructSteps* steps) {
    const VideoFormat& fmt = yuv.format();
    const bool is_float = fmt.is_float();
    const ChromaSiting siting{settings.location, fmt.ss_w, fmt.ss_h};
    const IntegerCoding luma_coding{fmt.bits, false, settings.range}, chroma_coding{fmt.bits, true, settings.range};
    auto to_float = [&](int p, const IntegerCoding& c) { return is_float ? yuv.plane(p) : integer_to_float(yuv.plane(p), c); };
    const Plane luma = to_float(0, luma_coding);
    Plane made_base;
    if (!luma_base) {
        made_base = make_luma_base(luma, settings);
        luma_base = &made_base;
    }
    const std::vector<Plane> chroma{to_float(1, chroma_coding), to_float(2, chroma_coding)};
    ChromaReconstructSteps run = chroma_reconstruct_steps(*luma_base, chroma, settings.recipe, siting, settings.regress,
                                                          settings.reconstruct, settings.threads);

    const rigor::regress::OutputStep& output = settings.recipe.output;
    const VideoInfo info = reconstructed_info({fmt, yuv.width(), yuv.height(), {}},
                                              {luma_base->width(), luma_base->height()}, settings, true);
    Frame out(info.format, info.width, info.height);
    const bool integer_out = !info.format.is_float();

    // The output's luma in float units (or the source's samples, copied).
    const Plane* y = nullptr;
    if (output.mode == OutputMode::native) y = &run.base;
    else if (rescaled_luma) y = rescaled_luma;
    else if (output.mode == OutputMode::production) y = luma_base;
    if (y) {
        if (y->width() != out.width() || y->height() != out.height())
            throw UserError("the rescaled luma is " + std::to_string(y->width()) + "x" + std::to_string(y->height()) +
                            " but the " + std::string(rigor::regress::to_string(output.mode)) + " output's luma is " +
                            std::to_string(out.width()) + "x" + std::to_string(out.height()));
        out.plane(0) = integer_out ? float_to_integer(*y, luma_coding) : *y;
    } else {
        out.plane(0) = integer_out || is_float ? yuv.plane(0) : luma;
    }

    for (int k = 0; k < 2; ++k) {
        const Plane& fixed = run.repaired[k];
        Plane plane = fixed;
        if (output.mode != OutputMode::native) {
            const Size from{fixed.width(), fixed.height()}, to{out.plane(k + 1).width(), out.plane(k + 1).height()};
            rigor::regress::Shift shift;
            if (output.shift_given)
                shift = rigor::regress::resolve_shift(output.step, siting.location, fmt.ss_w, fmt.ss_h, from, to);
            else if (output.mode == OutputMode::source)
                shift = rigor::regress::to_subsampled(siting.location, fmt.ss_w, fmt.ss_h, from.width, from.height,
                                                      to.width, to.height);
            try {
                plane = resize_plane(fixed, output.step.kernel,
                                     {to.width, to.height, shift.left, shift.top, output.step.src_width.value_or(0),
                                      output.step.src_height.value_or(0)});
            } catch (const UserError& e) {
                throw UserError(std::string("output: ") + e.what());
            }
        }
        out.plane(k + 1) = integer_out ? float_to_integer(plane, chroma_coding) : std::move(plane);
    }
    if (steps) *steps = std::move(run);
    return out;
}

}  // namespace rigor::pixel::regress
