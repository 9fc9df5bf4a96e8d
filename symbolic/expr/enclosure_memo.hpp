// Certified enclosures (interval.hpp) already computed, by function and argument.  The
// searches of analysis.cpp evaluate the same function at the same rationals again and
// again: a grid's rows share every function of one input (asin(x / 2) takes 64 values on
// a 64 × 64 grid), a bisected box shares two ends of each input with its halves.  The
// enclosure of f at a is a pure function of (f, a), so a memo returns the very same
// bounds: the results, their soundness and their text are unchanged, only faster.
// One memo per analysis (a value, passed by reference; no global state).
#pragma once
#include <cln/rational.h>
#include <cstdint>
#include <map>
#include <optional>

#include "symbolic/expr/interval.hpp"

namespace rigor::symbolic::expr {

class EnclosureMemo {
public:
    enum class Function : std::uint8_t { Sqrt, Exp, Log, Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Pow };

    // compute() → std::optional<Enclosure>, called only the first time (f, a, b) is asked.
    template <class Compute>
    std::optional<Enclosure> get(Function f, const cln::cl_RA& a, const cln::cl_RA& b, Compute compute) {
        Key key{f, a, b};
        auto it = known_.find(key);
        if (it == known_.end()) it = known_.emplace(std::move(key), compute()).first;
        return it->second;
    }
    std::size_t size() const { return known_.size(); }

private:
    struct Key {
        Function f;
        cln::cl_RA a, b;  // b: the second argument of atan2 and pow, else 0
    };
    struct Less {
        bool operator()(const Key& p, const Key& q) const {
            if (p.f != q.f) return p.f < q.f;
            if (int c = cln::compare(p.a, q.a)) return c < 0;
            return cln::compare(p.b, q.b) < 0;
        }
    };
    std::map<Key, std::optional<Enclosure>, Less> known_;
};

}  // namespace rigor::symbolic::expr
