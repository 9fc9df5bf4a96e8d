// rigor.Expr(clips, expr, format=None, opt=0, boundary=0): akarin.Expr's signature and
// behaviour on rigor's engine (pixel/expr/expr_filter.hpp).  As akarin: all clips share
// size, colour family and subsampling (depths may differ); `format` changes only the
// sample type and depth; fewer expressions than planes repeat the last; an empty one
// copies clip 0's plane (here without copying: the output frame shares it); x.Name reads
// frame properties (numbers, strings as their first byte, missing: NaN); the output has
// the longest clip's length and clip 0's properties.
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "filters/base/error.hpp"
#include "vapoursynth/filters.hpp"
#include "vapoursynth/host.hpp"

namespace rigor::vapoursynth {

namespace {

using pixel::expr::ExprFilter;

struct ExprData {
    std::vector<VSNode*> nodes;
    VSVideoInfo vi{};
    pixel::VideoFormat output_format;
    int copy_source[3] = {-1, -1, -1};
    std::vector<std::vector<std::string>> properties;  // per clip: the names the programs read
    std::unique_ptr<InstancePool<ExprFilter>> filters;
};

const VSFrame* VS_CC expr_get_frame(int n, int reason, void* instance, void**, VSFrameContext* ctx, VSCore* core,
                                    const VSAPI* vsapi) {
    auto* d = static_cast<ExprData*>(instance);
    if (reason == arInitial) {
        for (VSNode* node : d->nodes) vsapi->requestFrameFilter(n, node, ctx);
        return nullptr;
    }
    if (reason != arAllFramesReady) return nullptr;
    std::vector<const VSFrame*> src;
    for (VSNode* node : d->nodes) src.push_back(vsapi->getFrameFilter(n, node, ctx));
    VSFrame* dst = nullptr;
    const bool done = run_or_report("Expr", n, ctx, vsapi, [&] {
        const int planes = d->output_format.planes();
        const VSFrame* plane_src[3] = {};
        int plane_index[3] = {0, 1, 2};
        for (int p = 0; p < planes; ++p)
            if (d->copy_source[p] >= 0) plane_src[p] = src[std::size_t(d->copy_source[p])];
        dst = vsapi->newVideoFrame2(&d->vi.format, d->vi.width, d->vi.height, plane_src, plane_index, src[0], core);
        std::vector<pixel::FrameProperties> props(src.size());
        std::vector<std::vector<pixel::expr::PlaneSource>> planes_of(src.size());
        std::vector<pixel::expr::ExprFilter::ClipPlanes> views(src.size());
        for (std::size_t i = 0; i < src.size(); ++i) {
            props[i] = read_properties(src[i], d->properties[i], vsapi);  // missing: left out (NaN)
            for (int p = 0; p < vsapi->getVideoFrameFormat(src[i])->numPlanes; ++p)
                planes_of[i].push_back(plane_source(src[i], p, vsapi));
            views[i] = {planes_of[i], &props[i]};
        }
        std::vector<pixel::expr::PlaneTarget> targets(static_cast<std::size_t>(planes));
        for (int p = 0; p < planes; ++p)
            if (d->copy_source[p] < 0) targets[std::size_t(p)] = plane_target(dst, p, d->output_format, vsapi);
        d->filters->borrow()->process(views, n, targets);
    });
    for (const VSFrame* f : src) vsapi->freeFrame(f);
    if (done) return dst;
    if (dst) vsapi->freeFrame(dst);
    return nullptr;
}

void VS_CC expr_free(void* instance, VSCore*, const VSAPI* vsapi) {
    auto* d = static_cast<ExprData*>(instance);
    for (VSNode* node : d->nodes) vsapi->freeNode(node);
    delete d;
}

}  // namespace

void VS_CC expr_create(const VSMap* in, VSMap* out, void*, VSCore* core, const VSAPI* vsapi) {
    auto d = std::make_unique<ExprData>();
    create_or_report("Expr", out, vsapi, [&] {
        const int clips = vsapi->mapNumElements(in, "clips");
        for (int i = 0; i < clips; ++i) d->nodes.push_back(vsapi->mapGetNode(in, "clips", i, nullptr));
        std::vector<pixel::VideoFormat> formats;
        for (int i = 0; i < clips; ++i) {
            const std::string what = "clip " + std::to_string(i);
            const VSVideoInfo& vi = constant_video_info(d->nodes[std::size_t(i)], what, vsapi);
            formats.push_back(to_rigor(vi.format, what, vsapi));
            if (i == 0) {
                d->vi = vi;
            } else {
                if (vi.width != d->vi.width || vi.height != d->vi.height)
                    throw UserError("clip " + std::to_string(i) + " is " + std::to_string(vi.width) + "x" +
                                    std::to_string(vi.height) + " but clip 0 is " + std::to_string(d->vi.width) + "x" +
                                    std::to_string(d->vi.height) + ": all clips must have one size");
                d->vi.numFrames = std::max(d->vi.numFrames, vi.numFrames);
            }
        }
        pixel::expr::ExprSettings settings;
        int error = 0;
        const int64_t format_id = vsapi->mapGetInt(in, "format", 0, &error);
        if (!error) {
            VSVideoFormat f{};
            if (!vsapi->getVideoFormatByID(&f, uint32_t(format_id), core) || f.colorFamily == cfUndefined || f.bitsPerSample == 0)
                throw UserError("format " + std::to_string(format_id) + " is not a VapourSynth format");
            // As akarin: only the sample type and depth of `format` count.
            settings.output_format =
                formats[0].with_samples(f.sampleType == stFloat ? pixel::SampleType::Float : pixel::SampleType::Integer,
                                        f.bitsPerSample);
            to_rigor(to_vs(*settings.output_format, core, vsapi), "format", vsapi);  // refuses 32-bit integer
        }
        const int64_t opt = vsapi->mapGetInt(in, "opt", 0, &error);
        if (!error && opt != 0 && opt != 1) throw UserError("opt must be 0 or 1, got " + std::to_string(opt));
        const int64_t boundary = vsapi->mapGetInt(in, "boundary", 0, &error);
        if (error || boundary == 0) settings.boundary = rigor::expr::Boundary::Clamp;
        else if (boundary == 1) settings.boundary = rigor::expr::Boundary::Mirror;
        else throw UserError("boundary must be 0 (clamp) or 1 (mirror), got " + std::to_string(boundary));
        for (int i = 0; i < vsapi->mapNumElements(in, "expr"); ++i)
            settings.expressions.push_back(vsapi->mapGetData(in, "expr", i, nullptr));
        settings.threads = 1;  // VapourSynth runs frames in parallel (fmParallel)
        settings.missing_properties.otherwise = NAN;  // akarin.Expr's rule: a missing property reads NaN
        auto first = std::make_unique<ExprFilter>(settings, formats, d->vi.width, d->vi.height);
        d->output_format = first->output_format();
        d->vi.format = to_vs(d->output_format, core, vsapi);
        for (int p = 0; p < d->output_format.planes(); ++p) d->copy_source[p] = first->copy_source(p);
        for (int i = 0; i < clips; ++i) d->properties.push_back(first->properties_read(i));
        const int width = d->vi.width, height = d->vi.height;
        d->filters = std::make_unique<InstancePool<ExprFilter>>(
            [settings, formats, width, height] { return std::make_unique<ExprFilter>(settings, formats, width, height); },
            std::move(first));
        std::vector<VSFilterDependency> deps;
        for (VSNode* node : d->nodes) deps.push_back(dependency(node, d->vi.numFrames, vsapi));
        ExprData* data = d.release();
        vsapi->createVideoFilter(out, "Expr", &data->vi, expr_get_frame, expr_free, fmParallel, deps.data(),
                                 int(deps.size()), data, core);
    });
    if (d)
        for (VSNode* node : d->nodes) vsapi->freeNode(node);
}

}  // namespace rigor::vapoursynth
