#include "pixel/expr/jit/x86_assembler.hpp"

#include "filters/base/error.hpp"

namespace rigor::pixel::expr::jit::x86 {

namespace {
int scale_bits(int scale) {
    switch (scale) {
        case 1: return 0;
        case 2: return 1;
        case 4: return 2;
        case 8: return 3;
        default: throw InternalError("x86 assembler: scale must be 1, 2, 4 or 8");
    }
}
}  // namespace

void Assembler::dword(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) byte(std::uint8_t(v >> (8 * i)));
}

void Assembler::modrm(int reg, const VecOperand& rm) {
    if (!rm.is_memory) {
        byte(std::uint8_t(0xc0 | ((reg & 7) << 3) | (rm.reg & 7)));
        return;
    }
    const Mem& m = rm.mem;
    const bool sib = m.index >= 0 || (m.base & 7) == rsp;
    if (m.index == rsp) throw InternalError("x86 assembler: rsp cannot be an index register");
    byte(std::uint8_t(0x80 | ((reg & 7) << 3) | (sib ? 4 : (m.base & 7))));  // mod 10: disp32
    if (sib) {
        const int index = m.index >= 0 ? (m.index & 7) : 4;  // 100: no index
        byte(std::uint8_t((scale_bits(m.index >= 0 ? m.scale : 1) << 6) | (index << 3) | (m.base & 7)));
    }
    dword(std::uint32_t(m.disp));
}

void Assembler::vex(int map, int pp, bool l256, bool w, std::uint8_t opcode, int reg, int vvvv,
                    const VecOperand& rm) {
    // R, X, B extend ModR/M.reg, SIB.index and ModR/M.rm (or SIB.base); stored inverted.
    const int r = (reg >> 3) & 1;
    const int x = rm.is_memory && rm.mem.index >= 0 ? (rm.mem.index >> 3) & 1 : 0;
    const int b = ((rm.is_memory ? int(rm.mem.base) : rm.reg) >> 3) & 1;
    byte(0xc4);
    byte(std::uint8_t(((r ^ 1) << 7) | ((x ^ 1) << 6) | ((b ^ 1) << 5) | map));
    byte(std::uint8_t((w ? 0x80 : 0) | ((~vvvv & 15) << 3) | (l256 ? 4 : 0) | pp));
    byte(opcode);
    modrm(reg, rm);
}

void Assembler::rex_op(std::uint8_t opcode, int reg, const VecOperand& rm, bool two_byte_0f) {
    const int r = (reg >> 3) & 1;
    const int x = rm.is_memory && rm.mem.index >= 0 ? (rm.mem.index >> 3) & 1 : 0;
    const int b = ((rm.is_memory ? int(rm.mem.base) : rm.reg) >> 3) & 1;
    byte(std::uint8_t(0x48 | (r << 2) | (x << 1) | b));
    if (two_byte_0f) byte(0x0f);
    byte(opcode);
    modrm(reg, rm);
}

void Assembler::push(Gpr g) {
    if (g >= 8) byte(0x41);
    byte(std::uint8_t(0x50 | (g & 7)));
}
void Assembler::pop(Gpr g) {
    if (g >= 8) byte(0x41);
    byte(std::uint8_t(0x58 | (g & 7)));
}
void Assembler::mov(Gpr d, Gpr s) { rex_op(0x89, s, VecOperand::r(d)); }
void Assembler::mov_load(Gpr d, Mem m) { rex_op(0x8b, d, VecOperand::m(m)); }
void Assembler::mov_store(Mem m, Gpr s) { rex_op(0x89, s, VecOperand::m(m)); }
void Assembler::mov_imm64(Gpr d, std::uint64_t v) {
    byte(std::uint8_t(0x48 | ((d >> 3) & 1)));
    byte(std::uint8_t(0xb8 | (d & 7)));
    for (int i = 0; i < 8; ++i) byte(std::uint8_t(v >> (8 * i)));
}
void Assembler::lea(Gpr d, Mem m) { rex_op(0x8d, d, VecOperand::m(m)); }
// 81 /digit id: the group-1 operation selected by ModR/M.reg.
void Assembler::add_imm(Gpr d, std::int32_t v) {
    rex_op(0x81, 0, VecOperand::r(d));
    dword(std::uint32_t(v));
}
void Assembler::sub_imm(Gpr d, std::int32_t v) {
    rex_op(0x81, 5, VecOperand::r(d));
    dword(std::uint32_t(v));
}
void Assembler::and_imm(Gpr d, std::int32_t v) {
    rex_op(0x81, 4, VecOperand::r(d));
    dword(std::uint32_t(v));
}
void Assembler::cmp_load(Gpr a, Mem m) { rex_op(0x3b, a, VecOperand::m(m)); }
void Assembler::cmp(Gpr a, Gpr b) { rex_op(0x3b, a, VecOperand::r(b)); }
void Assembler::call(Gpr target) {
    if (target >= 8) byte(0x41);
    byte(0xff);
    byte(std::uint8_t(0xd0 | (target & 7)));  // FF /2, mod 11
}

std::size_t Assembler::jcc(std::uint8_t cc, std::size_t target) {
    byte(0x0f);
    byte(cc);
    const std::size_t site = position();
    dword(std::uint32_t(std::int32_t(std::int64_t(target) - std::int64_t(site + 4))));
    return site;
}

void Assembler::bind(std::size_t site) {
    const std::int32_t rel = std::int32_t(std::int64_t(position()) - std::int64_t(site + 4));
    for (int i = 0; i < 4; ++i) code_[site + std::size_t(i)] = std::uint8_t(std::uint32_t(rel) >> (8 * i));
}

void Assembler::patch_imm32(std::size_t end, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) code_[end - 4 + std::size_t(i)] = std::uint8_t(v >> (8 * i));
}

}  // namespace rigor::pixel::expr::jit::x86
