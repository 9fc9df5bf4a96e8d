#include "filters/vc2/transform_config.hpp"

#include <string>
#include <utility>

#include "filters/base/error.hpp"

namespace rigor::vc2 {

namespace {

const Wavelet& wavelet_of(int index, const std::optional<Wavelet>& custom) {
    if (index == kCustomWavelet && custom) return *custom;
    return wavelet(index);
}

void set(int& index, std::optional<Wavelet>& custom, const Wavelet& w) {
    index = w.index;
    custom.reset();
    if (w.custom()) custom = w;
}

void check_wavelet_of(int index, const std::optional<Wavelet>& custom, const char* which) {
    if (index != kCustomWavelet) {
        wavelet(index);
        if (custom) throw InternalError(std::string("a standard ") + which + " wavelet carries a custom definition");
        return;
    }
    if (!custom) throw InternalError(std::string("a custom ") + which + " wavelet has no definition");
    try {
        check_wavelet(*custom);
    } catch (const UserError& e) {
        throw UserError(std::string("custom ") + which + " wavelet '" + custom->name + "': " + e.what());
    }
}

}  // namespace

const Wavelet& TransformConfig::vertical_wavelet() const { return wavelet_of(wavelet_index, custom_wavelet); }
const Wavelet& TransformConfig::horizontal_wavelet() const { return wavelet_of(wavelet_index_ho, custom_wavelet_ho); }
void TransformConfig::set_vertical_wavelet(const Wavelet& w) { set(wavelet_index, custom_wavelet, w); }
void TransformConfig::set_horizontal_wavelet(const Wavelet& w) { set(wavelet_index_ho, custom_wavelet_ho, w); }

bool TransformConfig::operator==(const TransformConfig& o) const {
    const auto same = [](int a, const std::optional<Wavelet>& ca, int b, const std::optional<Wavelet>& cb) {
        if (a != b || ca.has_value() != cb.has_value()) return false;
        return !ca || same_filter(*ca, *cb);
    };
    return dwt_depth == o.dwt_depth && dwt_depth_ho == o.dwt_depth_ho &&
           same(wavelet_index, custom_wavelet, o.wavelet_index, o.custom_wavelet) &&
           same(wavelet_index_ho, custom_wavelet_ho, o.wavelet_index_ho, o.custom_wavelet_ho);
}

void check_transform_config(const TransformConfig& c) {
    check_wavelet_of(c.wavelet_index, c.custom_wavelet, "vertical");
    check_wavelet_of(c.wavelet_index_ho, c.custom_wavelet_ho, "horizontal");
    for (const auto& [what, depth] :
         {std::pair{"dwt depth", c.dwt_depth}, std::pair{"horizontal-only dwt depth", c.dwt_depth_ho}}) {
        const std::string range = std::string(what) + " " + std::to_string(depth) + " is out of range (0 to " +
                                  std::to_string(kMaxDwtDepth) + ")";
        if (depth < 0) throw UserError(range + ": a depth cannot be negative");
        if (depth > kMaxDwtDepth) throw UserError(range);
    }
}

}  // namespace rigor::vc2
