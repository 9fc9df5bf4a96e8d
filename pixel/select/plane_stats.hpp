// What VapourSynth's std.PlaneStats(clipa, clipb, plane, prop) puts on each frame, for
// one plane: the smallest and largest sample, the average and, with a second clip, the
// mean absolute difference to it.
//   - Integer samples: Min and Max are code values (integers, as PlaneStats sets them);
//     Average = sum(a) / (w h (2^bits - 1)), Diff = sum(|a - b|) / (w h (2^bits - 1)),
//     so both lie in [0, 1].  The sums are exact (64-bit integers).
//   - Float samples: Min, Max, Average = sum(a) / (w h) and Diff = sum(|a - b|) / (w h)
//     as stored (no normalisation), summed in double in row order.  Half floats (which
//     PlaneStats refuses) are widened to float first.
// A plain reference loop: one pass over the plane, memory-bound.
#pragma once
#include <optional>
#include <string>

#include "pixel/io/frame.hpp"

namespace rigor::pixel::select {

struct PlaneStats {
    double min = 0, max = 0, average = 0;
    std::optional<double> diff;  // only with a second frame
    bool integer = true;         // min/max are code values (written as integers)
};

// Stats of plane `plane` of `a` (and its difference to the same plane of `*b`).  Throws
// rigor::UserError when the plane does not exist or `b` differs in format or size.
PlaneStats plane_stats(const Frame& a, int plane, const Frame* b = nullptr);

// The four property names PlaneStats uses for prefix `prop` ("PlaneStats" → PlaneStatsMin…).
struct PlaneStatsNames {
    std::string min, max, average, diff;
    explicit PlaneStatsNames(const std::string& prop)
        : min(prop + "Min"), max(prop + "Max"), average(prop + "Average"), diff(prop + "Diff") {}
};

}  // namespace rigor::pixel::select

namespace rigor::pixel::select {

// One frame's entry of a property list (property_list.hpp), e.g.
//   {"PlaneStatsMin":16,"PlaneStatsMax":235,"PlaneStatsAverage":0.41}
// (integer Min/Max as JSON integers, the rest with every digit a double needs to read
// back the same).
std::string plane_stats_json(const PlaneStats& s, const PlaneStatsNames& names);

}  // namespace rigor::pixel::select
