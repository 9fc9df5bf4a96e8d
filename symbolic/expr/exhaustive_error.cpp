#include "symbolic/expr/exhaustive_error.hpp"

#include <algorithm>
#include <cln/dfloat.h>
#include <cln/real.h>
#include <cmath>
#include <numeric>

#include "symbolic/expr/exhaustive_range.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/real_evaluator.hpp"

namespace rigor::symbolic::expr {

namespace {

using LD = long double;
using rigor::expr::Op;

// The double nearest r, then stepped down until it is <= r.
double rounded_down(const cln::cl_RA& r) {
    double d = cln::double_approx(r);
    while (r < cln::rational(cln::cl_DF(d))) d = std::nextafter(d, -INFINITY);
    return d;
}

// a and b equal up to what long double may get wrong (relative 2^-48: far above the
// few-ulp error of a short program in a 64-bit significand).
bool close(LD a, LD b) { return std::fabs(a - b) <= (std::fabs(a) + std::fabs(b)) * 0x1p-48L + 0x1p-120L; }
bool near_integer(LD a, LD offset) {
    const LD k = std::nearbyint(a - offset) + offset;
    return close(a, k);
}

// Whether the long-double value at point i may take a decision the other way than the
// real model: a comparison of near-equal values, a truth or a sign of a value near 0, a
// rounding or % near its jump, arg-order statistics of near-equal values.
bool ambiguous(const rigor::expr::Expr& p, const std::vector<std::vector<LD>>& v, std::size_t i) {
    for (const rigor::expr::Node& n : p.nodes()) {
        auto a = [&](std::size_t k) { return v[n.args[k]][i]; };
        switch (n.op) {
            case Op::Gt: case Op::Lt: case Op::Eq: case Op::Ge: case Op::Le:
                if (close(a(0), a(1))) return true;
                break;
            case Op::And: case Op::Or: case Op::Xor:
                if (close(a(0), 0) || close(a(1), 0)) return true;
                break;
            case Op::Not: case Op::Select: case Op::Sign:
                if (close(a(0), 0)) return true;
                break;
            case Op::Trunc: case Op::Floor: case Op::Ceil:
                if (near_integer(a(0), 0)) return true;
                break;
            case Op::Round:  // half to even: the jumps are at half integers
                if (near_integer(a(0), 0.5L)) return true;
                break;
            case Op::BitAnd: case Op::BitOr: case Op::BitXor:
                if (near_integer(a(0), 0.5L) || near_integer(a(1), 0.5L)) return true;
                break;
            case Op::BitNot:
                if (near_integer(a(0), 0.5L)) return true;
                break;
            case Op::Mod:
                if (close(a(1), 0) || near_integer(a(0) / a(1), 0)) return true;
                break;
            case Op::ArgMin: case Op::ArgMax: case Op::ArgSortNth: case Op::SortedNth:
                for (std::size_t j = 0; j < n.args.size(); ++j)
                    for (std::size_t k = j + 1; k < n.args.size(); ++k)
                        if (close(a(j), a(k))) return true;
                break;
            default: break;
        }
    }
    return false;
}

constexpr std::size_t kTopCandidates = 16;  // the largest long-double errors, checked exactly

}  // namespace

std::optional<ExhaustiveError> exhaustive_error(EngineRunner& engine, const rigor::expr::Expr& p,
                                                const std::vector<InputDomain>& domains) {
    for (const InputDomain& d : domains)
        if (d.kind != DomainKind::Integer) return std::nullopt;
    const std::uint64_t total = joint_count(domains);
    if (total > kExhaustiveErrorLimit) return std::nullopt;
    const PointSet points = joint_points(domains, 0, total);
    const std::vector<float> f = engine.values(p.root(), points);
    std::vector<std::vector<LD>> v;
    RealEvaluator(p).evaluate(points, v);
    // Exactly: every point whose decisions long double may take wrongly, and the points of
    // the largest long-double errors (elsewhere long double ranks the errors).
    std::vector<std::size_t> exact;
    std::vector<LD> ld(total);
    for (std::size_t i = 0; i < total; ++i) {
        if (!std::isfinite(f[i])) return std::nullopt;
        ld[i] = std::fabs(LD(f[i]) - v[p.root()][i]);
        if (ambiguous(p, v, i)) exact.push_back(i);
    }
    std::vector<std::size_t> order(total);
    std::iota(order.begin(), order.end(), std::size_t(0));
    const std::size_t top = std::min<std::size_t>(kTopCandidates, total);
    std::partial_sort(order.begin(), order.begin() + long(top), order.end(), [&](std::size_t a, std::size_t b) {
        return ld[a] > ld[b] || (ld[a] == ld[b] && a < b);
    });
    exact.insert(exact.end(), order.begin(), order.begin() + long(top));
    std::sort(exact.begin(), exact.end());
    exact.erase(std::unique(exact.begin(), exact.end()), exact.end());
    std::optional<ExhaustiveError> out;
    for (std::size_t i : exact) {  // in domain order: the first input reaching the largest
        const std::vector<float> at = points.point(i);
        const PointValue real = exact_real(p, p.root(), at);
        if (!real.value || !real.exact) return std::nullopt;  // undefined, or not a rational
        const cln::cl_RA error = cln::abs(binary32_rational(f[i]) - *real.value);
        if (!out || out->largest < error) out = ExhaustiveError{error, 0, at};
    }
    if (out) out->below = rounded_down(out->largest);
    return out;
}

}  // namespace rigor::symbolic::expr
