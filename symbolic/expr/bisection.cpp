#include "symbolic/expr/bisection.hpp"

#include <cln/rational.h>
#include <cln/dfloat.h>
#include <cln/real.h>
#include <queue>

#include "symbolic/expr/interval_evaluation.hpp"

namespace rigor::symbolic::expr {

namespace {

using cln::cl_RA;
using Box = std::map<std::string, Interval>;

struct Item {
    Bound bound;  // for the minimum, the negated lower bound
    Box box;
    bool operator<(const Item& o) const { return bound < o.bound; }  // max-heap
};

}  // namespace

BisectedBound bisect_bound(const rigor::expr::Expr& e, const InputRanges& ranges, const Box& box, bool maximum,
                           std::optional<cl_RA> seed, std::map<std::string, cl_RA> seed_at, long budget) {
    EnclosureMemo memo;
    return bisect_bound(e, ranges, box, maximum, std::move(seed), std::move(seed_at), budget, memo);
}

BisectedBound bisect_bound(const rigor::expr::Expr& e, const InputRanges& ranges, const Box& box, bool maximum,
                           std::optional<cl_RA> seed, std::map<std::string, cl_RA> seed_at, long budget,
                           EnclosureMemo& memo) {
    BisectedBound out;
    out.reached = seed;
    out.at = std::move(seed_at);
    // Signed so that "up" is always the direction searched.
    auto up = [&](const Bound& b) { return maximum ? b : -b; };
    auto bound_of = [&](const Box& b) {
        InputRanges r = ranges;  // a variable's own range takes precedence over its source's
        for (const auto& [v, i] : b) r[v] = i;
        ++out.evaluations;
        IntervalResult v = interval_ranges(e, r, memo);
        return up(maximum ? v.root(e).hi : v.root(e).lo);
    };
    auto better = [&](const cl_RA& v) { return !out.reached || up(Bound::of(*out.reached)) < up(Bound::of(v)); };
    auto reached_up = [&] { return out.reached ? up(Bound::of(*out.reached)) : Bound::minus_infinity(); };

    std::priority_queue<Item> queue;
    queue.push({bound_of(box), box});
    while (!queue.empty() && out.evaluations < budget) {
        if (queue.top().bound <= reached_up()) break;  // nothing left above the best reached
        Box b = queue.top().box;  // popped only once it is split: a box left keeps its bound
        // Split along the input of largest width relative to its full range.
        std::string pick;
        cl_RA widest = 0;
        for (const auto& [v, i] : b) {
            cl_RA full = box.at(v).hi.value - box.at(v).lo.value;
            if (cln::zerop(full)) continue;
            cl_RA w = (i.hi.value - i.lo.value) / full;
            if (w > widest) widest = w, pick = v;
        }
        // A point box, or one narrower than binary32 resolves: its bound stays (and keeps
        // the reported bound's denominator small).
        if (pick.empty() || widest < cl_RA(1) / 16777216) break;
        queue.pop();
        cl_RA mid = (b.at(pick).lo.value + b.at(pick).hi.value) / 2;
        for (int half = 0; half < 2; ++half) {
            Box c = b;
            (half ? c[pick].lo : c[pick].hi) = Bound::of(mid);
            std::map<std::string, cl_RA> centre;
            for (const auto& [v, i] : c) centre[v] = (i.lo.value + i.hi.value) / 2;
            // Only binary32 inputs are reported, so that the numeric engine can replay them
            // (a centre near a jump, e.g. of %, would otherwise round onto the other side).
            bool representable = true;
            for (const auto& [v, x] : centre)
                representable = representable && cln::rational(cln::cl_DF(double(float(cln::double_approx(x))))) == x;
            if (!representable) {
                Bound cb = bound_of(c);
                if (reached_up() < cb) queue.push({cb, std::move(c)});
                continue;
            }
            ++out.evaluations;
            PointValue pv = evaluate_at(e, centre, memo);
            if (pv.value && pv.exact && better(*pv.value)) out.reached = pv.value, out.at = centre;
            Bound cb = bound_of(c);
            if (reached_up() < cb) queue.push({cb, std::move(c)});
        }
    }
    Bound top = queue.empty() ? reached_up() : std::max(queue.top().bound, reached_up(), [](const Bound& a, const Bound& b) { return a < b; });
    out.bound = maximum ? top : -top;
    return out;
}

}  // namespace rigor::symbolic::expr
