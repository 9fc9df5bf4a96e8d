// How far an evaluator's exp, log, sin and cos (and tan, asin, acos, atan) are from the
// real functions.
//
// ir.hpp lets evaluators approximate these four (rigor's engine uses its own formulas,
// pixel/expr/vector_math.hpp), so an analysis of the arithmetic that runs must know the
// approximations' real error.  This is that knowledge as data: the binary32 arguments
// are cut into 4096 slices by their top 12 bits (sign, the 8 exponent bits and the first
// 3 fraction bits: a slice is an eighth of a binade, or one of the special patterns), and
// for each slice an evaluator states bounds that hold for EVERY argument in it — in
// rigor's case established by evaluating all 2^32 arguments (pixel/expr/function_accuracy.hpp
// says how, and what that relies on).
#pragma once
#include <bit>
#include <cstdint>

namespace rigor::expr {

struct SliceAccuracy {
    // For every finite x of the slice whose result r is finite and whose real value f(x)
    // is finite: |r − f(x)| <= abs_error and |r − f(x)| <= rel_error · |f(x)| (both
    // rounded up to binary32; +inf means no bound of that kind).
    float abs_error = 0;
    float rel_error = 0;
    std::uint8_t flags = 0;  // kMayBeNaN | kMayBePlusInf | kMayBeMinusInf
    static constexpr std::uint8_t kMayBeNaN = 1, kMayBePlusInf = 2, kMayBeMinusInf = 4;
};

struct FunctionAccuracy {
    static constexpr int kSliceShift = 20;  // slice of x = bits(x) >> 20
    static constexpr int kSlices = 4096;
    static std::uint32_t slice(float x) { return std::bit_cast<std::uint32_t>(x) >> kSliceShift; }
    // kSlices entries each, indexed by slice().
    const SliceAccuracy* exp = nullptr;
    const SliceAccuracy* log = nullptr;
    const SliceAccuracy* sin = nullptr;
    const SliceAccuracy* cos = nullptr;
    // A hash of the evaluator's results on fixed arguments when the bounds were made: an
    // evaluator whose functions changed no longer matches its table.
    std::uint64_t fingerprint = 0;
    // tan, asin, acos, atan (ir.hpp lets evaluators approximate them too), from a table
    // of their own with its own fingerprint; null where an evaluator states none.
    const SliceAccuracy* tan = nullptr;
    const SliceAccuracy* asin = nullptr;
    const SliceAccuracy* acos = nullptr;
    const SliceAccuracy* atan = nullptr;
    std::uint64_t trig_fingerprint = 0;
};

}  // namespace rigor::expr
