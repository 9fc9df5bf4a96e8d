// What an analysis of the arithmetic that runs needs from an evaluator of Expr programs,
// as a contract between the layers: symbolic/expr asks (ranges, rounding errors, hazard
// witnesses of the program as it runs), pixel/expr answers (probe.hpp there: the numeric
// engine, generated code or interpreter exactly as `rigor expr` chooses), and the front
// end hands one to the other.  Neither layer includes the other.
//
// The engine is asked about *point programs*: graphs whose every input is an unshifted
// sample of its own clip, Load{clip k, dx 0, dy 0} (point_program.hpp makes them), so
// that point i of a batch is one pixel with clip k's sample there as input k.  ir.hpp
// fixes what every operation after the leaves computes, and a leaf's value is all the
// engine takes from where it came (a pixel left of x, the frame number, a property).
#pragma once
#include <cstddef>
#include <functional>
#include <span>

#include "filters/expr/function_accuracy.hpp"
#include "filters/expr/ir.hpp"

namespace rigor::expr {

// How samples are stored: integers of `bits` bits (8..16), binary16 (bits 16, is_float)
// or binary32 (bits 32, is_float).
struct SampleStorage {
    bool is_float = true;
    int bits = 32;
    bool is_half() const { return is_float && bits == 16; }
    friend bool operator==(const SampleStorage&, const SampleStorage&) = default;
};

struct EngineProbe {
    // A compiled point program.  run(values, n, out): values[k][i] is input k at point i
    // (a value clip k's storage holds exactly), out[i] the program's result at point i as
    // stored in the output storage, read back as binary32 (integer code values, binary16
    // values, or the binary32 result itself, NaN included).  Not reentrant.
    using Run = std::function<void(std::span<const float* const> values, std::size_t n, float* out)>;
    // Throws rigor::UserError when the engine cannot run the program.
    std::function<Run(const Expr& point_program, std::span<const SampleStorage> clips, SampleStorage output)> compile;
    // The engine's Exp, Log, Sin, Cos (b unused) and Pow at one argument, bit for bit as
    // inside its programs.
    std::function<float(Op op, float a, float b)> function;
    // Certified accuracy of the engine's exp, log, sin and cos.
    const FunctionAccuracy* accuracy = nullptr;
};

}  // namespace rigor::expr
