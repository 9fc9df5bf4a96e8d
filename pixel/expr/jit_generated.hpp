// What a code generator hands to JitKernel::compile (jit.cpp): machine code and the
// tables its caller needs.  Two generators: binary32 (jit_float.cpp, any program the
// JIT takes) and 16-bit fixed point (jit_fixed.cpp, integer programs proven exact by
// rigor::expr::dyadic_ranges), tried first.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/jit.hpp"

namespace rigor::pixel::expr {

struct GeneratedKernel {
    std::vector<std::uint8_t> code;
    std::vector<float> constants;  // the pool the code reads (32-bit words, any bits)
    std::vector<JitKernel::Row> rows;
    int uniform_count = JitKernel::kFirstProperty;
    int reach_left = 0, reach_right = 0;
    int step = 8;
    bool fixed_point = false;  // 16-bit fixed-point lanes (jit_fixed.cpp)
};

// The slot of the source row a Load reads (clip, dy, boundary) in `rows`, added when new.
int row_slot(std::vector<JitKernel::Row>& rows, const rigor::expr::Node& load, int bytes_per_sample);

// Both return nullopt for programs they do not take.  The argument layout is
// JitRowArgs; the constants pointer is set by JitKernel::run.
std::optional<GeneratedKernel> generate_float_kernel(const rigor::expr::Expr& e, std::span<const JitSampleType> clips,
                                                     JitSampleType out);
std::optional<GeneratedKernel> generate_fixed_kernel(const rigor::expr::Expr& e, std::span<const JitSampleType> clips,
                                                     JitSampleType out);

}  // namespace rigor::pixel::expr
