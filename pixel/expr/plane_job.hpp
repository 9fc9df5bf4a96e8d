// One output plane's evaluation as both evaluators (the block interpreter, evaluate.hpp,
// and generated code, jit/row_driver.hpp) see it: the source planes of every clip as
// stored, the target plane, and the scalars fixed for the frame.
#pragma once
#include <cstddef>
#include <span>

#include "filters/expr/ir.hpp"

namespace rigor::pixel::expr {

// Samples of one plane of one clip, as stored.
struct PlaneSource {
    const std::byte* data = nullptr;
    std::ptrdiff_t stride = 0;  // bytes
    int width = 0, height = 0;
    int bytes_per_sample = 1;   // 1, 2 (integer or half) or 4 (float)
    bool is_float = false;
};

struct PlaneTarget {
    std::byte* data = nullptr;
    std::ptrdiff_t stride = 0;
    int width = 0, height = 0;
    int bytes_per_sample = 1;
    bool is_float = false;
    int bits = 8;               // integer depth: results clamped to [0, 2^bits - 1]
};

struct PlaneJob {
    std::span<const PlaneSource> clips;
    PlaneTarget target;
    float frame_number = 0;
    std::span<const float> properties;  // values of Program::properties, NaN when missing
    rigor::expr::Boundary boundary = rigor::expr::Boundary::Clamp;  // what Boundary::Default means
};

}  // namespace rigor::pixel::expr
