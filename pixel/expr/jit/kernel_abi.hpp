// The conventions inside every generated function, both generators alike.  The function
// is called as void(const RowArgs*) (System V: the pointer in rdi) and keeps in
// callee-saved registers what every iteration reads: the current column, the output row
// and up to three source rows (further rows stay in memory).  Of the 16 ymm registers,
// 0..13 hold values and 14, 15 are scratch within one operation.
#pragma once
#include <xbyak/xbyak.h>

namespace rigor::pixel::expr::jit {

inline constexpr Xbyak::Reg64 kX = Xbyak::util::r12;    // current column
inline constexpr Xbyak::Reg64 kOut = Xbyak::util::rbx;  // column 0 of the output row
inline constexpr int kRowRegisters = 3;
inline constexpr Xbyak::Reg64 kRowRegister[kRowRegisters] = {Xbyak::util::r13, Xbyak::util::r14, Xbyak::util::r15};

inline constexpr int kValueRegisters = 14;
inline constexpr int kScratchA = 15, kScratchB = 14;

}  // namespace rigor::pixel::expr::jit
