// Array kernels of the operations the interpreter and generated code do not write out
// as single instructions: exp, log, sin, cos (and both at once), pow, fmod, the bit
// operations, and tan, asin, acos, atan, atan2 (vector_math_trig.hpp).  Each is the vmath formula (vector_math.hpp) lane by lane, written once
// and compiled twice: for AVX2 + FMA, and for any x86-64 (where fmaf is the C library's,
// slow but rounded identically).  The interpreter calls them per block, generated code
// per iteration, so both give the same bits.
#pragma once

namespace rigor::pixel::expr {

struct MathKernels {
    // d[i] = f(a[i]), i < n.  d may equal a (each lane is read before it is written).
    using Unary = void (*)(const float* a, float* d, long n) noexcept;
    // d[i] = f(a[i], b[i]).  d may equal a or b.
    using Binary = void (*)(const float* a, const float* b, float* d, long n) noexcept;
    // s[i] = sin a[i], c[i] = cos a[i], sharing the range reduction.  s may equal a.
    using SinCos = void (*)(const float* a, float* s, float* c, long n) noexcept;
    // d[i] = pow(a[i], c), the same bits as Binary pow with b[i] = c.  d may equal a.
    using PowConstant = void (*)(const float* a, float c, float* d, long n) noexcept;

    Unary exp, log, sin, cos, bitnot;
    SinCos sincos;
    Binary pow;
    PowConstant pow_constant;
    Binary fmod, bitand_, bitor_, bitxor_;
    Unary tan, asin, acos, atan;
    Binary atan2;
};

// Whether this CPU has AVX2 and FMA (the fast kernels, and generated code, need both).
bool cpu_has_avx2_fma() noexcept;

// The kernels for this CPU.
const MathKernels& math_kernels() noexcept;
// The AVX2 + FMA kernels (only to be called when cpu_has_avx2_fma()), and the plain
// x86-64 ones (for tests: both must give the same bits).
const MathKernels& math_kernels_avx2() noexcept;
const MathKernels& math_kernels_plain() noexcept;

}  // namespace rigor::pixel::expr
