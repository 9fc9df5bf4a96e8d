// The `rigor` namespace of VapourSynth (API 4): Expr and Select with akarin's signatures
// (so core.akarin.Expr -> core.rigor.Expr is a one-word change), and the regression
// kernels on GRAYS clips.  Threads: every filter is fmParallel and runs each frame on
// one thread (VapourSynth's own threads run frames side by side), so rigor adds no
// threads of its own and never oversubscribes the core's thread count.
#include <VapourSynth4.h>

#include "vapoursynth/filters.hpp"
#include "vapoursynth/regression_registry.hpp"

VS_EXTERNAL_API(void) VapourSynthPluginInit2(VSPlugin* plugin, const VSPLUGINAPI* vspapi) {
    using namespace rigor::vapoursynth;
    vspapi->configPlugin("org.rigor.rigor", "rigor", "rigor: exact and numeric analysis of video filters",
                         VS_MAKE_VERSION(0, 1), VAPOURSYNTH_API_VERSION, 0, plugin);
    vspapi->registerFunction("Expr", "clips:vnode[];expr:data[];format:int:opt;opt:int:opt;boundary:int:opt;",
                             "clip:vnode;", expr_create, nullptr, plugin);
    vspapi->registerFunction("Select", "clip_src:vnode[];prop_src:vnode[];expr:data[];", "clip:vnode;", select_create,
                             nullptr, plugin);
    // Shared by Regression and Reconstruct for as long as the plugin is loaded (API 4 has
    // no unload hook, so it is not freed): one small map per core.
    auto* registry = new RegressionRegistry;
    vspapi->registerFunction("Regression",
                             "x:vnode;ys:vnode[];radius:int:opt;alpha:float:opt;weight_method:data:opt;"
                             "intercept:float:opt;eps:float:opt;border:data:opt;",
                             "clip:vnode[];", regression_create, registry, plugin);
    vspapi->registerFunction("Reconstruct",
                             "clip:vnode;slope:vnode;correlation:vnode;intercept:vnode:opt;radius:int:opt;"
                             "eps:float:opt;border:data:opt;",
                             "clip:vnode;", reconstruct_create, registry, plugin);
}
