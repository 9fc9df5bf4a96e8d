#include "pixel/regress/resize.hpp"

#include <cmath>
#include <cstdlib>
#include <memory>
#include <zimg.h>

#include "filters/base/error.hpp"

namespace rigor::pixel::regress {

using rigor::regress::ResizeKernel;

namespace {

struct GraphDeleter {
    void operator()(zimg_filter_graph* g) const noexcept { zimg_filter_graph_free(g); }
};
struct AlignedFree {
    void operator()(void* p) const noexcept { std::free(p); }
};

zimg_image_format grey_float(int w, int h) {
    zimg_image_format f;
    zimg_image_format_default(&f, ZIMG_API_VERSION);
    f.width = unsigned(w);
    f.height = unsigned(h);
    f.pixel_type = ZIMG_PIXEL_FLOAT;
    f.color_family = ZIMG_COLOR_GREY;
    return f;
}

std::string zimg_message() {
    char buf[1024] = {};
    zimg_get_last_error(buf, sizeof buf);
    return buf;
}

}  // namespace

Plane resize_plane(const Plane& src, const ResizeKernel& kernel, const ResizeRequest& r) {
    require_float(src, "resize input");
    if (r.width < 1 || r.height < 1) throw UserError("resize: output size must be at least 1x1");
    zimg_image_format in = grey_float(src.width(), src.height());
    in.active_region.left = r.src_left;
    in.active_region.top = r.src_top;
    in.active_region.width = r.src_width > 0 ? r.src_width : src.width();
    in.active_region.height = r.src_height > 0 ? r.src_height : src.height();
    zimg_image_format out = grey_float(r.width, r.height);

    zimg_graph_builder_params params;
    zimg_graph_builder_params_default(&params, ZIMG_API_VERSION);
    switch (kernel.kind) {
        case ResizeKernel::Kind::point: params.resample_filter = ZIMG_RESIZE_POINT; break;
        case ResizeKernel::Kind::bilinear: params.resample_filter = ZIMG_RESIZE_BILINEAR; break;
        case ResizeKernel::Kind::bicubic:
            params.resample_filter = ZIMG_RESIZE_BICUBIC;
            params.filter_param_a = kernel.b;
            params.filter_param_b = kernel.c;
            break;
        case ResizeKernel::Kind::lanczos:
            params.resample_filter = ZIMG_RESIZE_LANCZOS;
            params.filter_param_a = kernel.taps;
            break;
        case ResizeKernel::Kind::spline16: params.resample_filter = ZIMG_RESIZE_SPLINE16; break;
        case ResizeKernel::Kind::spline36: params.resample_filter = ZIMG_RESIZE_SPLINE36; break;
        case ResizeKernel::Kind::spline64: params.resample_filter = ZIMG_RESIZE_SPLINE64; break;
    }
    if (kernel.blur != 1) throw UserError("resize: blur is a descale parameter only (zimg has none)");
    std::unique_ptr<zimg_filter_graph, GraphDeleter> graph(zimg_filter_graph_build(&in, &out, &params));
    if (!graph) throw UserError("resize with " + kernel.describe() + " refused by zimg: " + zimg_message());
    std::size_t tmp_size = 0;
    zimg_filter_graph_get_tmp_size(graph.get(), &tmp_size);
    std::unique_ptr<void, AlignedFree> tmp(std::aligned_alloc(64, (tmp_size + 63) / 64 * 64 + 64));
    if (!tmp) throw std::bad_alloc();

    Plane dst = make_float_plane(r.width, r.height);
    zimg_image_buffer_const src_buf{};
    src_buf.version = ZIMG_API_VERSION;
    src_buf.plane[0].data = src.row(0);
    src_buf.plane[0].stride = src.stride();
    src_buf.plane[0].mask = ZIMG_BUFFER_MAX;
    zimg_image_buffer dst_buf{};
    dst_buf.version = ZIMG_API_VERSION;
    dst_buf.plane[0].data = dst.row(0);
    dst_buf.plane[0].stride = dst.stride();
    dst_buf.plane[0].mask = ZIMG_BUFFER_MAX;
    if (zimg_filter_graph_process(graph.get(), &src_buf, &dst_buf, tmp.get(), nullptr, nullptr, nullptr, nullptr))
        throw InternalError("zimg failed while resizing: " + zimg_message());
    return dst;
}

}  // namespace rigor::pixel::regress
