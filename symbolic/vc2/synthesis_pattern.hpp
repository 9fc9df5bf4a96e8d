// The reference's synthesis test-pattern heuristic (spec §4), reproduced exactly but
// computed from separable 1-D data.
//
// For target T with coefficient weights w_c (c = (level, orient, cx, cy)), in ascending
// order of (|w_c|, level, orient, cx, cy) paint the analysis sign pattern of c times
// sign(w_c), later paints overwriting earlier ones; then overwrite with sign(D(p)) wherever
// D(p) = Σ_c w_c·A_c(p) ≠ 0.
//
// Equivalently (what runs here): visit coefficients in DESCENDING order and paint only
// pixels not painted yet, with 64 pixels per machine word; then apply D.  Both the
// weights (w_c = wx(cx)·wy(cy) per band) and each analysis pattern
// (A_c(p) = ax(px − sx·cx)·ay(py − sy·cy)) are separable, and by perfect reconstruction D
// is the linear form of the mirror analysis array (a single separable product), so no
// 2-D exact arithmetic is needed.  Ordering uses doubles, with exact GMP products
// whenever two magnitudes are within rounding distance.
#pragma once
#include <string>
#include <vector>

#include "symbolic/vc2/plain_gain.hpp"
#include "symbolic/vc2/test_pattern.hpp"

namespace rigor::symbolic::vc2 {

struct BandAnalysisSigns {
    int level = 0;
    std::string orient;
    int x = -1, y = -1;        // the band's source nodes in the synthesis networks
    long step_x = 1, step_y = 1;  // picture pixels per coefficient
    PlainGain ax, ay;          // signs of the analysis filter of coefficient (0, 0)
};

class SynthesisPatternPainter {
public:
    explicit SynthesisPatternPainter(std::vector<BandAnalysisSigns> bands);

    // rx, ry: the target's responses (plain_gains of its x and y AxisResponse);
    // direct_x, direct_y: the end-to-end pixel gains D = direct_x ⊗ direct_y.
    // Thread-safe (const, reads only).
    PolarityImage paint(const std::vector<PlainGain>& rx, const std::vector<PlainGain>& ry,
                        const PlainGain& direct_x, const PlainGain& direct_y) const;

private:
    std::vector<BandAnalysisSigns> bands_;
    std::vector<int> rank_;  // per band: position in (level, orient) order
};

}  // namespace rigor::symbolic::vc2
