// The range of a program as it runs, found by running every input of a small joint
// domain through the engine (engine_runner.hpp): the true minimum and maximum of the
// binary32 result and of the stored result, the first inputs (in domain order, the first
// input varying fastest) that reach them, and the inputs that give NaN or ±inf.  What
// this reports is what `rigor expr` writes, not a model of it.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "filters/expr/engine_probe.hpp"
#include "symbolic/expr/engine_runner.hpp"
#include "symbolic/expr/input_domain.hpp"

namespace rigor::symbolic::expr {

// Joint domains up to this many points are evaluated exhaustively (2^24: 16.7 million
// points, three 8-bit clips).
inline constexpr std::uint64_t kExhaustiveLimit = std::uint64_t(1) << 24;
inline constexpr std::uint64_t kExhaustiveChunk = std::uint64_t(1) << 20;  // points per engine call

struct ObservedRange {
    bool has_values = false;  // some result is not NaN
    float lo = 0, hi = 0;     // over the results that are not NaN (±inf included)
    std::vector<float> lo_at, hi_at;  // the first inputs giving lo and hi
    std::uint64_t nan_points = 0, infinite_points = 0;
    std::vector<float> nan_at, infinite_at;  // the first such inputs
};

struct ExhaustiveRange {
    std::uint64_t points = 0;
    ObservedRange binary32;  // the program's binary32 result, before the store
    ObservedRange stored;    // after the output format's rounding and clamping
};

// The i-th point of the joint domain (the first input varies fastest), and the n points
// from the first-th on.
std::vector<float> joint_point(const std::vector<InputDomain>& domains, std::uint64_t i);
PointSet joint_points(const std::vector<InputDomain>& domains, std::uint64_t first, std::uint64_t n);

// Every point of the joint domain (joint_count(domains) <= kExhaustiveLimit) through the
// engine: the root of the runner's program, unstored and stored to `store`.
ExhaustiveRange exhaustive_range(EngineRunner& engine, rigor::expr::NodeId root, const std::vector<InputDomain>& domains,
                                 rigor::expr::SampleStorage store);

}  // namespace rigor::symbolic::expr
