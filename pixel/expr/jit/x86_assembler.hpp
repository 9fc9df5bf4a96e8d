// A minimal x86-64 machine-code writer for the Expr JIT: the AVX2 (VEX-encoded, 256-bit)
// instructions an Expr program needs, and the few general-purpose ones its loop and
// calls need.  Encodings from the Intel SDM vol. 2 (2.3 VEX prefix; 2.1.5 ModR/M and SIB).
// Every memory operand is written as [base + index*scale + disp32] (mod = 10), which
// needs no special cases for rbp/r13 bases; rsp/r12 bases and any index use a SIB byte.
#pragma once
#include <cstdint>
#include <vector>

namespace rigor::pixel::expr::jit::x86 {

enum Gpr : std::uint8_t { rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15 };

struct Mem {
    Gpr base;
    std::int32_t disp = 0;
    int index = -1;  // a Gpr, or -1 for none (rsp cannot be an index)
    int scale = 1;   // 1, 2, 4 or 8
};

// A ymm (or, for 128-bit forms, xmm) register number 0..15, or a memory operand.
struct VecOperand {
    bool is_memory = false;
    int reg = 0;
    Mem mem{rax};
    static VecOperand r(int n) { return {false, n, Mem{rax}}; }
    static VecOperand m(Mem mem) { return {true, 0, mem}; }
};

// Predicates of VCMPPS (SDM table 3-1): ordered, quiet, so NaN compares false.
// NotLt: not less than, so true for NaN (unordered).
// NotLt: not less than, so true for NaN; Unord: either operand NaN.
enum class Cmp : std::uint8_t { Eq = 0x00, Lt = 0x11, Le = 0x12, Unord = 0x03, NotLt = 0x05, Ge = 0x1d, Gt = 0x1e };
// Rounding-control immediates of VROUNDPS (bit 3 suppresses the precision exception).
enum class Rounding : std::uint8_t { NearestEven = 0x08, Down = 0x09, TowardZero = 0x0b };

class Assembler {
public:
    const std::vector<std::uint8_t>& code() const { return code_; }
    std::size_t position() const { return code_.size(); }

    // 256-bit arithmetic and logic: dst = src1 op src2.
    void vaddps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x58, d, s1, s2); }
    void vsubps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x5c, d, s1, s2); }
    void vmulps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x59, d, s1, s2); }
    void vdivps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x5e, d, s1, s2); }
    // MINPS/MAXPS return src2 unless src1 < src2 (> src2): exactly a < b ? a : b.
    void vminps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x5d, d, s1, s2); }
    void vmaxps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x5f, d, s1, s2); }
    void vandps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x54, d, s1, s2); }
    void vorps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x56, d, s1, s2); }
    void vxorps(int d, int s1, VecOperand s2) { vex(1, 0, true, false, 0x57, d, s1, s2); }
    void vcmpps(int d, int s1, VecOperand s2, Cmp p) {
        vex(1, 0, true, false, 0xc2, d, s1, s2);
        byte(std::uint8_t(p));
    }
    // Fused multiply-add, one rounding: 213: d = s1 * d + s2; 231: d = s1 * s2 + d.
    void vfmadd213ps(int d, int s1, VecOperand s2) { vex(2, 1, true, false, 0xa8, d, s1, s2); }
    void vfmadd231ps(int d, int s1, VecOperand s2) { vex(2, 1, true, false, 0xb8, d, s1, s2); }
    void vpslld(int d, int s, std::uint8_t n) {  // 32-bit lanes, group 72 /6
        vex(1, 1, true, false, 0x72, 6, d, VecOperand::r(s));
        byte(n);
    }
    void vsqrtps(int d, VecOperand s) { vex(1, 0, true, false, 0x51, d, 0, s); }
    void vroundps(int d, VecOperand s, Rounding r) {
        vex(3, 1, true, false, 0x08, d, 0, s);
        byte(std::uint8_t(r));
    }
    // d = mask ? s2 : s1, lane by lane on the mask's sign bits.
    void vblendvps(int d, int s1, VecOperand s2, int mask) {
        vex(3, 1, true, false, 0x4a, d, s1, s2);
        byte(std::uint8_t(mask << 4));
    }
    void vcvtdq2ps(int d, VecOperand s) { vex(1, 0, true, false, 0x5b, d, 0, s); }
    // Rounds by MXCSR: half to even in the default mode.
    void vcvtps2dq(int d, VecOperand s) { vex(1, 1, true, false, 0x5b, d, 0, s); }
    void vpaddd(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xfe, d, s1, s2); }
    void vpsubd(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xfa, d, s1, s2); }
    void vpcmpeqd(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0x76, d, s1, s2); }
    void vpor(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xeb, d, s1, s2); }
    void vcvttps2dq(int d, VecOperand s) { vex(1, 2, true, false, 0x5b, d, 0, s); }  // truncating
    void vpsrld(int d, int s, std::uint8_t n) {  // logical, 32-bit lanes, group 72 /2
        vex(1, 1, true, false, 0x72, 2, d, VecOperand::r(s));
        byte(n);
    }
    // Zero-extending loads of 8 samples into 8 int32 lanes.
    void vpmovzxbd(int d, VecOperand s) { vex(2, 1, true, false, 0x31, d, 0, s); }
    void vpmovzxwd(int d, VecOperand s) { vex(2, 1, true, false, 0x33, d, 0, s); }
    void vpbroadcastd(int d, int xmm) { vex(2, 1, true, false, 0x58, d, 0, VecOperand::r(xmm)); }
    void vbroadcastss(int d, Mem m) { vex(2, 1, true, false, 0x18, d, 0, VecOperand::m(m)); }
    void vmovups_load(int d, VecOperand s) { vex(1, 0, true, false, 0x10, d, 0, s); }
    void vmovups_store(Mem m, int s) { vex(1, 0, true, false, 0x11, s, 0, VecOperand::m(m)); }
    // 128-bit helpers for narrowing stores.
    void vextracti128_high(int xmm_d, int ymm_s) {  // xmm_d = upper half of ymm_s
        vex(3, 1, true, false, 0x39, ymm_s, 0, VecOperand::r(xmm_d));
        byte(1);
    }
    // 256-bit packs work within each 128-bit half; vpermq/vpermd restore the order.
    void vpackusdw(int d, int s1, int s2) { vex(2, 1, true, false, 0x2b, d, s1, VecOperand::r(s2)); }
    void vpackuswb(int d, int s1, int s2) { vex(1, 1, true, false, 0x67, d, s1, VecOperand::r(s2)); }
    void vpermq(int d, int s, std::uint8_t order) {  // 64-bit lanes of s picked by order's 2-bit fields
        vex(3, 1, true, true, 0x00, d, 0, VecOperand::r(s));
        byte(order);
    }
    void vpermd(int d, int index, VecOperand s) { vex(2, 1, true, false, 0x36, d, index, s); }  // d[i] = s[index[i]]
    void vmovdqu_store(Mem m, int s) { vex(1, 2, true, false, 0x7f, s, 0, VecOperand::m(m)); }
    void vpackusdw_xmm(int d, int s1, int s2) { vex(2, 1, false, false, 0x2b, d, s1, VecOperand::r(s2)); }
    void vpackuswb_xmm(int d, int s1, int s2) { vex(1, 1, false, false, 0x67, d, s1, VecOperand::r(s2)); }
    void vmovdqu_store_xmm(Mem m, int s) { vex(1, 2, false, false, 0x7f, s, 0, VecOperand::m(m)); }
    void vmovq_store_xmm(Mem m, int s) { vex(1, 1, false, false, 0xd6, s, 0, VecOperand::m(m)); }
    void vmovd_xmm_from_gpr32(int xmm, Gpr g) { vex(1, 1, false, false, 0x6e, xmm, 0, VecOperand::r(int(g))); }
    // 16-bit integer lanes (the fixed-point kernels).
    void vpmovzxbw(int d, VecOperand s) { vex(2, 1, true, false, 0x30, d, 0, s); }  // 16 bytes -> 16 words
    void vmovdqu_load(int d, VecOperand s) { vex(1, 2, true, false, 0x6f, d, 0, s); }
    void vmovdqa(int d, int s) { vex(1, 1, true, false, 0x6f, d, 0, VecOperand::r(s)); }
    void vpaddw(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xfd, d, s1, s2); }
    void vpsubw(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xf9, d, s1, s2); }
    void vpmullw(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xd5, d, s1, s2); }
    void vpmaxsw(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xee, d, s1, s2); }
    void vpminsw(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xea, d, s1, s2); }
    void vpand(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xdb, d, s1, s2); }
    void vpxor(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xef, d, s1, s2); }
    // 8-bit lanes: rounding-up average (a + b + 1) >> 1, and subtraction.
    void vpavgb(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xe0, d, s1, s2); }
    void vpsubb(int d, int s1, VecOperand s2) { vex(1, 1, true, false, 0xf8, d, s1, s2); }
    // Shifts by an immediate: group 71 /6 (left) and /4 (arithmetic right); the
    // destination is VEX.vvvv.
    void vpsllw(int d, int s, std::uint8_t n) {
        vex(1, 1, true, false, 0x71, 6, d, VecOperand::r(s));
        byte(n);
    }
    void vpsraw(int d, int s, std::uint8_t n) {
        vex(1, 1, true, false, 0x71, 4, d, VecOperand::r(s));
        byte(n);
    }
    void vzeroupper() { code_.insert(code_.end(), {0xc5, 0xf8, 0x77}); }

    // General-purpose instructions (64-bit operand size).
    void push(Gpr g);
    void pop(Gpr g);
    void mov(Gpr d, Gpr s);                  // d = s
    void mov_load(Gpr d, Mem m);             // d = [m]
    void mov_store(Mem m, Gpr s);            // [m] = s
    void mov_imm64(Gpr d, std::uint64_t v);  // d = v
    void lea(Gpr d, Mem m);
    void add_imm(Gpr d, std::int32_t v);
    void sub_imm(Gpr d, std::int32_t v);
    void and_imm(Gpr d, std::int32_t v);
    void cmp_load(Gpr a, Mem m);  // flags of a - [m]
    void cmp(Gpr a, Gpr b);       // flags of a - b
    void call(Gpr target);
    void ret() { byte(0xc3); }
    // Conditional jumps on signed comparison results; the target is a position already
    // emitted (backward) or patched later with bind().
    std::size_t jl(std::size_t target = 0) { return jcc(0x8c, target); }
    std::size_t jge(std::size_t target = 0) { return jcc(0x8d, target); }
    void bind(std::size_t jump_site);  // the jump emitted at jump_site goes to position()
    // Overwrites the 32-bit immediate ending at position `end` (an instruction emitted
    // before its value was known, such as the frame size).
    void patch_imm32(std::size_t end, std::uint32_t v);

private:
    void byte(std::uint8_t b) { code_.push_back(b); }
    void dword(std::uint32_t v);
    // VEX three-byte form: map 1 = 0F, 2 = 0F38, 3 = 0F3A; pp 0 = none, 1 = 66, 2 = F3.
    void vex(int map, int pp, bool l256, bool w, std::uint8_t opcode, int reg, int vvvv, const VecOperand& rm);
    // REX.W + opcode + ModR/M for a general-purpose reg and a memory or register operand.
    void rex_op(std::uint8_t opcode, int reg, const VecOperand& rm, bool two_byte_0f = false);
    void modrm(int reg, const VecOperand& rm);
    std::size_t jcc(std::uint8_t cc, std::size_t target);

    std::vector<std::uint8_t> code_;
};

}  // namespace rigor::pixel::expr::jit::x86
