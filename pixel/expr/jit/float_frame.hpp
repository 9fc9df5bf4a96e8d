// The stack frame of a binary32 kernel (the float_*.cpp generator), rsp 32-byte aligned:
//   [0, 256)       operands and results of call-outs (two arrays of kMaxLanes floats)
//   [256, 264)     x_end
//   [264, ...)     row pointers beyond the three kept in r13-r15
//   vector slots   32 bytes each (FloatRegisters): the pool's vectors and scalars
//                  (broadcast), uniforms, spilled values
// The pool: vectors first (lane numbers 0..31 as int32 in slots 0..3, the dword order
// that undoes a 256-bit byte pack in slot 4), then scalars, each broadcast into a slot:
// the ones the code uses (0, 1, masks, the constants of inline sin/cos/exp/log) and
// the Constant nodes, each value once.
#pragma once
#include <xbyak/xbyak.h>

#include "pixel/expr/jit/kernel_abi.hpp"
#include "pixel/expr/jit/x86_code.hpp"

namespace rigor::pixel::expr::jit {

inline constexpr int kCallArea = 0;
inline constexpr int kMaxLanes = 32;  // 4 vectors of 8
inline constexpr int kCallSecond = 4 * kMaxLanes;
inline constexpr int kXEnd = 8 * kMaxLanes;
inline constexpr int kRowSlots = kXEnd + 8;
inline constexpr int kIotaSlot = 0, kPackOrderSlot = 4, kPoolVectors = 5;

// Where the pointer to source row s (s >= kRowRegisters) is kept.
inline Xbyak::Address row_pointer(int s) { return mem(Xbyak::util::rsp, kRowSlots + 8 * (s - kRowRegisters)); }

}  // namespace rigor::pixel::expr::jit
