#include "pixel/vc2_bit_widths/pattern_output.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/vc2/quantisation.hpp"

namespace rigor::pixel::vc2_bit_widths {

using pixel::vc2::analyse;
using pixel::vc2::ArrayVisitor;
using pixel::vc2::synthesise;
using rigor::vc2::Coefficients;
using rigor::vc2::QuantisationMatrix;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformConfig;

namespace {

long round_up(long v, long m) { return (v + m - 1) / m * m; }

// Margin per side: two whole top-level blocks, in whole pattern multiples.  The pattern
// box already covers every picture sample with a weight on the target; the margin keeps
// the edges' clamped taps out of the target's reach (the tests check that a wider
// margin changes nothing).
long margin(long /*extent*/, long block, long multiple, long scale) { return round_up(scale * 2 * block, multiple); }

}  // namespace

PlacedPattern place_pattern(const TransformConfig& c, const formats::TestPattern& p, IntegerRange signal, long scale) {
    const long block_x = 1L << (c.dwt_depth + c.dwt_depth_ho);
    const long block_y = 1L << c.dwt_depth;
    const long mx = margin(p.width, block_x, p.pattern_multiple_x, scale);
    const long my = c.dwt_depth == 0 ? 0 : margin(p.height, block_y, p.pattern_multiple_y, scale);
    const long ox = mx + p.dx, oy = my + p.dy;  // where the box's corner lands
    const long width = round_up(std::max(ox + p.width + mx, block_x), block_x);
    const long height = round_up(std::max(oy + p.height + my, block_y), block_y);
    PlacedPattern out;
    out.picture = SampleArray(width, height);
    out.negated = SampleArray(width, height);
    for (long y = 0; y < p.height; ++y)
        for (long x = 0; x < p.width; ++x) {
            const int s = p.polarity(x, y);
            if (s == 0) continue;
            out.picture.at(ox + x, oy + y) = s > 0 ? signal.upper : signal.lower;
            out.negated.at(ox + x, oy + y) = s > 0 ? signal.lower : signal.upper;
        }
    out.target_x = p.target_x + mx / p.pattern_multiple_x * p.target_multiple_x;
    out.target_y = p.target_y + my / p.pattern_multiple_y * p.target_multiple_y;
    return out;
}

namespace {

struct Probe {
    int level;
    const std::string& name;
    long x, y;
    bool found = false;
    std::int64_t value = 0;

    ArrayVisitor visitor() {
        return [this](int l, std::string_view n, const SampleArray& p) {
            if (found || l != level || n != name) return;
            if (x < 0 || y < 0 || x >= p.width || y >= p.height)
                throw UserError("the picture is too small for the test pattern of (" + std::to_string(level) + ", " +
                                name + ")");
            value = p.at(x, y);
            found = true;
        };
    }
    std::int64_t get() const {
        if (!found) throw UserError("the transform has no array (" + std::to_string(level) + ", " + name + ")");
        return value;
    }
};

}  // namespace

std::int64_t analysis_value(const TransformConfig& c, const SampleArray& picture, int level, const std::string& name,
                            long x, long y) {
    Probe probe{level, name, x, y};
    analyse(c, picture, probe.visitor());
    return probe.get();
}

PatternRange analysis_pattern_output(const TransformConfig& c, const formats::TestPattern& p, IntegerRange signal,
                                     long scale) {
    const PlacedPattern placed = place_pattern(c, p, signal, scale);
    const auto& w = p.where;
    return {analysis_value(c, placed.negated, w.level, w.array_name, placed.target_x, placed.target_y),
            analysis_value(c, placed.picture, w.level, w.array_name, placed.target_x, placed.target_y)};
}

void quantise_in_place(Coefficients& coefficients, const QuantisationMatrix& matrix, int qi) {
    for (auto& [level, bands] : coefficients)
        for (auto& [orient, plane] : bands) {
            const pixel::vc2::Requantiser requantise(std::max(0, qi - matrix.at(level).at(orient)));
            for (auto& v : plane.samples)
                if (v != 0) v = requantise(v);
        }
}

namespace {

// The decoded target for every index 0 … maximum_qi.
std::vector<std::int64_t> decoded_per_index(const TransformConfig& c, const SampleArray& picture,
                                            const QuantisationMatrix& matrix, int maximum_qi,
                                            const formats::ArrayPhase& w, long x, long y) {
    const Coefficients coefficients = analyse(c, picture);
    std::vector<std::int64_t> out;
    Coefficients previous;  // the last index's quantised coefficients
    for (int qi = 0; qi <= maximum_qi; ++qi) {
        Coefficients q = coefficients;
        quantise_in_place(q, matrix, qi);
        // Neighbouring indices often quantise every coefficient alike (always once every
        // band is zeroed); the synthesis is a function of the coefficients alone.
        if (qi > 0 && q == previous) {
            out.push_back(out.back());
            continue;
        }
        Probe probe{w.level, w.array_name, x, y};
        synthesise(c, q, probe.visitor(), w.level);
        out.push_back(probe.get());
        previous = std::move(q);
    }
    return out;
}

ExtremeAtIndex most_extreme(const std::vector<std::int64_t>& values) {
    ExtremeAtIndex best{values.at(0), 0};
    for (std::size_t i = 1; i < values.size(); ++i) {
        const auto magnitude = [](std::int64_t v) {
            return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        };
        if (magnitude(values[i]) > magnitude(best.value)) best = {values[i], static_cast<int>(i)};
    }
    return best;
}

}  // namespace

std::int64_t synthesis_value(const TransformConfig& c, const SampleArray& picture, const QuantisationMatrix& matrix,
                             int qi, int level, const std::string& name, long x, long y) {
    Coefficients q = analyse(c, picture);
    quantise_in_place(q, matrix, qi);
    Probe probe{level, name, x, y};
    synthesise(c, q, probe.visitor(), level);
    return probe.get();
}

SynthesisExtremes synthesis_pattern_extremes(const TransformConfig& c, const formats::TestPattern& p,
                                             IntegerRange signal, const QuantisationMatrix& matrix, int maximum_qi,
                                             long scale) {
    const PlacedPattern placed = place_pattern(c, p, signal, scale);
    return {most_extreme(
                decoded_per_index(c, placed.negated, matrix, maximum_qi, p.where, placed.target_x, placed.target_y)),
            most_extreme(
                decoded_per_index(c, placed.picture, matrix, maximum_qi, p.where, placed.target_x, placed.target_y))};
}

PatternRange synthesis_pattern_output(const TransformConfig& c, const formats::TestPattern& p, IntegerRange signal,
                                      const QuantisationMatrix& matrix, int maximum_qi, long scale) {
    const PlacedPattern placed = place_pattern(c, p, signal, scale);
    // The extremes over both polarities and every index: quantisation can flip a value's
    // sign, and the reference keeps whichever picture went furthest either way.
    PatternRange out{std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()};
    for (const SampleArray* picture : {&placed.picture, &placed.negated})
        for (std::int64_t v :
             decoded_per_index(c, *picture, matrix, maximum_qi, p.where, placed.target_x, placed.target_y)) {
            out.min = std::min(out.min, v);
            out.max = std::max(out.max, v);
        }
    return out;
}

}  // namespace rigor::pixel::vc2_bit_widths
