// rigor.Select(clip_src, prop_src, expr): akarin.Select on rigor's selector
// (pixel/select/frame_selector.hpp).  As akarin: for output frame N, plane p's program
// (fewer programs than planes repeat the last) is evaluated on the properties of the
// prop_src clips' frame N (x.Name is prop_src[0]'s; missing: 0, strings their first
// byte), rounded half away from zero and clamped to the clip_src clips; that clip's
// plane p is output, without copying, with the properties of plane 0's choice.  The
// clip_src clips share one format, size and length.
#include <memory>
#include <string>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/select/frame_selector.hpp"
#include "vapoursynth/filters.hpp"
#include "vapoursynth/host.hpp"

namespace rigor::vapoursynth {

namespace {

using pixel::select::FrameSelector;

struct SelectData {
    std::vector<VSNode*> sources, prop_sources;
    VSVideoInfo vi{};
    std::vector<FrameSelector> selectors;  // one per plane
    // Per prop_src clip, the names the programs read from it.
    std::vector<std::vector<std::string>> names;
};

struct Choice {
    int clip[3] = {0, 0, 0};
};

const VSFrame* VS_CC select_get_frame(int n, int reason, void* instance, void** frame_data, VSFrameContext* ctx,
                                      VSCore* core, const VSAPI* vsapi) {
    auto* d = static_cast<SelectData*>(instance);
    if (reason == arInitial) {
        for (VSNode* node : d->prop_sources) vsapi->requestFrameFilter(n, node, ctx);
        return nullptr;
    }
    if (reason != arAllFramesReady) {
        delete static_cast<Choice*>(*frame_data);
        *frame_data = nullptr;
        return nullptr;
    }
    const int planes = d->vi.format.numPlanes;
    if (!*frame_data) {  // the properties are here: choose, then ask for the chosen frames
        std::vector<const VSFrame*> frames;
        for (VSNode* node : d->prop_sources) frames.push_back(vsapi->getFrameFilter(n, node, ctx));
        auto choice = std::make_unique<Choice>();
        const bool chosen = run_or_report("Select", n, ctx, vsapi, [&] {
            const double zero = 0;  // akarin: a missing property is 0 in Select
            std::vector<pixel::FrameProperties> props;
            for (std::size_t i = 0; i < frames.size(); ++i) props.push_back(read_properties(frames[i], d->names[i], vsapi, &zero));
            std::vector<const pixel::FrameProperties*> ptrs;
            for (const auto& p : props) ptrs.push_back(&p);
            for (int p = 0; p < planes; ++p)
                choice->clip[p] =
                    pixel::select::clip_index(d->selectors[std::size_t(p)].evaluate(ptrs, n), int(d->sources.size()));
        });
        for (const VSFrame* f : frames) vsapi->freeFrame(f);
        if (!chosen) return nullptr;
        for (int p = 0; p < planes; ++p) {
            bool requested = false;
            for (int q = 0; q < p; ++q) requested = requested || choice->clip[q] == choice->clip[p];
            if (!requested) vsapi->requestFrameFilter(n, d->sources[std::size_t(choice->clip[p])], ctx);
        }
        *frame_data = choice.release();
        return nullptr;
    }
    std::unique_ptr<Choice> choice(static_cast<Choice*>(*frame_data));
    *frame_data = nullptr;
    const VSFrame* src[3] = {};
    for (int p = 0; p < planes; ++p) src[p] = vsapi->getFrameFilter(n, d->sources[std::size_t(choice->clip[p])], ctx);
    const int plane_index[3] = {0, 1, 2};
    VSFrame* dst = vsapi->newVideoFrame2(&d->vi.format, d->vi.width, d->vi.height, src, plane_index, src[0], core);
    for (int p = 0; p < planes; ++p) vsapi->freeFrame(src[p]);
    return dst;
}

void VS_CC select_free(void* instance, VSCore*, const VSAPI* vsapi) {
    auto* d = static_cast<SelectData*>(instance);
    for (VSNode* node : d->sources) vsapi->freeNode(node);
    for (VSNode* node : d->prop_sources) vsapi->freeNode(node);
    delete d;
}

}  // namespace

void VS_CC select_create(const VSMap* in, VSMap* out, void*, VSCore* core, const VSAPI* vsapi) {
    auto d = std::make_unique<SelectData>();
    create_or_report("Select", out, vsapi, [&] {
        for (int i = 0; i < vsapi->mapNumElements(in, "clip_src"); ++i)
            d->sources.push_back(vsapi->mapGetNode(in, "clip_src", i, nullptr));
        for (int i = 0; i < vsapi->mapNumElements(in, "prop_src"); ++i)
            d->prop_sources.push_back(vsapi->mapGetNode(in, "prop_src", i, nullptr));
        for (std::size_t i = 0; i < d->sources.size(); ++i) {
            const std::string what = "clip_src " + std::to_string(i);
            const VSVideoInfo& vi = constant_video_info(d->sources[i], what, vsapi);
            if (i == 0) {
                d->vi = vi;
                continue;
            }
            char a[32] = {}, b[32] = {};
            vsapi->getVideoFormatName(&vi.format, a);
            vsapi->getVideoFormatName(&d->vi.format, b);
            if (vi.format.colorFamily != d->vi.format.colorFamily || vi.format.sampleType != d->vi.format.sampleType ||
                vi.format.bitsPerSample != d->vi.format.bitsPerSample ||
                vi.format.subSamplingW != d->vi.format.subSamplingW ||
                vi.format.subSamplingH != d->vi.format.subSamplingH || vi.width != d->vi.width ||
                vi.height != d->vi.height)
                throw UserError(what + " is " + a + " " + std::to_string(vi.width) + "x" + std::to_string(vi.height) +
                                " but clip_src 0 is " + b + " " + std::to_string(d->vi.width) + "x" +
                                std::to_string(d->vi.height) + ": all clip_src clips must have one format and size");
            if (vi.numFrames != d->vi.numFrames)
                throw UserError(what + " has " + std::to_string(vi.numFrames) + " frames but clip_src 0 has " +
                                std::to_string(d->vi.numFrames) + ": all clip_src clips must have one length");
        }
        const int planes = d->vi.format.numPlanes;
        const int programs = vsapi->mapNumElements(in, "expr");
        if (programs < 1) throw UserError("no expression given");
        if (programs > planes)
            throw UserError(std::to_string(programs) + " expressions given but the clips have " + std::to_string(planes) +
                            " plane(s)");
        d->names.resize(d->prop_sources.size());
        for (int p = 0; p < planes; ++p) {
            const std::string text = vsapi->mapGetData(in, "expr", std::min(p, programs - 1), nullptr);
            try {
                d->selectors.emplace_back(text, int(d->prop_sources.size()));
            } catch (const UserError& e) {
                throw UserError("expression for plane " + std::to_string(p) + ": " + e.what());
            }
            for (const auto& [clip, name] : d->selectors.back().properties_read())
                d->names[std::size_t(clip)].push_back(name);
        }
        std::vector<VSFilterDependency> deps;
        for (VSNode* node : d->prop_sources) deps.push_back({node, rpGeneral});
        for (VSNode* node : d->sources) deps.push_back({node, rpGeneral});
        SelectData* data = d.release();
        vsapi->createVideoFilter(out, "Select", &data->vi, select_get_frame, select_free, fmParallel, deps.data(),
                                 int(deps.size()), data, core);
    });
    if (d) {
        for (VSNode* node : d->sources) vsapi->freeNode(node);
        for (VSNode* node : d->prop_sources) vsapi->freeNode(node);
    }
}

}  // namespace rigor::vapoursynth
