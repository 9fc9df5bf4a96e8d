// Where each vector of each node's value lives while a binary32 kernel is generated: a
// value register (ymm0..13), a vector slot of the frame (float_frame.hpp), or, for a
// float sample of a row kept in a register, the source row itself.  Registers are given
// on demand; under pressure the value whose next use is furthest away (Belady's rule,
// the schedule being known) gives up its register, stored to its slot first unless the
// slot already holds it.  The frame's slots also hold the pool (constant vectors and
// broadcast scalars) and the uniforms, which are always valid there.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include <xbyak/xbyak.h>

#include "filters/expr/ir.hpp"
#include "pixel/expr/jit/float_frame.hpp"
#include "pixel/expr/jit/kernel_abi.hpp"
#include "pixel/expr/jit/schedule.hpp"
#include "pixel/expr/jit/x86_code.hpp"

namespace rigor::pixel::expr::jit {

class FloatRegisters {
public:
    // Where one vector of a node's value is.
    struct Value {
        int reg = -1;             // ymm holding it, or -1
        int slot = -1;            // its vector slot in the frame, or -1
        bool slot_valid = false;  // the slot holds the value (row-invariant slots always do)
        // A float sample read where it lies (row in r13..r15): spilling it stores nothing,
        // later uses read the source row again.
        std::optional<Xbyak::Address> source;
    };

    // For the nodes of e computed in sched's order, `unroll` vectors per iteration;
    // spills are written to `code`.
    FloatRegisters(const rigor::expr::Expr& e, const Schedule& sched, int unroll, CodeBuffer& code);

    Value& value(rigor::expr::NodeId i, int u) { return values_[vid(i, u)]; }
    const Value& value(rigor::expr::NodeId i, int u) const { return values_[vid(i, u)]; }
    // Vector u of node i as an operand: its register, its source row or its slot.
    VecOperand operand(rigor::expr::NodeId i, int u) const;
    // The operand in a register: its own, or loaded into `scratch`.
    int in_register(rigor::expr::NodeId i, int u, int scratch);
    // A free value register for vector u of node i, computed at `position`; under
    // pressure a value is spilled (never an argument of the node being computed).
    int allocate(rigor::expr::NodeId i, int u, int position);
    // Frees the registers of vector u of the arguments of i whose last use is
    // `position`.  Their operands stay readable in this vector's instructions: every
    // sequence reads all arguments before it first writes the destination.
    void release_dying(rigor::expr::NodeId i, int u, int position);
    // Frees the register of vector u of node a if it still holds it.
    void release(rigor::expr::NodeId a, int u);
    void spill(int reg);
    // Every live value to its slot (before a call: every ymm register is caller-saved).
    void spill_all();
    // Frees every value register for an inline operation of node i: its arguments first,
    // even those read for the last time here (the inline code reads them from their
    // slots after it has taken every register), then every other live value.
    void clear_for_inline(rigor::expr::NodeId i, int position);
    // Registers an inline operation takes as temporaries, and gives back.
    void hold(int reg) { owner_[reg] = held_; }
    void give_back(int reg) { owner_[reg] = -1; }
    bool holds(int reg, rigor::expr::NodeId i, int u) const { return owner_[reg] == int(vid(i, u)); }

    // The frame: vector slots start at `offset` bytes (after the row pointers).
    void set_first_vector(int offset) { first_vector_ = offset; }
    Xbyak::Address slot(int s) const { return mem(Xbyak::util::rsp, first_vector_ + 32 * s); }
    // A slot of its own (a spill, a uniform, an order statistic's result).
    int new_slot() { return next_slot_++; }
    // Node i is the same for every pixel and kept in `slot` (a constant, a uniform).
    void place_in_slot(rigor::expr::NodeId i, int slot);
    // The pool's scalars: add (each value once, in pool order) before code is emitted,
    // then slots for other uses start after them.
    int add_scalar(std::vector<float>& pool, float v);
    int scalar_count() const { return scalar_count_; }
    void start_slots_after_pool() { next_slot_ = kPoolVectors + scalar_count_; }
    // The broadcast slot of a pool scalar.
    VecOperand scalar_bits(std::uint32_t bits) const;
    VecOperand scalar(float v) const;
    // Bytes of the frame up to the last slot.
    int frame_bytes() const { return first_vector_ + 32 * next_slot_; }

private:
    // Value index of vector u (pixels 8u..8u+7 of the iteration) of node i.
    std::size_t vid(rigor::expr::NodeId i, int u) const {
        return std::size_t(i) * std::size_t(unroll_) + std::size_t(u);
    }

    const rigor::expr::Expr& e_;
    const Schedule& sched_;
    int unroll_;
    CodeBuffer& code_;
    std::vector<Value> values_;
    int owner_[16] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};  // value index
    int held_;  // owner of a temporary: no value
    int first_vector_ = 0;
    int next_slot_ = 0;
    std::map<std::uint32_t, int> scalar_slot_;  // bits of a pool scalar -> its slot
    int scalar_count_ = 0;
};

}  // namespace rigor::pixel::expr::jit
