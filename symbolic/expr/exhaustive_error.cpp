#include "symbolic/expr/exhaustive_error.hpp"

#include <algorithm>
#include <cln/real.h>
#include <cmath>
#include <map>
#include <string>

#include "filters/expr/ir_text.hpp"
#include "filters/expr/point_program.hpp"
#include "symbolic/expr/double_rounding.hpp"
#include "symbolic/expr/exhaustive_range.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/interval_evaluation.hpp"

namespace rigor::symbolic::expr {

std::optional<ExhaustiveError> exhaustive_error(EngineRunner& engine, const rigor::expr::Expr& p,
                                                const std::vector<InputDomain>& domains) {
    for (const InputDomain& d : domains)
        if (d.kind != DomainKind::Integer) return std::nullopt;
    const std::uint64_t total = joint_count(domains);
    if (total > kExhaustiveErrorLimit) return std::nullopt;
    const PointSet points = joint_points(domains, 0, total);
    const std::vector<float> f = engine.values(p.root(), points);
    for (float v : f)
        if (!std::isfinite(v)) return std::nullopt;
    // Every point exactly, in domain order: the first input reaching the largest.  One
    // memo for all (a program's functions meet the same arguments again and again).
    const rigor::expr::Expr whole = rigor::expr::subprogram(p, p.root());
    EnclosureMemo memo;
    std::map<std::string, cln::cl_RA> at;
    std::optional<ExhaustiveError> out;
    for (std::size_t i = 0; i < total; ++i) {
        for (std::size_t k = 0; k < points.inputs(); ++k) at[rigor::expr::clip_name(int(k))] = binary32_rational(points.columns[k][i]);
        const PointValue real = evaluate_at(whole, at, memo);
        if (!real.value || !real.exact) return std::nullopt;  // undefined, or not a rational
        const cln::cl_RA error = cln::abs(binary32_rational(f[i]) - *real.value);
        if (!out || out->largest < error) out = ExhaustiveError{error, 0, 0, points.point(i)};
    }
    if (out) out->below = double_at_most(out->largest), out->above = double_at_least(out->largest);
    return out;
}

}  // namespace rigor::symbolic::expr
