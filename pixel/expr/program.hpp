// An Expr graph compiled for evaluation: a straight list of instructions on numbered
// registers, each register a block of kBlock floats (one run of pixels of a row).
// Registers are reused once their value is dead, so a program touches few cache lines.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "filters/expr/ir.hpp"

namespace rigor::pixel::expr {

// Largest run of pixels evaluated together (a multiple of any SIMD width).  Every
// instruction is one pass over a block, so its dispatch and loop set-up are paid once per
// block: 1024 floats (4 KiB a register) keep that well below a tenth of an instruction
// per pixel while a program's registers still fit in a 32 KiB L1 cache.
inline constexpr int kBlock = 1024;

struct Instruction {
    rigor::expr::Op op;
    int dst = 0;
    int a = 0, b = 0, c = 0;             // argument registers (unused ones 0)
    std::vector<int> many;               // argument registers of order statistics
    float value = 0;                     // Constant; Pow: the exponent when constant_exponent
    bool constant_exponent = false;      // Pow whose exponent (register b) is a constant
    int clip = 0, dx = 0, dy = 0;        // Load, LoadAbsolute, WindowSum
    int window_width = 0, window_height = 0;  // WindowSum
    rigor::expr::Boundary boundary = rigor::expr::Boundary::Default;
    int rank = 0;                        // SortedNth, ArgSortNth
    int uniform = 0;                     // Property: index into Program::properties
    // Sin of an operand whose Cos is also needed: the cosine goes to register dst2 in
    // the same pass (one shared range reduction and polynomial pair); else -1.
    int dst2 = -1;
};

struct PropertyRef {
    int clip;
    std::string name;
};

struct Program {
    std::vector<Instruction> code;  // constants first (computed once per thread), then the rest
    int constant_count = 0;         // code[0 .. constant_count) are Constant instructions
    int registers = 0;
    int result = 0;                 // register holding the value of the root
    std::vector<PropertyRef> properties;
    // When the whole program is one unshifted sample of a clip (x, after folding x 1 *),
    // its clip index, else -1: the plane may then be converted or copied directly.
    int plain_clip = -1;
};

// Compiles an (optimised) graph.  Never fails for graphs made by rigor::expr::parse.
Program compile(const rigor::expr::Expr& e);

}  // namespace rigor::pixel::expr
