// x86-64 machine code for the generators, written with Xbyak (Debian's libxbyak-dev,
// header-only): the encodings are Xbyak's, the generators choose only instructions and
// operands.  CodeBuffer grows as code is written and is never executable; the finished
// bytes go into ExecutableCode's pages, which are never writable and executable at once.
#pragma once
#include <cstdint>
#include <vector>

#include <xbyak/xbyak.h>

namespace rigor::pixel::expr::jit {

namespace detail {
// Heap memory for Xbyak's buffer, left as it is (Xbyak would make it executable).
struct PlainMemory {
    struct Allocator : Xbyak::Allocator {
        bool useProtect() const override { return false; }
    } allocator;
};
}  // namespace detail

class CodeBuffer : private detail::PlainMemory, public Xbyak::CodeGenerator {
public:
    CodeBuffer() : Xbyak::CodeGenerator(Xbyak::DEFAULT_MAX_CODE_SIZE, Xbyak::AutoGrow, &allocator) {}
    // The code written, with every jump to a label resolved.
    std::vector<std::uint8_t> finish() {
        ready();
        return {getCode(), getCode() + getSize()};
    }
};

inline Xbyak::Ymm ymm(int r) { return Xbyak::Ymm(r); }
inline Xbyak::Xmm xmm(int r) { return Xbyak::Xmm(r); }
// [base + disp] and [base + index * scale + disp]; the size comes from the instruction.
inline Xbyak::Address mem(const Xbyak::Reg64& base, int disp) { return Xbyak::util::ptr[base + disp]; }
inline Xbyak::Address mem(const Xbyak::Reg64& base, int disp, const Xbyak::Reg64& index, int scale) {
    return Xbyak::util::ptr[base + index * scale + disp];
}

// A vector operand: a ymm register or 32 bytes of memory, passed to Xbyak as either.
struct VecOperand {
    bool is_memory = false;
    int reg = 0;
    Xbyak::Address mem = Xbyak::util::ptr[Xbyak::util::rax];
    static VecOperand r(int n) { return {false, n, Xbyak::util::ptr[Xbyak::util::rax], Xbyak::Ymm(n)}; }
    static VecOperand m(const Xbyak::Address& a) { return {true, 0, a, Xbyak::Ymm(0)}; }
    operator const Xbyak::Operand&() const {
        return is_memory ? static_cast<const Xbyak::Operand&>(mem) : static_cast<const Xbyak::Operand&>(ymm_reg);
    }
    Xbyak::Ymm ymm_reg = Xbyak::Ymm(0);  // reg as Xbyak's
};

// Predicates of VCMPPS (SDM table 3-1): ordered, quiet, so NaN compares false.
// NotLt: not less than, so true for NaN; Unord: either operand NaN; NeqUnord: C's !=
// (true for NaN).
enum class Cmp : std::uint8_t {
    Eq = 0x00, Lt = 0x11, Le = 0x12, Unord = 0x03, NeqUnord = 0x04, NotLt = 0x05, Ge = 0x1d, Gt = 0x1e
};
// Rounding-control immediates of VROUNDPS (bit 3 suppresses the precision exception).
enum class Rounding : std::uint8_t { NearestEven = 0x08, Down = 0x09, Up = 0x0a, TowardZero = 0x0b };
constexpr std::uint8_t imm(Cmp p) { return std::uint8_t(p); }
constexpr std::uint8_t imm(Rounding r) { return std::uint8_t(r); }

}  // namespace rigor::pixel::expr::jit
