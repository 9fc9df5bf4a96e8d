#include "filters/vc2/wavelet.hpp"

#include <algorithm>
#include <charconv>

#include "filters/base/error.hpp"
#include "filters/vc2/integer_range.hpp"
#include "filters/vc2/transform_config.hpp"

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

bool same_filter(const Wavelet& a, const Wavelet& b) {
    return a.filter_bit_shift == b.filter_bit_shift && a.synthesis_stages == b.synthesis_stages;
}

namespace {

using enum LiftType;

// SMPTE ST 2042-1 table 15.1.  The fidelity stage-1 taps are asymmetric (−10 then +10)
// exactly as in the reference tables; they are used as given.
const std::vector<Wavelet>& standard_wavelets() {
    static const std::vector<Wavelet> all = {
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
    return all;
}

std::string range_text(long lo, long hi) { return "(" + std::to_string(lo) + " to " + std::to_string(hi) + ")"; }

bool name_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == '+';
}

}  // namespace

void check_lifting_stage(const LiftingStage& s, const std::string& at) {
    const auto fail = [&](const std::string& field, const std::string& what) {
        throw UserError(at + "." + field + ": " + what);
    };
    if (s.taps.empty()) fail("taps", "a stage needs at least one tap");
    if (s.taps.size() > kMaxLiftingTaps)
        fail("taps", std::to_string(s.taps.size()) + " taps are too many (at most " + std::to_string(kMaxLiftingTaps) +
                         ")");
    if (s.length != static_cast<int>(s.taps.size()))
        throw InternalError("a lifting stage's length differs from its number of taps");
    for (std::size_t i = 0; i < s.taps.size(); ++i)
        if (s.taps[i] < -kMaxTapMagnitude || s.taps[i] > kMaxTapMagnitude)
            fail("taps[" + std::to_string(i) + "]", std::to_string(s.taps[i]) + " is out of range " +
                                                        range_text(-kMaxTapMagnitude, kMaxTapMagnitude));
    if (s.shift < 0 || s.shift > kMaxLiftShift)
        fail("shift", std::to_string(s.shift) + " is out of range " + range_text(0, kMaxLiftShift));
    if (s.delay < -kMaxTapOffset || s.delay > kMaxTapOffset)
        fail("tap_offset", std::to_string(s.delay) + " is out of range " + range_text(-kMaxTapOffset, kMaxTapOffset));
}

const Wavelet& wavelet(int index) {
    if (index < 0 || index >= kWaveletCount)
        throw UserError("wavelet index " + std::to_string(index) + " is out of range (0 to 6)");
    return standard_wavelets()[static_cast<std::size_t>(index)];
}

const Wavelet& wavelet_by_name_or_index(std::string_view text) {
    int index = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (ec == std::errc() && end == text.data() + text.size()) return wavelet(index);
    for (const Wavelet& w : standard_wavelets())
        if (w.name == text) return w;
    std::string names;
    for (const Wavelet& w : standard_wavelets()) names += std::string(names.empty() ? "" : ", ") + w.name;
    throw UserError("unknown wavelet '" + std::string(text) + "' (use an index 0 to 6 or one of: " + names + ")");
}

std::string wavelet_label(const Wavelet& w) {
    return w.name + " (" + (w.custom() ? std::string("custom") : std::to_string(w.index)) + ")";
}

void check_wavelet(const Wavelet& w) {
    if (w.name.empty()) throw UserError("name: must not be empty");
    if (w.name.size() > kMaxWaveletNameLength)
        throw UserError("name: longer than " + std::to_string(kMaxWaveletNameLength) + " characters");
    if (!std::all_of(w.name.begin(), w.name.end(), name_character))
        throw UserError("name: '" + w.name + "' may hold only letters, digits and _ - . +");
    if (w.filter_bit_shift < 0 || w.filter_bit_shift > kMaxFilterBitShift)
        throw UserError("filter_bit_shift: " + std::to_string(w.filter_bit_shift) + " is out of range " +
                        range_text(0, kMaxFilterBitShift));
    const auto& stages = w.synthesis_stages;
    if (stages.empty()) throw UserError("synthesis_stages: a wavelet needs at least one lifting stage");
    if (stages.size() > kMaxLiftingStages)
        throw UserError("synthesis_stages: " + std::to_string(stages.size()) + " stages are too many (at most " +
                        std::to_string(kMaxLiftingStages) + ")");
    for (std::size_t i = 0; i < stages.size(); ++i) check_lifting_stage(stages[i], "synthesis_stages[" + std::to_string(i) + "]");

    // One 2-D level must stay provably inside 64-bit integers (integer_range.hpp) for a
    // 32-bit picture (samples up to 2^31) and for 32-bit coefficients: a guard against
    // absurd gains, not a limit on use (pixel/vc2 checks deeper runs as it goes).
    TransformConfig one_level;
    one_level.wavelet_index = one_level.wavelet_index_ho = kCustomWavelet;
    one_level.custom_wavelet = one_level.custom_wavelet_ho = w;
    one_level.dwt_depth = 1;
    if (!analysis_magnitude_bound(one_level, std::uint64_t{1} << 31) ||
        !synthesis_magnitude_bound(one_level, std::uint64_t{1} << 31))
        throw UserError("synthesis_stages: the gains are too large: one level of a 32-bit picture could exceed "
                        "64-bit integers, so the integer transform would not reconstruct perfectly");
}

Wavelet identify_wavelet(Wavelet w) {
    check_wavelet(w);
    for (const Wavelet& s : standard_wavelets())
        if (s.name == w.name && !same_filter(s, w))
            throw UserError("name: '" + w.name + "' is the name of standard wavelet " + std::to_string(s.index) +
                            ", whose filter differs from this one (choose another name)");
    for (const Wavelet& s : standard_wavelets())
        if (same_filter(s, w)) return s;
    w.index = kCustomWavelet;
    return w;
}

}  // namespace rigor::vc2
