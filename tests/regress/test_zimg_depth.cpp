// rigor's integer → float units (pixel/regress/units.hpp) against zimg's own depth
// conversion, called through zimg's API (Debian libzimg-dev, the library VapourSynth's
// resize — and so the module's depth(clip, 32) — runs): every code value of 8, 10 and
// 16-bit luma and chroma, limited and full range, must convert to the same binary32
// value bit for bit as zimg's automatic CPU choice (its x86 SIMD kernels, a fused
// multiply-add; measured on this machine: AVX2), and its plain C code (product rounded,
// then the offset added) must be that formula, within an ulp of rigor's.
#include <catch2/catch.hpp>
#include <zimg.h>

#include <cstdint>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>

#include "pixel/regress/units.hpp"

using namespace rigor::pixel::regress;
using rigor::pixel::Plane;

namespace {

struct Free {
    void operator()(void* p) const noexcept { std::free(p); }
};
using Buffer = std::unique_ptr<std::uint8_t, Free>;

Buffer aligned(std::size_t bytes) {
    return Buffer(static_cast<std::uint8_t*>(std::aligned_alloc(64, (bytes + 63) / 64 * 64)));
}

// zimg converts a 4:4:4 YUV picture of w×h integer samples (every plane holding the same
// codes) to float; returns plane `plane` (0 luma, 1 chroma).
Plane zimg_to_float(const Plane& codes, int bits, ColorRange range, int plane, zimg_cpu_type_e cpu) {
    const int w = codes.width(), h = codes.height(), bytes = bits <= 8 ? 1 : 2;
    zimg_image_format in, out;
    zimg_image_format_default(&in, ZIMG_API_VERSION);
    zimg_image_format_default(&out, ZIMG_API_VERSION);
    for (zimg_image_format* f : {&in, &out}) {
        f->width = unsigned(w);
        f->height = unsigned(h);
        f->color_family = ZIMG_COLOR_YUV;
        f->matrix_coefficients = ZIMG_MATRIX_BT709;  // the same on both sides: depth only
        f->subsample_w = f->subsample_h = 0;
        f->pixel_range = range == ColorRange::full ? ZIMG_RANGE_FULL : ZIMG_RANGE_LIMITED;
    }
    in.pixel_type = bytes == 1 ? ZIMG_PIXEL_BYTE : ZIMG_PIXEL_WORD;
    in.depth = unsigned(bits);
    out.pixel_type = ZIMG_PIXEL_FLOAT;
    out.depth = 32;
    zimg_graph_builder_params params;
    zimg_graph_builder_params_default(&params, ZIMG_API_VERSION);
    params.cpu_type = cpu;
    zimg_filter_graph* graph = zimg_filter_graph_build(&in, &out, &params);
    if (!graph) {
        char message[1024] = {};
        zimg_get_last_error(message, sizeof message);
        FAIL("zimg refused the conversion: " << message);
    }
    std::size_t tmp_size = 0;
    zimg_filter_graph_get_tmp_size(graph, &tmp_size);
    const Buffer tmp = aligned(tmp_size + 64);
    const std::ptrdiff_t in_stride = (std::ptrdiff_t(w) * bytes + 63) / 64 * 64, out_stride = (std::ptrdiff_t(w) * 4 + 63) / 64 * 64;
    Buffer src[3], dst[3];
    zimg_image_buffer_const src_buf{};
    zimg_image_buffer dst_buf{};
    src_buf.version = dst_buf.version = ZIMG_API_VERSION;
    for (int p = 0; p < 3; ++p) {
        src[p] = aligned(std::size_t(in_stride) * h);
        dst[p] = aligned(std::size_t(out_stride) * h);
        for (int y = 0; y < h; ++y) std::memcpy(src[p].get() + y * in_stride, codes.row(y), std::size_t(w) * bytes);
        src_buf.plane[p] = {src[p].get(), in_stride, ZIMG_BUFFER_MAX};
        dst_buf.plane[p] = {dst[p].get(), out_stride, ZIMG_BUFFER_MAX};
    }
    const zimg_error_code_e e = zimg_filter_graph_process(graph, &src_buf, &dst_buf, tmp.get(), nullptr, nullptr,
                                                          nullptr, nullptr);
    zimg_filter_graph_free(graph);
    REQUIRE(e == ZIMG_ERROR_SUCCESS);
    Plane result(w, h, 4);
    for (int y = 0; y < h; ++y) std::memcpy(result.row(y), dst[plane].get() + y * out_stride, std::size_t(w) * 4);
    return result;
}

}  // namespace

TEST_CASE("integer to float units equal zimg's depth conversion bit for bit", "[units][zimg]") {
    for (int bits : {8, 10, 16}) {
        // Every code value once: 2^bits samples, 256 to a row.
        const int w = 256, h = (1 << bits) / 256;
        Plane codes(w, h, bits <= 8 ? 1 : 2);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const int v = y * w + x;
                if (bits <= 8) codes.row_as<std::uint8_t>(y)[x] = std::uint8_t(v);
                else codes.row_as<std::uint16_t>(y)[x] = std::uint16_t(v);
            }
        for (ColorRange range : {ColorRange::limited, ColorRange::full})
            for (int plane : {0, 1})
                for (zimg_cpu_type_e cpu : {ZIMG_CPU_AUTO, ZIMG_CPU_NONE}) {
                    const IntegerCoding coding{bits, plane == 1, range};
                    const Plane ours = integer_to_float(codes, coding);
                    const Plane theirs = zimg_to_float(codes, bits, range, plane, cpu);
                    // zimg's plain C code rounds v·scale before adding the offset (its
                    // x86 SIMD code, which rigor follows, fuses them): that path must be
                    // the two-rounding formula, within its two roundings of rigor's.
                    const float scale = float(1.0 / coding.scale()), offset = float(-coding.offset() / coding.scale());
                    long differ = 0, first = -1, beyond_ulp = 0;
                    for (int y = 0; y < h; ++y)
                        for (int x = 0; x < w; ++x) {
                            const float a = ours.row_as<float>(y)[x], b = theirs.row_as<float>(y)[x];
                            volatile float product = float(y * w + x) * scale;  // rounded, not fused
                            const float two_roundings = product + offset;
                            const float want = cpu == ZIMG_CPU_NONE ? two_roundings : a;
                            if (std::memcmp(&want, &b, 4) != 0) {
                                if (first < 0) first = y * w + x;
                                ++differ;
                            }
                            // The product's rounding (an ulp of v·scale) plus the sum's.
                            const double ulps = std::ldexp(std::fabs(double(product)), -23) +
                                                std::ldexp(std::fabs(double(b)), -23);
                            if (std::fabs(double(a) - b) > ulps) ++beyond_ulp;
                        }
                    INFO(bits << "-bit " << (range == ColorRange::full ? "full" : "limited") << " "
                              << (plane ? "chroma" : "luma") << ", zimg cpu " << (cpu == ZIMG_CPU_NONE ? "none" : "auto")
                              << ": " << differ << " codes differ, first " << first);
                    CHECK(differ == 0);
                    CHECK(beyond_ulp == 0);
                }
    }
}
