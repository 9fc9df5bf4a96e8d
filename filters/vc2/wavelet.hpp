// The seven VC-2 wavelet filters (SMPTE ST 2042-1, 15.4.4 and table 15.1), defined once.
//
// A lifting stage (type, S, L, D, taps) in synthesis (decoder) form updates, for all n:
//   type 1 even_add_odd:       A[2n]   += (Σ_{i=D}^{D+L-1} taps[i-D]·A[2(n+i)-1] + o) >> S
//   type 2 even_subtract_odd:  A[2n]   -= (same) >> S
//   type 3 odd_add_even:       A[2n+1] += (Σ_{i=D}^{D+L-1} taps[i-D]·A[2(n+i)]   + o) >> S
//   type 4 odd_subtract_even:  A[2n+1] -= (same) >> S
// with o = 2^(S-1) for S > 0, else 0, and >> an arithmetic (floor) shift.
// The analysis (encoder) form runs the stages in reverse order with add/subtract swapped.
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
    int delay;               // D
    std::vector<int> taps;   // L taps

    bool updates_even() const { return type == LiftType::EvenAddOdd || type == LiftType::EvenSubtractOdd; }
    bool adds() const { return type == LiftType::EvenAddOdd || type == LiftType::OddAddEven; }
    // Index of the n-th tap's input when updating sample k (k even or odd):
    // k + 2i − 1 for i = D … D+L−1 (spec 15.4.4.1).
    long tap_index(long k, int i) const { return k + 2L * (delay + i) - 1; }
    // The same stage with add and subtract swapped: its inverse.
    LiftingStage inverse() const;
};

struct Wavelet {
    int index;
    std::string_view name;
    int filter_bit_shift;
    std::vector<LiftingStage> synthesis_stages;  // in synthesis order

    // The analysis stages: synthesis stages reversed, each inverted.
    std::vector<LiftingStage> analysis_stages() const;
};

inline constexpr int kWaveletCount = 7;

// Throws rigor::UserError for an index outside 0…6.
const Wavelet& wavelet(int index);
// Accepts an index ("1") or a name ("le_gall_5_3"); throws rigor::UserError listing the
// valid names otherwise.
const Wavelet& wavelet_by_name_or_index(std::string_view text);

}  // namespace rigor::vc2
