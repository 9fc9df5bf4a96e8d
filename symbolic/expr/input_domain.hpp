// The values each input of a program takes on the engine: the binary32 numbers a sample,
// a frame property or a coordinate can be, within its --range.
//
// A clip's inputs (x, x[dx,dy], x[]) take the values its sample format holds: integers
// for integer formats (8..16 bits; the range defaults to the whole format, 0 .. 2^bits−1),
// every binary16 number for half-float clips, every binary32 number for float clips
// (-0 included: 1/x of -0 is -inf).  X, Y, N, width and height are integers (exact,
// below 2^24); a property x.Name any binary32 number.  Ranges are exact rationals
// (input_ranges.hpp); a domain is the values inside, in increasing order, so that the
// i-th value, a value's index and a count are all exact — what exhaustive evaluation and
// witness searches walk.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "filters/expr/engine_probe.hpp"
#include "filters/expr/point_program.hpp"
#include "symbolic/expr/input_ranges.hpp"

namespace rigor::symbolic::expr {

enum class DomainKind { Integer, Half, Float };

struct InputDomain {
    std::string name;    // the variable (variables.hpp), as reports show it
    std::string source;  // what its range is given for
    DomainKind kind = DomainKind::Integer;
    rigor::expr::SampleStorage storage;  // how the engine probe is fed it
    float lo = 0, hi = 0;                // the smallest and largest value

    std::uint64_t count() const;
    float at(std::uint64_t i) const;        // i < count(), increasing
    std::uint64_t index_of(float v) const;  // v a value of the domain (or clamped to it)
    // The domain value nearest to v (ties: the lower).
    float nearest(double v) const;
    // Every value is a multiple of 2^grid().
    int grid() const { return kind == DomainKind::Integer ? 0 : kind == DomainKind::Half ? -24 : -149; }
};

// Sample formats of the clips: by clip name (x, y, src3); others get `fallback`.
struct ClipFormats {
    std::map<std::string, rigor::expr::SampleStorage> by_clip;
    rigor::expr::SampleStorage fallback;
    rigor::expr::SampleStorage of(const std::string& clip) const;
};

// One domain per input of the point program, in its clip order.  Throws UserError for a
// missing range (float clips, properties, X, Y, N, width, height need one), a range
// beyond the format (x=0:300 on 8-bit samples) or one that holds no value of it.
std::vector<InputDomain> input_domains(const rigor::expr::PointProgram& p, const InputRanges& ranges,
                                       const ClipFormats& formats);

// The number of points of the joint domain, saturating at 2^63.
std::uint64_t joint_count(const std::vector<InputDomain>& domains);

// The storage a --format/--input name means: "gray8" ... (only sample type and depth).
rigor::expr::SampleStorage storage_of(bool is_float, int bits);
std::string storage_name(const rigor::expr::SampleStorage& s);

}  // namespace rigor::symbolic::expr
