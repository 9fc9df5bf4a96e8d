// Certified enclosures (interval.hpp) already computed, by function and argument.  The
// searches of analysis.cpp evaluate the same function at the same rationals again and
// again: a grid's rows share every function of one input (asin(x / 2) takes 64 values on
// a 64 × 64 grid), a bisected box shares two ends of each input with its halves.  The
// enclosure of f at a is a pure function of (f, a), so a memo returns the very same
// bounds: the results, their soundness and their text are unchanged, only faster.
// One memo per analysis (a value, passed by reference; no global state).
// Kept by hash: the arguments met deep in a program are rationals of hundreds of bits,
// and an ordered map's comparisons of them (cross products of numerators and
// denominators) cost more than the enclosures they saved; equality of two rationals in
// lowest terms is a comparison of their digits.
#pragma once
#include <cln/integer.h>
#include <cln/rational.h>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>

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
    struct Equal {
        bool operator()(const Key& p, const Key& q) const { return p.f == q.f && cln::equal(p.a, q.a) && cln::equal(p.b, q.b); }
    };
    // The leading and the low 64 bits and the length of numerator and denominator: the
    // arguments of one analysis share leading bits (neighbouring grid points) or low bits
    // (the ends r ± (2^-266 + 2^k) of enclosures all end in ...1111 or ...0001).
    struct Hash {
        static std::size_t of(const cln::cl_I& n) {
            const cln::cl_I m = cln::abs(n);
            const uintC length = cln::integer_length(m);
            const std::uint64_t low = cln::cl_I_to_UQ(cln::ldb(m, cln::cl_byte(64, 0)));
            const std::uint64_t top = length > 64 ? cln::cl_I_to_UQ(cln::ldb(m, cln::cl_byte(64, length - 64))) : 0;
            return std::size_t(low ^ (top * 0x9e3779b97f4a7c15u) ^ (std::uint64_t(length) << 1) ^ (cln::minusp(n) ? 1u : 0u));
        }
        static std::size_t of(const cln::cl_RA& r) { return of(cln::numerator(r)) * 31 + of(cln::denominator(r)); }
        std::size_t operator()(const Key& k) const { return (of(k.a) * 1000003u + of(k.b)) * 16 + std::size_t(k.f); }
    };
    std::unordered_map<Key, std::optional<Enclosure>, Hash, Equal> known_;
};

}  // namespace rigor::symbolic::expr
