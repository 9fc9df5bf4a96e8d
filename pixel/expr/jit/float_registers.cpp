#include "pixel/expr/jit/float_registers.hpp"

#include <algorithm>
#include <bit>

#include "filters/base/error.hpp"

namespace rigor::pixel::expr::jit {

using rigor::expr::NodeId;

FloatRegisters::FloatRegisters(const rigor::expr::Expr& e, const Schedule& sched, int unroll, CodeBuffer& code)
    : e_(e), sched_(sched), unroll_(unroll), code_(code), values_(e.size() * std::size_t(unroll)),
      held_(int(values_.size())) {}

VecOperand FloatRegisters::operand(NodeId i, int u) const {
    const Value& v = values_[vid(i, u)];
    if (v.reg >= 0) return VecOperand::r(v.reg);
    if (v.source) return VecOperand::m(*v.source);
    return VecOperand::m(slot(v.slot));
}

int FloatRegisters::in_register(NodeId i, int u, int scratch) {
    const Value& v = values_[vid(i, u)];
    if (v.reg >= 0) return v.reg;
    code_.vmovups(ymm(scratch), operand(i, u));
    return scratch;
}

void FloatRegisters::spill(int reg) {
    Value& v = values_[std::size_t(owner_[reg])];
    if (!v.slot_valid && !v.source) {
        if (v.slot < 0) v.slot = next_slot_++;
        code_.vmovups(slot(v.slot), ymm(reg));
        v.slot_valid = true;
    }
    v.reg = -1;
    owner_[reg] = -1;
}

void FloatRegisters::spill_all() {
    for (int r = 0; r < kValueRegisters; ++r)
        if (owner_[r] >= 0) spill(r);
}

int FloatRegisters::allocate(NodeId i, int u, int position) {
    int chosen = -1;
    for (int r = 0; r < kValueRegisters && chosen < 0; ++r)
        if (owner_[r] < 0) chosen = r;
    if (chosen < 0) {
        const auto& current = e_.node(sched_.order[std::size_t(position)]).args;
        int furthest = -1;
        for (int r = 0; r < kValueRegisters; ++r) {
            const NodeId held = NodeId(std::size_t(owner_[r]) / std::size_t(unroll_));
            if (std::find(current.begin(), current.end(), held) != current.end()) continue;
            int next = int(sched_.order.size());
            for (std::size_t p = std::size_t(position) + 1; p < sched_.order.size(); ++p) {
                const auto& args = e_.node(sched_.order[p]).args;
                if (std::find(args.begin(), args.end(), held) != args.end()) {
                    next = int(p);
                    break;
                }
            }
            if (next > furthest) {
                chosen = r;
                furthest = next;
            }
        }
        spill(chosen);
    }
    owner_[chosen] = int(vid(i, u));
    values_[vid(i, u)].reg = chosen;
    return chosen;
}

void FloatRegisters::release(NodeId a, int u) {
    Value& v = values_[vid(a, u)];
    if (v.reg >= 0 && owner_[v.reg] == int(vid(a, u))) owner_[v.reg] = -1;
}

void FloatRegisters::release_dying(NodeId i, int u, int position) {
    for (NodeId a : e_.node(i).args)
        if (sched_.last_use[a] == position) release(a, u);
}

void FloatRegisters::clear_for_inline(NodeId i, int position) {
    for (NodeId arg : e_.node(i).args)
        for (int u = 0; u < unroll_; ++u)
            if (values_[vid(arg, u)].reg >= 0) spill(values_[vid(arg, u)].reg);
    for (int u = 0; u < unroll_; ++u) release_dying(i, u, position);
    spill_all();
}

void FloatRegisters::place_in_slot(NodeId i, int s) {
    for (int u = 0; u < unroll_; ++u) values_[vid(i, u)] = Value{-1, s, true, std::nullopt};
}

int FloatRegisters::add_scalar(std::vector<float>& pool, float v) {
    auto [it, added] = scalar_slot_.try_emplace(std::bit_cast<std::uint32_t>(v), 0);
    if (added) {
        it->second = kPoolVectors + scalar_count_++;
        pool.push_back(v);
    }
    return it->second;
}

VecOperand FloatRegisters::scalar_bits(std::uint32_t bits) const {
    auto it = scalar_slot_.find(bits);
    if (it == scalar_slot_.end()) throw InternalError("Expr JIT: a constant missing from the pool");
    return VecOperand::m(slot(it->second));
}

VecOperand FloatRegisters::scalar(float v) const { return scalar_bits(std::bit_cast<std::uint32_t>(v)); }

}  // namespace rigor::pixel::expr::jit
