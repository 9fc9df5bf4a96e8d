// rigor.Regression(x, ys, radius=1, alpha=0.2, weight_method="threshold", intercept=0,
// eps=1e-7, border="vszip") and rigor.Reconstruct(clip, slope, correlation,
// intercept=None, radius=1, eps=1e-7, border="vszip"): the fused kernels of `rigor
// regress` / `rigor reconstruct` (pixel/regress/fused.hpp) on GRAYS clips, equal to the
// CLI's bit for bit (the same calls on the same samples).
//
// Regression returns, per clip of ys, its slope and correlation clips (and intercept
// clip when intercept > 0), in that order.  One hidden node per y computes all of them
// at once (its frame is the slope, the others ride along as frame properties), so asking
// for several outputs of frame N computes the regression once (VapourSynth caches it).
// Output frames carry x's properties and RegressWeight (the reliability weight w).
// The kernels read and write VapourSynth's frames in place.
//
// Reconstruct fed by one Regression call's slope and correlation (and its intercept, or
// none) — the module's usual chain — does not ask for them: it asks for that call's x
// and y and runs both kernels in one sweep (regression_registry.hpp), equal bit for bit
// and without the full-size slope and correlation frames in between.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/regress/params.hpp"
#include "pixel/regress/fused.hpp"
#include "vapoursynth/filters.hpp"
#include "vapoursynth/host.hpp"
#include "vapoursynth/regression_registry.hpp"

namespace rigor::vapoursynth {

namespace {

constexpr const char* kCorrelationKey = "_RigorRegressionCorrelation";
constexpr const char* kInterceptKey = "_RigorRegressionIntercept";

// Refuses anything but a constant GRAYS clip of x's size.
void require_grays(VSNode* node, const std::string& what, const VSVideoInfo* like, const VSAPI* vsapi) {
    const VSVideoInfo& vi = constant_video_info(node, what, vsapi);
    if (vi.format.colorFamily != cfGray || vi.format.sampleType != stFloat || vi.format.bitsPerSample != 32) {
        char name[32] = "?";
        vsapi->getVideoFormatName(&vi.format, name);
        throw UserError(what + " is " + name + ": only GRAYS clips (one float plane) are accepted");
    }
    if (like && (vi.width != like->width || vi.height != like->height))
        throw UserError(what + " is " + std::to_string(vi.width) + "x" + std::to_string(vi.height) + " but x is " +
                        std::to_string(like->width) + "x" + std::to_string(like->height));
}

std::string data_or(const VSMap* in, const char* key, const char* fallback, const VSAPI* vsapi) {
    int error = 0;
    const char* value = vsapi->mapGetData(in, key, 0, &error);
    return error ? fallback : value;
}

// The kernels read and write VapourSynth's frames in place (no copy into Planes).
pixel::regress::FloatRows rows_of(const VSFrame* f, const VSAPI* vsapi) {
    return {reinterpret_cast<const std::byte*>(vsapi->getReadPtr(f, 0)), vsapi->getStride(f, 0),
            vsapi->getFrameWidth(f, 0), vsapi->getFrameHeight(f, 0)};
}
pixel::regress::MutableFloatRows rows_of(VSFrame* f, const VSAPI* vsapi) {
    return {reinterpret_cast<std::byte*>(vsapi->getWritePtr(f, 0)), vsapi->getStride(f, 0),
            vsapi->getFrameWidth(f, 0), vsapi->getFrameHeight(f, 0)};
}

// --- Regression: the hidden node computing every output of one y -------------------

struct RegressionData {
    VSNode* x = nullptr;
    VSNode* y = nullptr;
    VSVideoInfo vi{};
    rigor::regress::RegressParams params;
};

const VSFrame* VS_CC regression_get_frame(int n, int reason, void* instance, void**, VSFrameContext* ctx, VSCore* core,
                                          const VSAPI* vsapi) {
    auto* d = static_cast<RegressionData*>(instance);
    if (reason == arInitial) {
        vsapi->requestFrameFilter(n, d->x, ctx);
        vsapi->requestFrameFilter(n, d->y, ctx);
        return nullptr;
    }
    if (reason != arAllFramesReady) return nullptr;
    const VSFrame* x = vsapi->getFrameFilter(n, d->x, ctx);
    const VSFrame* y = vsapi->getFrameFilter(n, d->y, ctx);
    VSFrame* slope = nullptr;
    const bool done = run_or_report("Regression", n, ctx, vsapi, [&] {
        auto new_frame = [&] { return vsapi->newVideoFrame(&d->vi.format, d->vi.width, d->vi.height, x, core); };
        slope = new_frame();
        VSFrame* correlation = new_frame();
        VSFrame* intercept = d->params.intercept != 0 ? new_frame() : nullptr;
        double weight = 0;
        try {
            weight = pixel::regress::regress_fused_rows(
                rows_of(x, vsapi), rows_of(y, vsapi), d->params, rows_of(slope, vsapi), rows_of(correlation, vsapi),
                intercept ? rows_of(intercept, vsapi) : pixel::regress::MutableFloatRows{}, 1);
        } catch (...) {
            vsapi->freeFrame(correlation);
            if (intercept) vsapi->freeFrame(intercept);
            throw;
        }
        VSMap* props = vsapi->getFramePropertiesRW(slope);
        vsapi->mapSetFloat(props, "RegressWeight", weight, maReplace);
        vsapi->mapSetFloat(vsapi->getFramePropertiesRW(correlation), "RegressWeight", weight, maReplace);
        if (intercept) vsapi->mapSetFloat(vsapi->getFramePropertiesRW(intercept), "RegressWeight", weight, maReplace);
        vsapi->mapConsumeFrame(props, kCorrelationKey, correlation, maReplace);
        if (intercept) vsapi->mapConsumeFrame(props, kInterceptKey, intercept, maReplace);
    });
    vsapi->freeFrame(x);
    vsapi->freeFrame(y);
    if (done) return slope;
    if (slope) vsapi->freeFrame(slope);
    return nullptr;
}

void VS_CC regression_free(void* instance, VSCore*, const VSAPI* vsapi) {
    auto* d = static_cast<RegressionData*>(instance);
    vsapi->freeNode(d->x);
    vsapi->freeNode(d->y);
    delete d;
}

// --- Regression: one visible output (0 slope, 1 correlation, 2 intercept) -----------

struct PartData {
    VSNode* all = nullptr;
    int part = 0;
    RegressionRegistry* registry = nullptr;  // where this output is registered (as `self`)
    const VSNode* self = nullptr;
};

const VSFrame* VS_CC part_get_frame(int n, int reason, void* instance, void**, VSFrameContext* ctx, VSCore* core,
                                    const VSAPI* vsapi) {
    auto* d = static_cast<PartData*>(instance);
    if (reason == arInitial) {
        vsapi->requestFrameFilter(n, d->all, ctx);
        return nullptr;
    }
    if (reason != arAllFramesReady) return nullptr;
    const VSFrame* all = vsapi->getFrameFilter(n, d->all, ctx);
    const VSFrame* result = nullptr;
    if (d->part == 0) {
        VSFrame* slope = vsapi->copyFrame(all, core);  // shares the samples
        VSMap* props = vsapi->getFramePropertiesRW(slope);
        vsapi->mapDeleteKey(props, kCorrelationKey);
        vsapi->mapDeleteKey(props, kInterceptKey);
        result = slope;
    } else {
        result = vsapi->mapGetFrame(vsapi->getFramePropertiesRO(all), d->part == 1 ? kCorrelationKey : kInterceptKey, 0,
                                    nullptr);
        if (!result) vsapi->setFilterError("Regression: internal error: a result plane is missing", ctx);
    }
    vsapi->freeFrame(all);
    return result;
}

void VS_CC part_free(void* instance, VSCore*, const VSAPI* vsapi) {
    auto* d = static_cast<PartData*>(instance);
    if (d->registry) d->registry->remove(d->self);
    vsapi->freeNode(d->all);
    delete d;
}

// --- Reconstruct ---------------------------------------------------------------------

struct ReconstructData {
    VSNode* x = nullptr;
    VSNode* slope = nullptr;
    VSNode* correlation = nullptr;
    VSNode* intercept = nullptr;  // optional
    VSVideoInfo vi{};
    rigor::regress::ReconstructParams params;
    // Fed by one Regression call: its x and y replace slope, correlation and intercept
    // (then null), and its parameters (intercept 0 when this call takes none).
    VSNode* regression_x = nullptr;
    VSNode* regression_y = nullptr;
    rigor::regress::RegressParams regression;
    // Scratch of the one-sweep kernel, one per frame in flight, kept between frames.
    std::mutex scratch_mutex;
    std::vector<pixel::regress::SweepScratch> idle_scratch;

    std::vector<VSNode*> nodes() const {
        if (regression_x) return {x, regression_x, regression_y};
        std::vector<VSNode*> all{x, slope, correlation};
        if (intercept) all.push_back(intercept);
        return all;
    }

    // When slope, correlation and intercept (or none) are one Regression call's outputs:
    // take that call's x and y instead of them.
    void fuse_with_regression(const RegressionRegistry& registry, const VSAPI* vsapi) {
        const std::optional<RegressionPart> a = registry.find(slope), c = registry.find(correlation);
        if (!a || !c || a->part != 0 || c->part != 1 || a->call != c->call) return;
        if (intercept) {
            const std::optional<RegressionPart> b = registry.find(intercept);
            if (!b || b->part != 2 || b->call != a->call) return;
        }
        regression = a->params;
        if (!intercept) regression.intercept = 0;  // slope and correlation do not depend on it
        regression_x = vsapi->addNodeRef(a->x);
        regression_y = vsapi->addNodeRef(a->y);
        vsapi->freeNode(slope);
        vsapi->freeNode(correlation);
        if (intercept) vsapi->freeNode(intercept);
        slope = correlation = intercept = nullptr;
    }
};

const VSFrame* VS_CC reconstruct_get_frame(int n, int reason, void* instance, void**, VSFrameContext* ctx, VSCore* core,
                                           const VSAPI* vsapi) {
    auto* d = static_cast<ReconstructData*>(instance);
    if (reason == arInitial) {
        for (VSNode* node : d->nodes()) vsapi->requestFrameFilter(n, node, ctx);
        return nullptr;
    }
    if (reason != arAllFramesReady) return nullptr;
    std::vector<const VSFrame*> in;
    for (VSNode* node : d->nodes()) in.push_back(vsapi->getFrameFilter(n, node, ctx));
    VSFrame* out = nullptr;
    const bool done = run_or_report("Reconstruct", n, ctx, vsapi, [&] {
        out = vsapi->newVideoFrame(&d->vi.format, d->vi.width, d->vi.height, in[0], core);
        if (d->regression_x) {
            pixel::regress::SweepScratch scratch;
            {
                std::lock_guard lock(d->scratch_mutex);
                if (!d->idle_scratch.empty()) scratch = std::move(d->idle_scratch.back()), d->idle_scratch.pop_back();
            }
            pixel::regress::regress_then_reconstruct_rows(rows_of(in[1], vsapi), rows_of(in[2], vsapi),
                                                          rows_of(in[0], vsapi), d->regression, d->params,
                                                          rows_of(out, vsapi), scratch);
            std::lock_guard lock(d->scratch_mutex);
            d->idle_scratch.push_back(std::move(scratch));
            return;
        }
        pixel::regress::reconstruct_fused_rows(rows_of(in[0], vsapi), rows_of(in[1], vsapi), rows_of(in[2], vsapi),
                                               d->intercept ? rows_of(in[3], vsapi) : pixel::regress::FloatRows{},
                                               d->params, rows_of(out, vsapi), 1);
    });
    for (const VSFrame* f : in) vsapi->freeFrame(f);
    if (done) return out;
    if (out) vsapi->freeFrame(out);
    return nullptr;
}

void VS_CC reconstruct_free(void* instance, VSCore*, const VSAPI* vsapi) {
    auto* d = static_cast<ReconstructData*>(instance);
    for (VSNode* node : d->nodes()) vsapi->freeNode(node);
    delete d;
}

}  // namespace

void VS_CC regression_create(const VSMap* in, VSMap* out, void* registry, VSCore* core, const VSAPI* vsapi) {
    VSNode* x = vsapi->mapGetNode(in, "x", 0, nullptr);
    std::vector<VSNode*> ys;
    for (int i = 0; i < vsapi->mapNumElements(in, "ys"); ++i) ys.push_back(vsapi->mapGetNode(in, "ys", i, nullptr));
    create_or_report("Regression", out, vsapi, [&] {
        require_grays(x, "x", nullptr, vsapi);
        const VSVideoInfo& vi = *vsapi->getVideoInfo(x);
        for (std::size_t i = 0; i < ys.size(); ++i) require_grays(ys[i], "ys[" + std::to_string(i) + "]", &vi, vsapi);
        if (ys.empty()) throw UserError("ys is empty: give at least one clip to predict");
        rigor::regress::RegressParams params;
        int error = 0;
        if (const int64_t r = vsapi->mapGetInt(in, "radius", 0, &error); !error) {
            if (r < 1 || r > 1024) throw UserError("radius must be 1..1024, got " + std::to_string(r));
            params.radius = int(r);
        }
        if (const double a = vsapi->mapGetFloat(in, "alpha", 0, &error); !error) params.alpha = a;
        params.weight_method = rigor::regress::parse_weight_method(data_or(in, "weight_method", "threshold", vsapi));
        if (const double i = vsapi->mapGetFloat(in, "intercept", 0, &error); !error) params.intercept = i;
        if (const double e = vsapi->mapGetFloat(in, "eps", 0, &error); !error) params.eps = e;
        params.border = rigor::regress::parse_border_mode(
            data_or(in, "border", std::string(rigor::regress::to_string(params.border)).c_str(), vsapi));
        params.validate();
        // All checks done: from here on nodes pass to the filters that own them.
        std::vector<VSNode*> hidden, ys_kept;
        for (VSNode* y : ys) {
            auto* d = new RegressionData{vsapi->addNodeRef(x), y, vi, params};
            const VSFilterDependency deps[2] = {dependency(d->x, vi.numFrames, vsapi), dependency(d->y, vi.numFrames, vsapi)};
            VSNode* all = vsapi->createVideoFilter2("RegressionAll", &d->vi, regression_get_frame, regression_free,
                                                    fmParallel, deps, 2, d, core);
            if (!all) throw UserError("VapourSynth refused the filter");
            hidden.push_back(all);
            ys_kept.push_back(d->y);
        }
        ys.clear();
        const int parts = params.intercept != 0 ? 3 : 2;
        for (std::size_t i = 0; i < hidden.size(); ++i) {
            VSNode* all = hidden[i];
            for (int part = 0; part < parts; ++part) {
                auto* d = new PartData{vsapi->addNodeRef(all), part};
                const VSFilterDependency dep{d->all, rpStrictSpatial};
                vsapi->createVideoFilter(out, part == 0 ? "RegressionSlope" : part == 1 ? "RegressionCorrelation"
                                                                                         : "RegressionIntercept",
                                         &vi, part_get_frame, part_free, fmParallel, &dep, 1, d, core);
                if (vsapi->mapGetError(out)) break;
                // The node just made: registered until part_free (a borrowed pointer).
                VSNode* made = vsapi->mapGetNode(out, "clip", vsapi->mapNumElements(out, "clip") - 1, nullptr);
                d->registry = static_cast<RegressionRegistry*>(registry);
                d->self = made;
                d->registry->add(made, {all, x, ys_kept[i], params, part});
                vsapi->freeNode(made);
            }
            vsapi->freeNode(all);
        }
    });
    for (VSNode* y : ys) vsapi->freeNode(y);
    vsapi->freeNode(x);
}

void VS_CC reconstruct_create(const VSMap* in, VSMap* out, void* registry, VSCore* core, const VSAPI* vsapi) {
    auto d = std::make_unique<ReconstructData>();
    d->x = vsapi->mapGetNode(in, "clip", 0, nullptr);
    d->slope = vsapi->mapGetNode(in, "slope", 0, nullptr);
    d->correlation = vsapi->mapGetNode(in, "correlation", 0, nullptr);
    int missing = 0;
    d->intercept = vsapi->mapGetNode(in, "intercept", 0, &missing);  // null when not given
    create_or_report("Reconstruct", out, vsapi, [&] {
        require_grays(d->x, "clip", nullptr, vsapi);
        d->vi = *vsapi->getVideoInfo(d->x);
        require_grays(d->slope, "slope", &d->vi, vsapi);
        require_grays(d->correlation, "correlation", &d->vi, vsapi);
        if (d->intercept) require_grays(d->intercept, "intercept", &d->vi, vsapi);
        int error = 0;
        if (const int64_t r = vsapi->mapGetInt(in, "radius", 0, &error); !error) {
            if (r < 0 || r > 1024) throw UserError("radius must be 0..1024, got " + std::to_string(r));
            d->params.radius = int(r);
        }
        if (const double e = vsapi->mapGetFloat(in, "eps", 0, &error); !error) d->params.eps = e;
        d->params.border = rigor::regress::parse_border_mode(
            data_or(in, "border", std::string(rigor::regress::to_string(d->params.border)).c_str(), vsapi));
        d->params.validate();
        d->fuse_with_regression(*static_cast<const RegressionRegistry*>(registry), vsapi);
        std::vector<VSFilterDependency> deps;
        for (VSNode* node : d->nodes()) deps.push_back(dependency(node, d->vi.numFrames, vsapi));
        ReconstructData* data = d.release();
        vsapi->createVideoFilter(out, "Reconstruct", &data->vi, reconstruct_get_frame, reconstruct_free, fmParallel,
                                 deps.data(), int(deps.size()), data, core);
    });
    if (d)
        for (VSNode* node : d->nodes())
            if (node) vsapi->freeNode(node);
}

}  // namespace rigor::vapoursynth
