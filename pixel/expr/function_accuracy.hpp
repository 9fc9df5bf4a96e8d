// The accuracy of the engine's exp, log, sin and cos (vector_math.hpp, run through
// math_kernels.hpp exactly as the interpreter and generated code run them), as the
// table of filters/expr/function_accuracy.hpp.
//
// How the table is made (bench/expr_accuracy, `expr_function_accuracy --write`): every
// one of the 2^32 binary32 arguments is evaluated by the engine's kernel and, where the
// argument and the result are finite, compared with the C library's double-precision
// function of the same argument.  The bounds stored for a slice are the largest
// differences found plus 4 units in the last place of the double reference, rounded up
// to binary32.  What this relies on:
//   - glibc's double exp, log, sin and cos are within 1 ulp of the real functions (the
//     glibc manual's "Known Maximum Errors in Math Functions" lists at most 1 ulp for
//     them on x86-64); the margin of 4 double ulps is 2^-50 relative, far below the
//     binary32 errors measured (>= 2^-25 relative where not exact);
//   - sin and cos of |x| >= 2^24 are not compared (no meaningful binary32 reduction
//     exists there and glibc's reduction is slow): |sin x|, |cos x| <= 1 gives
//     |r − f(x)| <= |r| + 1, which is stored instead (and no relative bound);
//   - the engine's functions are the ones scanned: `fingerprint()` hashes the kernel's
//     results on 2^18 fixed arguments per function and a test (tests/expr) compares it
//     with the table's, and re-checks the bounds on every 1024th argument of every slice.
//     Regenerate the table whenever vector_math.hpp changes.
#pragma once
#include <cstdint>

#include "filters/expr/function_accuracy.hpp"
#include "filters/expr/ir.hpp"

namespace rigor::pixel::expr {

// The checked-in table (function_accuracy_table.cpp): exp, log, sin, cos.
const rigor::expr::FunctionAccuracy& function_accuracy() noexcept;
// The checked-in table of tan, asin, acos, atan (function_accuracy_trig_table.cpp; only
// those fields and trig_fingerprint are set).
const rigor::expr::FunctionAccuracy& trig_accuracy() noexcept;
// Both in one (what the engine probe hands the analysis).
const rigor::expr::FunctionAccuracy& engine_accuracy() noexcept;

// The bounds of one slice of arguments of op (Exp, Log, Sin, Cos, Tan, Asin, Acos or
// Atan), from the arguments
// slice·2^20 + k·stride (k = 0, 1, ...): stride 1 scans the whole slice.
rigor::expr::SliceAccuracy scan_slice(rigor::expr::Op op, std::uint32_t slice, std::uint32_t stride = 1);

// FNV-1a hash of the engine's exp, log, sin and cos on fixed arguments (see above), and
// of its tan, asin, acos and atan (vector_math_trig.hpp).
std::uint64_t fingerprint();
std::uint64_t trig_fingerprint();

}  // namespace rigor::pixel::expr
