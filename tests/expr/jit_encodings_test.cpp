// The instruction encodings of the Expr code generators (pixel/expr/jit/x86_code.hpp, on
// Xbyak): every form they write, against the bytes of the GNU assembler.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "pixel/expr/jit/x86_code.hpp"

using namespace rigor;

TEST_CASE("x86 encodings equal the GNU assembler's", "[jit]") {
    using namespace pixel::expr::jit;
    using namespace Xbyak::util;
    using V = std::vector<std::uint8_t>;
    auto bytes = [](void (*emit)(CodeBuffer&)) {
        CodeBuffer c;
        emit(c);
        return c.finish();
    };
    // Every instruction form the generators write (registers beyond 7 for the VEX and REX
    // extension bits, rsp and r13 bases, scaled indices, 8- and 32-bit displacements), as
    // Xbyak encodes it through x86_code.hpp.  Expected bytes: GNU as (.intel_syntax
    // noprefix) on the text beside them.  Where as would pick another encoding of the same
    // instruction, the text names the form Xbyak writes: `{load}` for a register move
    // whose destination only has no 2-byte VEX form (as would swap to the store opcode
    // 7F), `mov edx, 32` for mov(rdx, 32) (Xbyak writes the 32-bit form, which
    // zero-extends to the same value; as keeps `mov rdx, 32` as REX.W C7).
    struct Form {
        const char* gnu;
        V expected;
        void (*emit)(CodeBuffer&);
    };
    const Form forms[] = {
        {"vaddps ymm0, ymm1, ymm2", {0xc5, 0xf4, 0x58, 0xc2},
         [](CodeBuffer& c) { c.vaddps(ymm(0), ymm(1), VecOperand::r(2)); }},
        {"vmulps ymm9, ymm12, [rsp+0x100]", {0xc5, 0x1c, 0x59, 0x8c, 0x24, 0x00, 0x01, 0x00, 0x00},
         [](CodeBuffer& c) { c.vmulps(ymm(9), ymm(12), VecOperand::m(mem(rsp, 0x100))); }},
        {"vsubps ymm3, ymm4, [rsp+0x40]", {0xc5, 0xdc, 0x5c, 0x5c, 0x24, 0x40},
         [](CodeBuffer& c) { c.vsubps(ymm(3), ymm(4), VecOperand::m(mem(rsp, 0x40))); }},
        {"vdivps ymm13, ymm14, ymm8", {0xc4, 0x41, 0x0c, 0x5e, 0xe8},
         [](CodeBuffer& c) { c.vdivps(ymm(13), ymm(14), VecOperand::r(8)); }},
        {"vminps ymm15, ymm2, [r13+r12*4+0x20]", {0xc4, 0x01, 0x6c, 0x5d, 0x7c, 0xa5, 0x20},
         [](CodeBuffer& c) { c.vminps(ymm(15), ymm(2), VecOperand::m(mem(r13, 0x20, r12, 4))); }},
        {"vmaxps ymm1, ymm15, [rsp+0x2c0]", {0xc5, 0x84, 0x5f, 0x8c, 0x24, 0xc0, 0x02, 0x00, 0x00},
         [](CodeBuffer& c) { c.vmaxps(ymm(1), ymm(15), VecOperand::m(mem(rsp, 0x2c0))); }},
        {"vandps ymm5, ymm5, ymm15", {0xc4, 0xc1, 0x54, 0x54, 0xef},
         [](CodeBuffer& c) { c.vandps(ymm(5), ymm(5), VecOperand::r(15)); }},
        {"vorps ymm15, ymm15, ymm14", {0xc4, 0x41, 0x04, 0x56, 0xfe},
         [](CodeBuffer& c) { c.vorps(ymm(15), ymm(15), VecOperand::r(14)); }},
        {"vxorps ymm7, ymm7, ymm11", {0xc4, 0xc1, 0x44, 0x57, 0xfb},
         [](CodeBuffer& c) { c.vxorps(ymm(7), ymm(7), VecOperand::r(11)); }},
        {"vcmpps ymm15, ymm3, ymm4, 0x1e", {0xc5, 0x64, 0xc2, 0xfc, 0x1e},
         [](CodeBuffer& c) { c.vcmpps(ymm(15), ymm(3), VecOperand::r(4), imm(Cmp::Gt)); }},
        {"vcmpps ymm12, ymm8, [rsp+0x1e0], 3", {0xc5, 0x3c, 0xc2, 0xa4, 0x24, 0xe0, 0x01, 0x00, 0x00, 0x03},
         [](CodeBuffer& c) { c.vcmpps(ymm(12), ymm(8), VecOperand::m(mem(rsp, 0x1e0)), imm(Cmp::Unord)); }},
        {"vfmadd213ps ymm10, ymm9, [rsp+0x2a0]", {0xc4, 0x62, 0x35, 0xa8, 0x94, 0x24, 0xa0, 0x02, 0x00, 0x00},
         [](CodeBuffer& c) { c.vfmadd213ps(ymm(10), ymm(9), VecOperand::m(mem(rsp, 0x2a0))); }},
        {"vfmadd231ps ymm8, ymm12, [rsp+0x300]", {0xc4, 0x62, 0x1d, 0xb8, 0x84, 0x24, 0x00, 0x03, 0x00, 0x00},
         [](CodeBuffer& c) { c.vfmadd231ps(ymm(8), ymm(12), VecOperand::m(mem(rsp, 0x300))); }},
        {"vpslld ymm11, ymm10, 23", {0xc4, 0xc1, 0x25, 0x72, 0xf2, 0x17},
         [](CodeBuffer& c) { c.vpslld(ymm(11), ymm(10), 23); }},
        {"vpsrld ymm11, ymm10, 23", {0xc4, 0xc1, 0x25, 0x72, 0xd2, 0x17},
         [](CodeBuffer& c) { c.vpsrld(ymm(11), ymm(10), 23); }},
        {"vsqrtps ymm0, ymm14", {0xc4, 0xc1, 0x7c, 0x51, 0xc6},
         [](CodeBuffer& c) { c.vsqrtps(ymm(0), VecOperand::r(14)); }},
        {"vroundps ymm1, [r14+r12*4-0x18], 9", {0xc4, 0x83, 0x7d, 0x08, 0x4c, 0xa6, 0xe8, 0x09},
         [](CodeBuffer& c) { c.vroundps(ymm(1), VecOperand::m(mem(r14, -0x18, r12, 4)), imm(Rounding::Down)); }},
        {"vblendvps ymm1, ymm2, ymm3, ymm15", {0xc4, 0xe3, 0x6d, 0x4a, 0xcb, 0xf0},
         [](CodeBuffer& c) { c.vblendvps(ymm(1), ymm(2), VecOperand::r(3), ymm(15)); }},
        {"vblendvps ymm11, ymm11, [rsp+0x160], ymm12", {0xc4, 0x63, 0x25, 0x4a, 0x9c, 0x24, 0x60, 0x01, 0x00, 0x00, 0xc0},
         [](CodeBuffer& c) { c.vblendvps(ymm(11), ymm(11), VecOperand::m(mem(rsp, 0x160)), ymm(12)); }},
        {"vcvtdq2ps ymm0, ymm0", {0xc5, 0xfc, 0x5b, 0xc0},
         [](CodeBuffer& c) { c.vcvtdq2ps(ymm(0), VecOperand::r(0)); }},
        {"vcvtps2dq ymm2, ymm2", {0xc5, 0xfd, 0x5b, 0xd2},
         [](CodeBuffer& c) { c.vcvtps2dq(ymm(2), VecOperand::r(2)); }},
        {"vcvttps2dq ymm10, ymm10", {0xc4, 0x41, 0x7e, 0x5b, 0xd2},
         [](CodeBuffer& c) { c.vcvttps2dq(ymm(10), VecOperand::r(10)); }},
        {"vpaddd ymm15, ymm15, [rsp+0x120]", {0xc5, 0x05, 0xfe, 0xbc, 0x24, 0x20, 0x01, 0x00, 0x00},
         [](CodeBuffer& c) { c.vpaddd(ymm(15), ymm(15), VecOperand::m(mem(rsp, 0x120))); }},
        {"vpsubd ymm10, ymm10, [rsp+0x1a0]", {0xc5, 0x2d, 0xfa, 0x94, 0x24, 0xa0, 0x01, 0x00, 0x00},
         [](CodeBuffer& c) { c.vpsubd(ymm(10), ymm(10), VecOperand::m(mem(rsp, 0x1a0))); }},
        {"vpcmpeqd ymm15, ymm13, [rsp+0x1c0]", {0xc5, 0x15, 0x76, 0xbc, 0x24, 0xc0, 0x01, 0x00, 0x00},
         [](CodeBuffer& c) { c.vpcmpeqd(ymm(15), ymm(13), VecOperand::m(mem(rsp, 0x1c0))); }},
        {"vpor ymm12, ymm12, [rsp+0x260]", {0xc5, 0x1d, 0xeb, 0xa4, 0x24, 0x60, 0x02, 0x00, 0x00},
         [](CodeBuffer& c) { c.vpor(ymm(12), ymm(12), VecOperand::m(mem(rsp, 0x260))); }},
        {"vpand ymm12, ymm10, [rsp+0x240]", {0xc5, 0x2d, 0xdb, 0xa4, 0x24, 0x40, 0x02, 0x00, 0x00},
         [](CodeBuffer& c) { c.vpand(ymm(12), ymm(10), VecOperand::m(mem(rsp, 0x240))); }},
        {"vpxor ymm13, ymm13, ymm13", {0xc4, 0x41, 0x15, 0xef, 0xed},
         [](CodeBuffer& c) { c.vpxor(ymm(13), ymm(13), VecOperand::r(13)); }},
        {"vpmovzxbd ymm0, [r13+r12*1]", {0xc4, 0x82, 0x7d, 0x31, 0x44, 0x25, 0x00},
         [](CodeBuffer& c) { c.vpmovzxbd(ymm(0), VecOperand::m(mem(r13, 0, r12, 1))); }},
        {"vpmovzxwd ymm1, [r10+r12*2-6]", {0xc4, 0x82, 0x7d, 0x33, 0x4c, 0x62, 0xfa},
         [](CodeBuffer& c) { c.vpmovzxwd(ymm(1), VecOperand::m(mem(r10, -6, r12, 2))); }},
        {"vpbroadcastd ymm15, xmm15", {0xc4, 0x42, 0x7d, 0x58, 0xff},
         [](CodeBuffer& c) { c.vpbroadcastd(ymm(15), xmm(15)); }},
        {"vbroadcastss ymm15, [rax+0x94]", {0xc4, 0x62, 0x7d, 0x18, 0xb8, 0x94, 0x00, 0x00, 0x00},
         [](CodeBuffer& c) { c.vbroadcastss(ymm(15), mem(rax, 0x94)); }},
        {"vmovups ymm15, [rax+0x20]", {0xc5, 0x7c, 0x10, 0x78, 0x20},
         [](CodeBuffer& c) { c.vmovups(ymm(15), VecOperand::m(mem(rax, 0x20))); }},
        {"vmovups [rsp+0x120], ymm15", {0xc5, 0x7c, 0x11, 0xbc, 0x24, 0x20, 0x01, 0x00, 0x00},
         [](CodeBuffer& c) { c.vmovups(mem(rsp, 0x120), ymm(15)); }},
        {"vmovups [rbx+r12*4+0x20], ymm3", {0xc4, 0xa1, 0x7c, 0x11, 0x5c, 0xa3, 0x20},
         [](CodeBuffer& c) { c.vmovups(mem(rbx, 0x20, r12, 4), ymm(3)); }},
        {"vextracti128 xmm14, ymm0, 1", {0xc4, 0xc3, 0x7d, 0x39, 0xc6, 0x01},
         [](CodeBuffer& c) { c.vextracti128(xmm(14), ymm(0), 1); }},
        {"vpackusdw ymm0, ymm0, ymm1", {0xc4, 0xe2, 0x7d, 0x2b, 0xc1},
         [](CodeBuffer& c) { c.vpackusdw(ymm(0), ymm(0), ymm(1)); }},
        {"vpackuswb ymm0, ymm0, ymm2", {0xc5, 0xfd, 0x67, 0xc2},
         [](CodeBuffer& c) { c.vpackuswb(ymm(0), ymm(0), ymm(2)); }},
        {"vpackusdw xmm0, xmm0, xmm14", {0xc4, 0xc2, 0x79, 0x2b, 0xc6},
         [](CodeBuffer& c) { c.vpackusdw(xmm(0), xmm(0), xmm(14)); }},
        {"vpackuswb xmm0, xmm0, xmm0", {0xc5, 0xf9, 0x67, 0xc0},
         [](CodeBuffer& c) { c.vpackuswb(xmm(0), xmm(0), xmm(0)); }},
        {"vpermq ymm4, ymm4, 0xd8", {0xc4, 0xe3, 0xfd, 0x00, 0xe4, 0xd8},
         [](CodeBuffer& c) { c.vpermq(ymm(4), ymm(4), 0xd8); }},
        {"vpermd ymm0, ymm1, ymm0", {0xc4, 0xe2, 0x75, 0x36, 0xc0},
         [](CodeBuffer& c) { c.vpermd(ymm(0), ymm(1), VecOperand::r(0)); }},
        {"vmovdqu [rbx+r12*2], ymm0", {0xc4, 0xa1, 0x7e, 0x7f, 0x04, 0x63},
         [](CodeBuffer& c) { c.vmovdqu(mem(rbx, 0, r12, 2), ymm(0)); }},
        {"vmovdqu [rbx+r12*1], xmm0", {0xc4, 0xa1, 0x7a, 0x7f, 0x04, 0x23},
         [](CodeBuffer& c) { c.vmovdqu(mem(rbx, 0, r12, 1), xmm(0)); }},
        {"vmovq [rbx+r12*1], xmm0", {0xc4, 0xa1, 0x79, 0xd6, 0x04, 0x23},
         [](CodeBuffer& c) { c.vmovq(mem(rbx, 0, r12, 1), xmm(0)); }},
        {"vmovd xmm15, r12d", {0xc4, 0x41, 0x79, 0x6e, 0xfc},
         [](CodeBuffer& c) { c.vmovd(xmm(15), r12.cvt32()); }},
        {"vmovdqa ymm13, ymm0", {0xc5, 0x7d, 0x6f, 0xe8},
         [](CodeBuffer& c) { c.vmovdqa(ymm(13), ymm(0)); }},
        {"{load} vmovdqa ymm0, ymm13", {0xc4, 0xc1, 0x7d, 0x6f, 0xc5},
         [](CodeBuffer& c) { c.vmovdqa(ymm(0), ymm(13)); }},
        {"vmovdqu ymm2, [r13+r12*2+2]", {0xc4, 0x81, 0x7e, 0x6f, 0x54, 0x65, 0x02},
         [](CodeBuffer& c) { c.vmovdqu(ymm(2), VecOperand::m(mem(r13, 2, r12, 2))); }},
        {"vpmovzxbw ymm0, [r13+r12*1-3]", {0xc4, 0x82, 0x7d, 0x30, 0x44, 0x25, 0xfd},
         [](CodeBuffer& c) { c.vpmovzxbw(ymm(0), VecOperand::m(mem(r13, -3, r12, 1))); }},
        {"vpaddw ymm2, ymm0, ymm1", {0xc5, 0xfd, 0xfd, 0xd1},
         [](CodeBuffer& c) { c.vpaddw(ymm(2), ymm(0), VecOperand::r(1)); }},
        {"vpsubw ymm2, ymm15, [rbp+0x40]", {0xc5, 0x85, 0xf9, 0x55, 0x40},
         [](CodeBuffer& c) { c.vpsubw(ymm(2), ymm(15), VecOperand::m(mem(rbp, 0x40))); }},
        {"vpmullw ymm3, ymm3, [rbp]", {0xc5, 0xe5, 0xd5, 0x5d, 0x00},
         [](CodeBuffer& c) { c.vpmullw(ymm(3), ymm(3), VecOperand::m(mem(rbp, 0))); }},
        {"vpmaxsw ymm4, ymm4, [rbp+0x20]", {0xc5, 0xdd, 0xee, 0x65, 0x20},
         [](CodeBuffer& c) { c.vpmaxsw(ymm(4), ymm(4), VecOperand::m(mem(rbp, 0x20))); }},
        {"vpminsw ymm15, ymm5, ymm6", {0xc5, 0x55, 0xea, 0xfe},
         [](CodeBuffer& c) { c.vpminsw(ymm(15), ymm(5), VecOperand::r(6)); }},
        {"vpsllw ymm15, ymm2, 3", {0xc5, 0x85, 0x71, 0xf2, 0x03},
         [](CodeBuffer& c) { c.vpsllw(ymm(15), ymm(2), 3); }},
        {"vpsraw ymm1, ymm9, 2", {0xc4, 0xc1, 0x75, 0x71, 0xe1, 0x02},
         [](CodeBuffer& c) { c.vpsraw(ymm(1), ymm(9), 2); }},
        {"vpavgb ymm2, ymm0, ymm1", {0xc5, 0xfd, 0xe0, 0xd1},
         [](CodeBuffer& c) { c.vpavgb(ymm(2), ymm(0), VecOperand::r(1)); }},
        {"vpsubb ymm2, ymm2, ymm0", {0xc5, 0xed, 0xf8, 0xd0},
         [](CodeBuffer& c) { c.vpsubb(ymm(2), ymm(2), VecOperand::r(0)); }},
        {"vzeroupper", {0xc5, 0xf8, 0x77},
         [](CodeBuffer& c) { c.vzeroupper(); }},
        {"push rbp", {0x55},
         [](CodeBuffer& c) { c.push(rbp); }},
        {"push r15", {0x41, 0x57},
         [](CodeBuffer& c) { c.push(r15); }},
        {"pop rbx", {0x5b},
         [](CodeBuffer& c) { c.pop(rbx); }},
        {"pop r12", {0x41, 0x5c},
         [](CodeBuffer& c) { c.pop(r12); }},
        {"mov rbp, rsp", {0x48, 0x89, 0xe5},
         [](CodeBuffer& c) { c.mov(rbp, rsp); }},
        {"and rsp, -32", {0x48, 0x83, 0xe4, 0xe0},
         [](CodeBuffer& c) { c.and_(rsp, -32); }},
        {"sub rsp, 0x10000", {0x48, 0x81, 0xec, 0x00, 0x00, 0x01, 0x00},
         [](CodeBuffer& c) { c.sub(rsp, 0x10000); }},
        {"mov rax, [rdi]", {0x48, 0x8b, 0x07},
         [](CodeBuffer& c) { c.mov(rax, mem(rdi, 0)); }},
        {"mov r13, [rax+8]", {0x4c, 0x8b, 0x68, 0x08},
         [](CodeBuffer& c) { c.mov(r13, mem(rax, 8)); }},
        {"mov r10, [rdi+0x20]", {0x4c, 0x8b, 0x57, 0x20},
         [](CodeBuffer& c) { c.mov(r10, mem(rdi, 0x20)); }},
        {"mov [rsp+0x100], r10", {0x4c, 0x89, 0x94, 0x24, 0x00, 0x01, 0x00, 0x00},
         [](CodeBuffer& c) { c.mov(mem(rsp, 0x100), r10); }},
        {"mov rbx, [rdi+8]", {0x48, 0x8b, 0x5f, 0x08},
         [](CodeBuffer& c) { c.mov(rbx, mem(rdi, 8)); }},
        {"mov rbp, [rdi+0x10]", {0x48, 0x8b, 0x6f, 0x10},
         [](CodeBuffer& c) { c.mov(rbp, mem(rdi, 0x10)); }},
        {"lea rdi, [rsp]", {0x48, 0x8d, 0x3c, 0x24},
         [](CodeBuffer& c) { c.lea(rdi, mem(rsp, 0)); }},
        {"lea rsi, [rsp+0x80]", {0x48, 0x8d, 0xb4, 0x24, 0x80, 0x00, 0x00, 0x00},
         [](CodeBuffer& c) { c.lea(rsi, mem(rsp, 0x80)); }},
        {"lea rsp, [rbp-40]", {0x48, 0x8d, 0x65, 0xd8},
         [](CodeBuffer& c) { c.lea(rsp, mem(rbp, -40)); }},
        {"mov edx, 32", {0xba, 0x20, 0x00, 0x00, 0x00},
         [](CodeBuffer& c) { c.mov(rdx, std::uint64_t(32)); }},
        {"movabs rax, 0x123456789abcdef0", {0x48, 0xb8, 0xf0, 0xde, 0xbc, 0x9a, 0x78, 0x56, 0x34, 0x12},
         [](CodeBuffer& c) { c.mov(rax, std::uint64_t(0x123456789abcdef0)); }},
        {"call rax", {0xff, 0xd0},
         [](CodeBuffer& c) { c.call(rax); }},
        {"cmp r12, [rsp+0x100]", {0x4c, 0x3b, 0xa4, 0x24, 0x00, 0x01, 0x00, 0x00},
         [](CodeBuffer& c) { c.cmp(r12, mem(rsp, 0x100)); }},
        {"cmp r12, r11", {0x4d, 0x39, 0xdc},
         [](CodeBuffer& c) { c.cmp(r12, r11); }},
        {"add r12, 32", {0x49, 0x83, 0xc4, 0x20},
         [](CodeBuffer& c) { c.add(r12, 32); }},
        {"add r12, 64", {0x49, 0x83, 0xc4, 0x40},
         [](CodeBuffer& c) { c.add(r12, 64); }},
        {"ret", {0xc3},
         [](CodeBuffer& c) { c.ret(); }},
    };
    for (const Form& f : forms) {
        INFO(f.gnu);
        CHECK(bytes(f.emit) == f.expected);
    }
    // Jumps: forward to a label, 32-bit displacement (`{disp32} jge 1f; nop; 1:`), and
    // backward, short (`1: nop; jl 1b`); the frame size patched into `sub rsp, imm32` (the
    // immediate stays 32-bit whatever the size).
    CHECK(bytes([](CodeBuffer& c) {
              Xbyak::Label l;
              c.jge(l, Xbyak::CodeGenerator::T_NEAR);
              c.nop();
              c.L(l);
          }) == V{0x0f, 0x8d, 0x01, 0x00, 0x00, 0x00, 0x90});
    CHECK(bytes([](CodeBuffer& c) {
              Xbyak::Label l;
              c.L(l);
              c.nop();
              c.jl(l);
          }) == V{0x90, 0x7c, 0xfd});
    CHECK(bytes([](CodeBuffer& c) {
              c.sub(rsp, 0x10000);
              c.rewrite(c.getSize() - 4, 0x2a0, 4);
          }) == V{0x48, 0x81, 0xec, 0xa0, 0x02, 0x00, 0x00});  // sub rsp, 0x2a0
}
