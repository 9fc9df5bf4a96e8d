// The plugin's functions (VapourSynth's VSPublicFunction), registered in plugin.cpp.
#pragma once
#include <VapourSynth4.h>

namespace rigor::vapoursynth {

void VS_CC expr_create(const VSMap* in, VSMap* out, void* user_data, VSCore* core, const VSAPI* vsapi);
void VS_CC select_create(const VSMap* in, VSMap* out, void* user_data, VSCore* core, const VSAPI* vsapi);
void VS_CC regression_create(const VSMap* in, VSMap* out, void* user_data, VSCore* core, const VSAPI* vsapi);
void VS_CC reconstruct_create(const VSMap* in, VSMap* out, void* user_data, VSCore* core, const VSAPI* vsapi);

}  // namespace rigor::vapoursynth
