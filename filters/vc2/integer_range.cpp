#include "filters/vc2/integer_range.hpp"

#include <algorithm>
#include <vector>

namespace rigor::vc2 {

namespace {

__extension__ typedef unsigned __int128 Magnitude;  // exact: products stay below 2^92

// The largest magnitude seen so far, and whether any could reach 2^63.  Once one could,
// every later magnitude is meaningless (and might wrap), so nothing more is computed.
class Tracker {
public:
    Magnitude note(Magnitude m) {
        if (m >= kIntegerLimit) failed_ = true;
        largest_ = std::max(largest_, m);
        return m;
    }
    bool failed() const { return failed_; }
    std::optional<std::uint64_t> result() const {
        if (failed_) return std::nullopt;
        return static_cast<std::uint64_t>(largest_);
    }

private:
    Magnitude largest_ = 0;
    bool failed_ = false;
};

Magnitude ceil_shift(Magnitude a, int s) { return (a + ((Magnitude{1} << s) - 1)) >> s; }

// The magnitudes of a line's even and odd samples.
struct Line {
    Magnitude even = 0, odd = 0;
    Magnitude largest() const { return std::max(even, odd); }
};

// Applies the stages' bounds to `line`; false once a magnitude could reach 2^63.  Inputs
// are below 2^63 and Σ|taps| ≤ 32·2^24, so every product fits 128 bits.
bool lift_all(Line& line, const std::vector<LiftingStage>& stages, Tracker& t) {
    t.note(line.even);
    t.note(line.odd);
    for (const LiftingStage& s : stages) {
        if (t.failed()) return false;
        Magnitude taps = 0;
        for (int tap : s.taps) taps += static_cast<Magnitude>(tap < 0 ? -static_cast<long long>(tap) : tap);
        const Magnitude offset = s.shift > 0 ? Magnitude{1} << (s.shift - 1) : 0;
        const Magnitude sum = t.note(offset + taps * (s.updates_even() ? line.odd : line.even));
        if (t.failed()) return false;
        Magnitude& updated = s.updates_even() ? line.even : line.odd;
        updated = t.note(updated + ceil_shift(sum, s.shift));
    }
    return !t.failed();
}

}  // namespace

std::optional<std::uint64_t> analysis_magnitude_bound(const TransformConfig& c, std::uint64_t input) {
    const Wavelet& h = c.horizontal_wavelet();
    const auto h_stages = h.analysis_stages();
    const auto v_stages = c.vertical_wavelet().analysis_stages();
    Tracker t;
    Magnitude m = t.note(input);
    for (int level = c.dwt_depth + c.dwt_depth_ho; level >= 1 && !t.failed(); --level) {
        const Magnitude shifted = m << h.filter_bit_shift;  // m < 2^63, b ≤ 8: no wrap
        Line rows{shifted, shifted};
        if (!lift_all(rows, h_stages, t)) break;
        if (level <= c.dwt_depth_ho) {
            m = rows.even;  // the next level's input is L
            continue;
        }
        // The L columns hold the rows' even samples, the H columns their odd ones.
        Line l_columns{rows.even, rows.even}, h_columns{rows.odd, rows.odd};
        if (!lift_all(l_columns, v_stages, t) || !lift_all(h_columns, v_stages, t)) break;
        m = l_columns.even;  // LL
    }
    return t.result();
}

std::optional<std::uint64_t> synthesis_magnitude_bound(const TransformConfig& c, std::uint64_t input) {
    const Wavelet& h = c.horizontal_wavelet();
    const auto& v_stages = c.vertical_wavelet().synthesis_stages;
    const int b = h.filter_bit_shift;
    Tracker t;
    const Magnitude band = t.note(input);
    Magnitude low = band;
    for (int level = 1; level <= c.dwt_depth + c.dwt_depth_ho && !t.failed(); ++level) {
        Magnitude l_column = low, h_column = band;
        if (level > c.dwt_depth_ho) {
            // Vertical interleave: the L column's rows are LL (even) and LH (odd), the H
            // column's HL and HH.
            Line l_rows{low, band}, h_rows{band, band};
            if (!lift_all(l_rows, v_stages, t) || !lift_all(h_rows, v_stages, t)) break;
            l_column = l_rows.largest();
            h_column = h_rows.largest();
        }
        // Horizontal interleave: even columns from the L column, odd from the H column.
        Line dc{l_column, h_column};
        if (!lift_all(dc, h.synthesis_stages, t)) break;
        if (b == 0) {
            low = dc.largest();
            continue;
        }
        const Magnitude sum = t.note(dc.largest() + (Magnitude{1} << (b - 1)));  // before >> b
        low = t.note(ceil_shift(sum, b));
    }
    return t.result();
}

}  // namespace rigor::vc2
