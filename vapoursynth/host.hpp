// What every rigor filter needs from VapourSynth's API 4 (VapourSynth4.h): formats in
// rigor's terms, frames read in place, frame properties as Expr reads them, and
// errors turned into VapourSynth errors.  Adapters only: no computation lives here.
#pragma once
#include <VapourSynth4.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pixel/expr/expr_filter.hpp"
#include "pixel/io/format.hpp"
#include "pixel/io/frame.hpp"

namespace rigor::vapoursynth {

// A VapourSynth format as rigor's (gray, YUV or RGB; integer 8..16 bits, float 16 or
// 32).  Throws rigor::UserError naming `what` and the format otherwise (variable
// format, 17..32-bit integer).
pixel::VideoFormat to_rigor(const VSVideoFormat& format, const std::string& what, const VSAPI* vsapi);

// rigor's format as VapourSynth's (registered with `core`).
VSVideoFormat to_vs(const pixel::VideoFormat& format, VSCore* core, const VSAPI* vsapi);

// The clip's video info, refusing variable formats and sizes (UserError naming `what`).
const VSVideoInfo& constant_video_info(VSNode* node, const std::string& what, const VSAPI* vsapi);

// A dependency on `node` for an output of `frames` frames: frame N asks for frame N only
// (rpStrictSpatial) when the clip is as long, else VapourSynth's general pattern.
VSFilterDependency dependency(VSNode* node, int frames, const VSAPI* vsapi);

// Plane p of a frame, read in place.
pixel::expr::PlaneSource plane_source(const VSFrame* frame, int plane, const VSAPI* vsapi);
// Plane p of a writable frame as an Expr target.
pixel::expr::PlaneTarget plane_target(VSFrame* frame, int plane, const pixel::VideoFormat& format, const VSAPI* vsapi);

// Property `name` of a frame as akarin.Expr reads it: an integer or a float (the first
// element), a string or data as its first byte (0 when empty); missing or of another
// type (frames, clips, functions): no value.
bool read_property(const VSFrame* frame, const std::string& name, double& value, const VSAPI* vsapi);

// The properties a program reads, from one frame: what ExprFilter and FrameSelector look
// up by name.  Missing ones are left out, or set to `missing` when given.
pixel::FrameProperties read_properties(const VSFrame* frame, const std::vector<std::string>& names,
                                       const VSAPI* vsapi, const double* missing = nullptr);

// A plane copied out of a frame into an owned float plane (the regression kernels' input),
// and back into a frame.
pixel::Plane copy_plane(const VSFrame* frame, int plane, const VSAPI* vsapi);
void store_plane(const pixel::Plane& plane, VSFrame* frame, int p, const VSAPI* vsapi);

// Runs a filter's creation, turning rigor's exceptions into "Name: message" on `out`.
template <class F>
void create_or_report(const char* name, VSMap* out, const VSAPI* vsapi, F&& create) noexcept {
    try {
        create();
    } catch (const std::exception& e) {
        vsapi->mapSetError(out, (std::string(name) + ": " + e.what()).c_str());
    } catch (...) {
        vsapi->mapSetError(out, (std::string(name) + ": unknown internal error").c_str());
    }
}

// The same for work on frame n: "Name: frame N: message" as the frame's error; false
// when `work` threw.
template <class F>
bool run_or_report(const char* name, int n, VSFrameContext* ctx, const VSAPI* vsapi, F&& work) noexcept {
    try {
        work();
        return true;
    } catch (const std::exception& e) {
        vsapi->setFilterError((std::string(name) + ": frame " + std::to_string(n) + ": " + e.what()).c_str(), ctx);
    } catch (...) {
        vsapi->setFilterError((std::string(name) + ": frame " + std::to_string(n) + ": unknown internal error").c_str(),
                              ctx);
    }
    return false;
}

// Instances of a non-reentrant engine object, one per VapourSynth thread working on the
// filter at a time (fmParallel): a thread borrows one for a frame, made on first need
// from `make` (so an instance is never used by two threads at once and no more exist
// than threads ran the filter concurrently).
template <class T>
class InstancePool {
public:
    template <class Make>
    explicit InstancePool(Make make, std::unique_ptr<T> first) : make_(std::move(make)) {
        free_.push_back(std::move(first));
    }

    class Lease {
    public:
        Lease(InstancePool& pool, std::unique_ptr<T> item) : pool_(pool), item_(std::move(item)) {}
        ~Lease() { pool_.give_back(std::move(item_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        T& operator*() const { return *item_; }
        T* operator->() const { return item_.get(); }

    private:
        InstancePool& pool_;
        std::unique_ptr<T> item_;
    };

    Lease borrow() {
        {
            std::lock_guard lock(mutex_);
            if (!free_.empty()) {
                std::unique_ptr<T> item = std::move(free_.back());
                free_.pop_back();
                return Lease(*this, std::move(item));
            }
        }
        return Lease(*this, make_());
    }

private:
    void give_back(std::unique_ptr<T> item) {
        if (!item) return;
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(item));
    }
    std::function<std::unique_ptr<T>()> make_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<T>> free_;
};

}  // namespace rigor::vapoursynth
