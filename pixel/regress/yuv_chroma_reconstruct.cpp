#include "pixel/regress/yuv_chroma_reconstruct.hpp"

#include <vector>

#include "filters/base/error.hpp"
#include "pixel/regress/chroma_reconstruct.hpp"
#include "pixel/regress/descale.hpp"
#include "pixel/regress/resize.hpp"

namespace rigor::pixel::regress {

void require_integer_yuv(const VideoFormat& format, const std::string& name) {
    if (format.family != ColorFamily::YUV || format.is_float())
        throw UserError("'" + name + "' is " + format.name() + "; chroma-reconstruct needs integer YUV (8-16 bit)");
}

VideoFormat reconstructed_format(const VideoFormat& source, const YuvReconstruction& settings) {
    VideoFormat out = source;
    if (settings.full_chroma) out.ss_w = out.ss_h = 0;
    return out;
}

Frame reconstruct_yuv_frame(const Frame& yuv, const Plane* luma_base, const YuvReconstruction& settings) {
    const VideoFormat& fmt = yuv.format();
    const ChromaSiting siting{settings.location, fmt.ss_w, fmt.ss_h};
    const IntegerCoding luma_coding{fmt.bits, false, settings.range}, chroma_coding{fmt.bits, true, settings.range};
    const Plane luma = integer_to_float(yuv.plane(0), luma_coding);
    Plane made_base;
    if (!luma_base) {
        made_base = settings.descale ? descale_plane(luma, settings.descale->kernel, settings.descale->width,
                                                     settings.descale->height)
                                     : luma;
        luma_base = &made_base;
    }
    const std::vector<Plane> chroma{integer_to_float(yuv.plane(1), chroma_coding),
                                    integer_to_float(yuv.plane(2), chroma_coding)};
    const std::vector<Plane> fixed = chroma_reconstruct(*luma_base, chroma, settings.recipe, siting, settings.regress,
                                                        settings.reconstruct, settings.threads);
    Frame out(reconstructed_format(fmt, settings), yuv.width(), yuv.height());
    out.plane(0) = yuv.plane(0);
    for (int k = 0; k < 2; ++k) {
        const int cw = out.plane(k + 1).width(), ch = out.plane(k + 1).height();
        const rigor::regress::Shift shift =
            settings.full_chroma ? rigor::regress::Shift{}
                                 : rigor::regress::to_subsampled(siting.location, fmt.ss_w, fmt.ss_h, fixed[k].width(),
                                                                 fixed[k].height(), cw, ch);
        const Plane resized = resize_plane(fixed[k], rigor::regress::parse_resize_kernel("catrom"),
                                           {cw, ch, shift.left, shift.top, 0, 0});
        out.plane(k + 1) = float_to_integer(resized, chroma_coding);
    }
    return out;
}

}  // namespace rigor::pixel::regress
