#include "symbolic/expr/real_evaluator.hpp"

#include <algorithm>
#include <cln/dfloat.h>
#include <cln/real.h>
#include <cmath>
#include <cstdlib>

#include "filters/base/error.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/point_program.hpp"
#include "filters/expr/scalar.hpp"

namespace rigor::symbolic::expr {

using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;

namespace {

using LD = long double;
constexpr LD kNaN = __builtin_nanl("");

LD truth(bool b) { return b ? 1 : 0; }
bool is_true(LD v) { return v > 0; }

LD int32_of(LD v) {
    const LD r = std::nearbyintl(v);
    return r >= 2147483647.0L ? 2147483647.0L : r <= -2147483648.0L ? -2147483648.0L : r;
}

LD apply_real(const Node& n, std::span<const LD> a) {
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::isnan(a[i]) && n.op != Op::Select) return kNaN;
    switch (n.op) {
        case Op::Add: return a[0] + a[1];
        case Op::Sub: return a[0] - a[1];
        case Op::Mul: return a[0] * a[1];
        case Op::Div: return a[1] == 0 ? kNaN : a[0] / a[1];
        case Op::Mod: return a[1] == 0 ? kNaN : std::fmod(a[0], a[1]);
        case Op::Pow: {
            const bool integer = std::truncl(a[1]) == a[1];
            if (a[0] < 0 && !integer) return kNaN;
            if (a[0] == 0 && a[1] < 0) return kNaN;
            return std::pow(a[0], a[1]);
        }
        case Op::Max: return std::max(a[0], a[1]);
        case Op::Min: return std::min(a[0], a[1]);
        case Op::Clamp: return std::max(std::min(a[0], a[2]), a[1]);
        case Op::Abs: return std::fabs(a[0]);
        case Op::Sqrt: return a[0] > 0 ? std::sqrt(a[0]) : 0;
        case Op::Exp: return std::exp(a[0]);
        case Op::Log: return a[0] > 0 ? std::log(a[0]) : kNaN;
        case Op::Sin: return std::sin(a[0]);
        case Op::Cos: return std::cos(a[0]);
        case Op::Tan: return std::tan(a[0]);
        case Op::Asin: return std::fabs(a[0]) <= 1 ? std::asin(a[0]) : kNaN;
        case Op::Acos: return std::fabs(a[0]) <= 1 ? std::acos(a[0]) : kNaN;
        case Op::Atan: return std::atan(a[0]);
        case Op::Atan2: return a[0] == 0 && a[1] >= 0 ? 0 : std::atan2(a[0], a[1]);  // 0 at the origin
        case Op::Trunc: return std::trunc(a[0]);
        case Op::Round: return std::nearbyintl(a[0]);
        case Op::Floor: return std::floor(a[0]);
        case Op::Gt: return truth(a[0] > a[1]);
        case Op::Lt: return truth(a[0] < a[1]);
        case Op::Eq: return truth(a[0] == a[1]);
        case Op::Ge: return truth(a[0] >= a[1]);
        case Op::Le: return truth(a[0] <= a[1]);
        case Op::And: return truth(is_true(a[0]) && is_true(a[1]));
        case Op::Or: return truth(is_true(a[0]) || is_true(a[1]));
        case Op::Xor: return truth(is_true(a[0]) != is_true(a[1]));
        case Op::Not: return truth(a[0] <= 0);
        case Op::BitAnd: return LD(std::int64_t(int32_of(a[0])) & std::int64_t(int32_of(a[1])));
        case Op::BitOr: return LD(std::int32_t(std::int64_t(int32_of(a[0])) | std::int64_t(int32_of(a[1]))));
        case Op::BitXor: return LD(std::int32_t(std::int64_t(int32_of(a[0])) ^ std::int64_t(int32_of(a[1]))));
        case Op::BitNot: return LD(~std::int64_t(int32_of(a[0])));
        case Op::Select:
            if (std::isnan(a[0])) return kNaN;
            return is_true(a[0]) ? a[1] : a[2];
        case Op::SortedNth:  // scalar.hpp's rule (no NaN argument reaches here)
        case Op::ArgSortNth: {
            const int i = rigor::expr::index_of_rank(a, n.rank);
            return n.op == Op::SortedNth ? a[std::size_t(i)] : LD(i);
        }
        case Op::ArgMin:
        case Op::ArgMax: return LD(rigor::expr::index_of_extreme(a, n.op == Op::ArgMin));
        default: return kNaN;
    }
}

}  // namespace

RealEvaluator::RealEvaluator(const rigor::expr::Expr& point_program) : program_(&point_program), constants_(point_program.size(), 0) {
    for (NodeId id = 0; id < point_program.size(); ++id) {
        const Node& n = point_program.node(id);
        if (n.op != Op::Constant) continue;
        // The decimal the constant prints as, read into long double (correctly rounded).
        constants_[id] = std::isfinite(n.value) ? std::strtold(rigor::expr::shortest_decimal(n.value).c_str(), nullptr) : kNaN;
    }
}

void RealEvaluator::evaluate(const PointSet& points, std::vector<std::vector<LD>>& values) const {
    const std::size_t n = points.size();
    values.resize(program_->size());
    std::vector<LD> args;
    for (NodeId id = 0; id < program_->size(); ++id) {
        const Node& node = program_->node(id);
        std::vector<LD>& out = values[id];
        out.resize(n);
        if (node.op == Op::Constant) {
            std::fill(out.begin(), out.end(), constants_[id]);
        } else if (node.op == Op::Load) {
            const std::vector<float>& c = points.columns[std::size_t(node.clip)];
            for (std::size_t i = 0; i < n; ++i) out[i] = c[i];
        } else {
            args.resize(node.args.size());
            for (std::size_t i = 0; i < n; ++i) {
                for (std::size_t k = 0; k < node.args.size(); ++k) args[k] = values[node.args[k]][i];
                out[i] = apply_real(node, args);
            }
        }
    }
}

PointValue exact_real(const rigor::expr::Expr& point_program, NodeId node, std::span<const float> point) {
    std::map<std::string, cln::cl_RA> at;
    for (std::size_t k = 0; k < point.size(); ++k) {
        if (!std::isfinite(point[k])) return {std::nullopt, false};
        at[rigor::expr::clip_name(int(k))] = cln::rational(cln::cl_DF(double(point[k])));
    }
    return evaluate_at(rigor::expr::subprogram(point_program, node), at);
}

}  // namespace rigor::symbolic::expr
