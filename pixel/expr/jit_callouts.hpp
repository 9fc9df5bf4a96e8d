// The operations generated code does not inline (transcendental functions, fmod, bit
// operations), as functions the JIT calls on up to kMaxLanes lanes in memory.  They
// evaluate the very vmath/scalar formulas of the block interpreter lane by lane, so
// generated code and interpreter agree bit for bit.
#pragma once

namespace rigor::pixel::jit_callouts {

inline constexpr int kMaxLanes = 32;

// io[0..lanes): operand a; io[kMaxLanes..kMaxLanes+lanes): operand b where there is one.
// The result goes to io[0..lanes) (sincos: sin there, cos to io[kMaxLanes..)).
using Callout = void (*)(float* io, long lanes) noexcept;

void exp_n(float* io, long lanes) noexcept;
void log_n(float* io, long lanes) noexcept;
void sin_n(float* io, long lanes) noexcept;
void cos_n(float* io, long lanes) noexcept;
void sincos_n(float* io, long lanes) noexcept;
void pow_n(float* io, long lanes) noexcept;
void fmod_n(float* io, long lanes) noexcept;
void bitand_n(float* io, long lanes) noexcept;
void bitor_n(float* io, long lanes) noexcept;
void bitxor_n(float* io, long lanes) noexcept;
void bitnot_n(float* io, long lanes) noexcept;

}  // namespace rigor::pixel::jit_callouts
