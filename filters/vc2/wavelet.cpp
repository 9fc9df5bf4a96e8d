#include "filters/vc2/wavelet.hpp"

#include <algorithm>
#include <charconv>

#include "filters/base/error.hpp"

namespace rigor::vc2 {

LiftingStage LiftingStage::inverse() const {
    LiftingStage s = *this;
    switch (type) {
        case LiftType::EvenAddOdd: s.type = LiftType::EvenSubtractOdd; break;
        case LiftType::EvenSubtractOdd: s.type = LiftType::EvenAddOdd; break;
        case LiftType::OddAddEven: s.type = LiftType::OddSubtractEven; break;
        case LiftType::OddSubtractEven: s.type = LiftType::OddAddEven; break;
    }
    return s;
}

std::vector<LiftingStage> Wavelet::analysis_stages() const {
    std::vector<LiftingStage> out;
    for (auto it = synthesis_stages.rbegin(); it != synthesis_stages.rend(); ++it) out.push_back(it->inverse());
    return out;
}

namespace {

using enum LiftType;

// SMPTE ST 2042-1 table 15.1.  The fidelity stage-1 taps are asymmetric (−10 then +10)
// exactly as in the reference tables; they are used as given.
const Wavelet kWavelets[kWaveletCount] = {
    {0, "deslauriers_dubuc_9_7", 1,
     {{EvenSubtractOdd, 2, 2, 0, {1, 1}}, {OddAddEven, 4, 4, -1, {-1, 9, 9, -1}}}},
    {1, "le_gall_5_3", 1, {{EvenSubtractOdd, 2, 2, 0, {1, 1}}, {OddAddEven, 1, 2, 0, {1, 1}}}},
    {2, "deslauriers_dubuc_13_7", 1,
     {{EvenSubtractOdd, 5, 4, -1, {-1, 9, 9, -1}}, {OddAddEven, 4, 4, -1, {-1, 9, 9, -1}}}},
    {3, "haar_no_shift", 0, {{EvenSubtractOdd, 1, 1, 1, {1}}, {OddAddEven, 0, 1, 0, {1}}}},
    {4, "haar_with_shift", 1, {{EvenSubtractOdd, 1, 1, 1, {1}}, {OddAddEven, 0, 1, 0, {1}}}},
    {5, "fidelity", 0,
     {{OddAddEven, 8, 8, -3, {-2, -10, -25, 81, 81, -25, 10, -2}},
      {EvenSubtractOdd, 8, 8, -3, {-8, 21, -46, 161, 161, -46, 21, -8}}}},
    {6, "daubechies_9_7", 1,
     {{EvenSubtractOdd, 12, 2, 0, {1817, 1817}},
      {OddSubtractEven, 12, 2, 0, {3616, 3616}},
      {EvenAddOdd, 12, 2, 0, {217, 217}},
      {OddAddEven, 12, 2, 0, {6497, 6497}}}},
};

}  // namespace

const Wavelet& wavelet(int index) {
    if (index < 0 || index >= kWaveletCount)
        throw UserError("wavelet index " + std::to_string(index) + " is out of range (0 to 6)");
    return kWavelets[index];
}

const Wavelet& wavelet_by_name_or_index(std::string_view text) {
    int index = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (ec == std::errc() && end == text.data() + text.size()) return wavelet(index);
    for (const Wavelet& w : kWavelets)
        if (w.name == text) return w;
    std::string names;
    for (const Wavelet& w : kWavelets) names += std::string(names.empty() ? "" : ", ") + std::string(w.name);
    throw UserError("unknown wavelet '" + std::string(text) + "' (use an index 0 to 6 or one of: " + names + ")");
}

}  // namespace rigor::vc2
