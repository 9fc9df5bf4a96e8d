// The binary32 code generator (generate_float_kernel, generated_kernel.hpp): one class,
// its parts in files of their own: the graph's preparation and the function around the
// loop (float_kernel.cpp), element-wise operations (float_elementwise.cpp), sample loads
// and the result's store (float_samples.cpp), inline sin, cos, exp and log
// (float_transcendental.cpp), pow and % (float_power.cpp), order statistics
// (float_order_statistics.cpp), calls of the interpreter's kernels (float_callouts.cpp);
// values live where FloatRegisters says.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "filters/expr/ir.hpp"
#include "pixel/expr/jit/float_frame.hpp"
#include "pixel/expr/jit/float_registers.hpp"
#include "pixel/expr/jit/generated_kernel.hpp"
#include "pixel/expr/jit/kernel.hpp"
#include "pixel/expr/jit/schedule.hpp"
#include "pixel/expr/jit/x86_code.hpp"
#include "pixel/expr/math_kernels.hpp"

namespace rigor::pixel::expr::jit {

class FloatGenerator {
public:
    FloatGenerator(const rigor::expr::Expr& e, std::span<const SampleLayout> clips, SampleLayout out);
    GeneratedKernel generate();

private:
    using Node = rigor::expr::Node;
    using NodeId = rigor::expr::NodeId;
    using Op = rigor::expr::Op;

    // float_kernel.cpp: the graph before code (Sin/Cos pairs, fused conditions, register
    // uses), the pool, one node's code, the prologue, loop and epilogue.
    void pair_sines_and_cosines();
    void fuse_conditions();
    void count_register_uses();
    void fill_pool(std::vector<float>& constants);
    void emit(int position);
    // float_elementwise.cpp
    void emit_vector(NodeId i, int u, int position);
    static std::optional<Cmp> predicate(Op op);
    // float_samples.cpp
    void emit_load(NodeId i, int u, int position);
    void emit_column(NodeId i, int u, int position);
    void emit_store();
    // float_transcendental.cpp
    void emit_sincos(NodeId first, NodeId sin_node, NodeId cos_node, int position);
    void emit_exp_or_log(NodeId i, int position);
    void emit_exp_sequence(int out);
    void emit_log_sequence(int out);
    void emit_exp_unclamped(int x, int out);
    void emit_log_of_normal(int xs, bool lifted, int out);
    void emit_log_not_plain(int x, int lanes);
    void emit_exp_not_plain(int x, int lanes);
    // float_power.cpp
    void add_power_constants(std::vector<float>& pool);
    void emit_pow(NodeId i, int position);
    void emit_pow_special(NodeId i, float exponent, int position);
    void emit_pow_constant(NodeId i, int position);
    void emit_pow_variable(NodeId i, int position);
    void emit_pow_warm_path(int lanes, NodeId base, NodeId exponent, const std::vector<int>& results);
    void branch_out_where(int lanes, NodeId a, NodeId b,
                          std::function<void(const std::vector<VecOperand>&, const std::vector<VecOperand>&)> body);
    void emit_mod(NodeId i, int position);
    // Vector u of node i from register `reg` to a slot of its own (where later uses
    // read it); returns the slot.
    int result_to_slot(NodeId i, int u, int reg);
    void call_kernel_where(int lanes, MathKernels::Binary f, NodeId a, NodeId b, const std::vector<int>& results,
                           bool registers = false);
    // float_order_statistics.cpp
    void emit_sorted(NodeId i, int position);
    // float_callouts.cpp
    void emit_callout(NodeId i, int position);

    // What the emitters read most, from regs_.
    VecOperand operand(NodeId i, int u) const { return regs_.operand(i, u); }
    int in_register(NodeId i, int u, int scratch) { return regs_.in_register(i, u, scratch); }
    int allocate(NodeId i, int u, int position) { return regs_.allocate(i, u, position); }
    VecOperand scalar(float v) const { return regs_.scalar(v); }
    VecOperand scalar_bits(std::uint32_t bits) const { return regs_.scalar_bits(bits); }
    int row_index(const rigor::expr::Node& n) { return row_slot(rows_, n, clips_[std::size_t(n.clip)].bytes_per_sample); }

    const rigor::expr::Expr& e_;
    std::span<const SampleLayout> clips_;
    SampleLayout out_;
    Schedule sched_;
    int unroll_;
    CodeBuffer a_;
    FloatRegisters regs_;
    std::vector<NodeId> partner_;  // Sin <-> Cos of one operand, else e_.size()
    // Comparisons whose only use is as the condition of a Select: no 0/1 value is made,
    // the Select blends on the comparison's mask (a > b ? 1 : 0 is > 0 exactly when a > b).
    std::vector<char> fused_condition_;
    // How many instructions need each node's value in a register (VEX src1, blend's
    // false operand, call-out arguments); the rest take it as a memory operand.
    std::vector<int> register_uses_;
    std::vector<Kernel::Row> rows_;
    float top_ = 0;  // largest integer output code
    // Code out of the loop, written after the function's return (rare paths such as %'s
    // library lanes), and the labels it jumps between (a deque: their addresses stay).
    std::vector<std::function<void()>> cold_paths_;
    std::deque<Xbyak::Label> labels_;
};

}  // namespace rigor::pixel::expr::jit
