// The VC-2 wavelet filters: the seven of SMPTE ST 2042-1 (15.4.4 and table 15.1), defined
// once, and custom lifting filters of the same form (research use, read from JSON files by
// filters/formats/vc2_wavelet_json.hpp).
//
// A lifting stage (type, S, L, D, taps) in synthesis (decoder) form updates, for all n:
//   type 1 even_add_odd:       A[2n]   += (Σ_{i=D}^{D+L-1} taps[i-D]·A[2(n+i)-1] + o) >> S
//   type 2 even_subtract_odd:  A[2n]   -= (same) >> S
//   type 3 odd_add_even:       A[2n+1] += (Σ_{i=D}^{D+L-1} taps[i-D]·A[2(n+i)]   + o) >> S
//   type 4 odd_subtract_even:  A[2n+1] -= (same) >> S
// with o = 2^(S-1) for S > 0, else 0, and >> an arithmetic (floor) shift.
// The analysis (encoder) form runs the stages in reverse order with add/subtract swapped.
//
// Perfect reconstruction, and what a custom wavelet must satisfy for it.  A stage changes
// only the samples of one parity, from samples of the other parity, which it leaves as
// they are (the spec's edge rule clamps a tap to a sample of the same parity, lifting.hpp);
// so the inverse stage recomputes exactly the same rounded sum and subtracts what was
// added.  The analysis shift x·2^b is undone exactly by the synthesis (y + 2^(b−1)) >> b.
// Any list of stages therefore reconstructs perfectly in exact integers, and a custom
// wavelet is refused as "not perfectly reconstructing" exactly when:
//   - its file gives analysis and synthesis stages separately and they are not inverses
//     (synthesis stage k must be analysis stage n−1−k with add and subtract swapped:
//     the same samples, taps, tap offset and shift), or
//   - one level of a 32-bit picture could leave 64-bit integers, where the integer
//     transform (pixel/vc2) computes (integer_range.hpp; a run is checked again for its
//     own depth and samples before it starts).
// The bounds of the static analysis rely on the same fact (synthesis undoes analysis).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace rigor::vc2 {

enum class LiftType { EvenAddOdd = 1, EvenSubtractOdd = 2, OddAddEven = 3, OddSubtractEven = 4 };

struct LiftingStage {
    LiftType type;
    int shift;               // S
    int length;              // L
    int delay;               // D (the tap offset)
    std::vector<int> taps;   // L taps

    bool updates_even() const { return type == LiftType::EvenAddOdd || type == LiftType::EvenSubtractOdd; }
    bool adds() const { return type == LiftType::EvenAddOdd || type == LiftType::OddAddEven; }
    // Index of the n-th tap's input when updating sample k (k even or odd):
    // k + 2i − 1 for i = D … D+L−1 (spec 15.4.4.1).
    long tap_index(long k, int i) const { return k + 2L * (delay + i) - 1; }
    // The same stage with add and subtract swapped: its inverse.
    LiftingStage inverse() const;

    bool operator==(const LiftingStage&) const = default;
};

// The index of a wavelet that is none of the seven standard ones.
inline constexpr int kCustomWavelet = -1;

struct Wavelet {
    int index;  // 0 … 6, or kCustomWavelet
    std::string name;
    int filter_bit_shift;
    std::vector<LiftingStage> synthesis_stages;  // in synthesis order

    bool custom() const { return index == kCustomWavelet; }
    // The analysis stages: synthesis stages reversed, each inverted.
    std::vector<LiftingStage> analysis_stages() const;
};

// Whether two wavelets are the same filter: the same filter bit shift and synthesis
// stages (names and indices aside).
bool same_filter(const Wavelet& a, const Wavelet& b);

inline constexpr int kWaveletCount = 7;

// Throws rigor::UserError for an index outside 0…6.
const Wavelet& wavelet(int index);
// Accepts an index ("1") or a name ("le_gall_5_3"); throws rigor::UserError listing the
// valid names otherwise.
const Wavelet& wavelet_by_name_or_index(std::string_view text);
// "le_gall_5_3 (1)", or "my_filter (custom)": how messages and reports name a wavelet.
std::string wavelet_label(const Wavelet& w);

// What a custom wavelet may hold.  Beyond these no filter is of use, and the limits keep
// every analysis of it finite and its integer transform inside 64 bits for one level.
inline constexpr std::size_t kMaxWaveletNameLength = 64;
inline constexpr std::size_t kMaxLiftingStages = 16;
inline constexpr std::size_t kMaxLiftingTaps = 32;
inline constexpr int kMaxTapMagnitude = 1 << 24;
inline constexpr int kMaxLiftShift = 30;
inline constexpr int kMaxTapOffset = 64;
inline constexpr int kMaxFilterBitShift = 8;

// Throws rigor::UserError naming the offending field as a wavelet file spells it
// ("synthesis_stages[1].shift: …") when `w` is not a wavelet rigor accepts: a name of 1…64
// letters, digits or "_-.+", a filter bit shift 0…8, 1…16 stages of 1…32 taps each, taps
// of magnitude at most 2^24, shifts 0…30, tap offsets −64…64, and one level of a 32-bit
// picture inside 64-bit integers (see the top of this file).
void check_wavelet(const Wavelet& w);

// Throws rigor::UserError "<at>.<field>: …" for a stage outside those limits (taps, shift,
// tap_offset).
void check_lifting_stage(const LiftingStage& stage, const std::string& at);

// The wavelet a checked definition describes: the standard one with the same filter (its
// index and name, so documents and tables are those of the index), otherwise the
// definition as a custom wavelet.  Throws rigor::UserError (check_wavelet's) and when a
// custom filter takes the name of a standard one.
Wavelet identify_wavelet(Wavelet definition);

}  // namespace rigor::vc2
