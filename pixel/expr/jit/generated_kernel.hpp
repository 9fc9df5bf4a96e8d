// What a code generator hands to Kernel::compile (kernel.cpp): machine code and the
// tables its caller needs.  Two generators: binary32 (float_kernel.cpp, any program the
// JIT takes) and 16-bit fixed point (fixed_kernel.cpp, integer programs proven exact by
// rigor::expr::dyadic_ranges), tried first.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/jit/kernel.hpp"

namespace rigor::pixel::expr::jit {

struct GeneratedKernel {
    std::vector<std::uint8_t> code;
    std::vector<float> constants;  // the pool the code reads (32-bit words, any bits)
    std::vector<Kernel::Row> rows;
    int uniform_count = Kernel::kFirstProperty;
    int reach_left = 0, reach_right = 0;
    int step = 8;
    bool fixed_point = false;  // 16-bit fixed-point lanes (fixed_kernel.cpp)
};

// The slot of the source row a Load reads (clip, dy, boundary) in `rows`, added when new.
int row_slot(std::vector<Kernel::Row>& rows, const rigor::expr::Node& load, int bytes_per_sample);

// Both return nullopt for programs they do not take.  The argument layout is
// RowArgs; the constants pointer is set by Kernel::run.
std::optional<GeneratedKernel> generate_float_kernel(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                     SampleLayout out);
std::optional<GeneratedKernel> generate_fixed_kernel(const rigor::expr::Expr& e, std::span<const SampleLayout> clips,
                                                     SampleLayout out);

}  // namespace rigor::pixel::expr::jit
