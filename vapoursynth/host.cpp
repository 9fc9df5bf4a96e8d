#include "vapoursynth/host.hpp"

#include <cmath>
#include <cstring>

#include "filters/base/error.hpp"

namespace rigor::vapoursynth {

namespace {
std::string vs_format_name(const VSVideoFormat& format, const VSAPI* vsapi) {
    char name[32] = {};
    if (format.colorFamily == cfUndefined || !vsapi->getVideoFormatName(&format, name)) return "a variable format";
    return name;
}
}  // namespace

pixel::VideoFormat to_rigor(const VSVideoFormat& format, const std::string& what, const VSAPI* vsapi) {
    pixel::VideoFormat f;
    switch (format.colorFamily) {
    case cfGray: f.family = pixel::ColorFamily::Gray; break;
    case cfYUV: f.family = pixel::ColorFamily::YUV; break;
    case cfRGB: f.family = pixel::ColorFamily::RGB; break;
    default: throw UserError(what + " has a variable format: only constant formats are accepted");
    }
    f.sample = format.sampleType == stFloat ? pixel::SampleType::Float : pixel::SampleType::Integer;
    f.bits = format.bitsPerSample;
    f.ss_w = format.subSamplingW;
    f.ss_h = format.subSamplingH;
    const bool ok = f.is_float() ? (f.bits == 16 || f.bits == 32) : (f.bits >= 8 && f.bits <= 16);
    if (!ok)
        throw UserError(what + " is " + vs_format_name(format, vsapi) +
                        ": accepted are 8..16-bit integer and 16/32-bit float samples");
    return f;
}

VSVideoFormat to_vs(const pixel::VideoFormat& format, VSCore* core, const VSAPI* vsapi) {
    const int family = format.family == pixel::ColorFamily::Gray  ? cfGray
                       : format.family == pixel::ColorFamily::YUV ? cfYUV
                                                                  : cfRGB;
    VSVideoFormat f{};
    if (!vsapi->queryVideoFormat(&f, family, format.is_float() ? stFloat : stInteger, format.bits, format.ss_w,
                                 format.ss_h, core))
        throw UserError("VapourSynth has no format " + format.name());
    return f;
}

const VSVideoInfo& constant_video_info(VSNode* node, const std::string& what, const VSAPI* vsapi) {
    const VSVideoInfo* vi = vsapi->getVideoInfo(node);
    if (vi->format.colorFamily == cfUndefined || vi->width <= 0 || vi->height <= 0)
        throw UserError(what + " has a variable format or size: only constant ones are accepted");
    return *vi;
}

VSFilterDependency dependency(VSNode* node, int frames, const VSAPI* vsapi) {
    return {node, vsapi->getVideoInfo(node)->numFrames == frames ? rpStrictSpatial : rpGeneral};
}

pixel::expr::PlaneSource plane_source(const VSFrame* frame, int plane, const VSAPI* vsapi) {
    const VSVideoFormat* f = vsapi->getVideoFrameFormat(frame);
    return {reinterpret_cast<const std::byte*>(vsapi->getReadPtr(frame, plane)), vsapi->getStride(frame, plane),
            vsapi->getFrameWidth(frame, plane), vsapi->getFrameHeight(frame, plane), f->bytesPerSample,
            f->sampleType == stFloat};
}

pixel::expr::PlaneTarget plane_target(VSFrame* frame, int plane, const pixel::VideoFormat& format, const VSAPI* vsapi) {
    return {reinterpret_cast<std::byte*>(vsapi->getWritePtr(frame, plane)), vsapi->getStride(frame, plane),
            vsapi->getFrameWidth(frame, plane), vsapi->getFrameHeight(frame, plane), format.bytes_per_sample(),
            format.is_float(), format.bits};
}

bool read_property(const VSFrame* frame, const std::string& name, double& value, const VSAPI* vsapi) {
    const VSMap* props = vsapi->getFramePropertiesRO(frame);
    int error = 0;
    switch (vsapi->mapGetType(props, name.c_str())) {
    case ptInt: value = double(vsapi->mapGetInt(props, name.c_str(), 0, &error)); break;
    case ptFloat: value = vsapi->mapGetFloat(props, name.c_str(), 0, &error); break;
    case ptData: {
        // akarin's "first-byte-of-bytes-property": x._PictType of "I" is 73.
        const char* data = vsapi->mapGetData(props, name.c_str(), 0, &error);
        const int size = vsapi->mapGetDataSize(props, name.c_str(), 0, &error);
        value = data && size > 0 ? double(static_cast<unsigned char>(data[0])) : 0.0;
        break;
    }
    default: return false;
    }
    return error == 0;  // an empty array (mapSetEmpty) has no first element
}

pixel::FrameProperties read_properties(const VSFrame* frame, const std::vector<std::string>& names, const VSAPI* vsapi,
                                       const double* missing) {
    pixel::FrameProperties out;
    for (const std::string& name : names) {
        double value = 0;
        if (read_property(frame, name, value, vsapi)) out[name] = value;
        else if (missing) out[name] = *missing;
    }
    return out;
}

pixel::Plane copy_plane(const VSFrame* frame, int plane, const VSAPI* vsapi) {
    const pixel::expr::PlaneSource s = plane_source(frame, plane, vsapi);
    pixel::Plane out(s.width, s.height, s.bytes_per_sample);
    for (int y = 0; y < s.height; ++y) std::memcpy(out.row(y), s.data + std::ptrdiff_t(y) * s.stride, out.row_bytes());
    return out;
}

void store_plane(const pixel::Plane& plane, VSFrame* frame, int p, const VSAPI* vsapi) {
    std::byte* dst = reinterpret_cast<std::byte*>(vsapi->getWritePtr(frame, p));
    const std::ptrdiff_t stride = vsapi->getStride(frame, p);
    if (vsapi->getFrameWidth(frame, p) != plane.width() || vsapi->getFrameHeight(frame, p) != plane.height())
        throw InternalError("store_plane: sizes differ");
    for (int y = 0; y < plane.height(); ++y) std::memcpy(dst + std::ptrdiff_t(y) * stride, plane.row(y), plane.row_bytes());
}

}  // namespace rigor::vapoursynth
