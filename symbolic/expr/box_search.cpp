#include "symbolic/expr/box_search.hpp"

#include <algorithm>
#include <queue>

namespace rigor::symbolic::expr {

Box whole_box(const std::vector<InputDomain>& domains) {
    Box b;
    for (const InputDomain& d : domains) b.first.push_back(0), b.last.push_back(d.count() - 1);
    return b;
}

std::vector<Binary32Range> box_ranges(const std::vector<InputDomain>& domains, const Box& box) {
    std::vector<Binary32Range> r;
    for (std::size_t k = 0; k < domains.size(); ++k)
        r.push_back(Binary32Range::between(domains[k].at(box.first[k]), domains[k].at(box.last[k])));
    return r;
}

namespace {

struct Item {
    double upper;
    Box box;
    bool operator<(const Item& o) const { return upper < o.upper; }  // max-heap
};

}  // namespace

BoxSearch maximise(const Binary32Enclosure& enclosure, const std::vector<InputDomain>& domains,
                   const BoxObjective& objective, double best, std::vector<float> best_point, long budget) {
    BoxSearch out;
    out.best = best;
    out.best_point = std::move(best_point);
    std::vector<NodeEnclosure> nodes;
    auto upper_of = [&](const Box& b) {
        ++out.boxes;
        enclosure.evaluate(box_ranges(domains, b), nodes);
        return objective.upper(nodes);
    };
    auto try_point = [&](const Box& b) {
        Box p = b;
        for (std::size_t k = 0; k < domains.size(); ++k) p.first[k] = p.last[k] = b.first[k] + (b.last[k] - b.first[k]) / 2;
        ++out.boxes;
        const std::vector<Binary32Range> r = box_ranges(domains, p);
        enclosure.evaluate(r, nodes);
        const double v = objective.at_point(nodes);
        if (v > out.best) {
            out.best = v;
            out.best_point.clear();
            for (const Binary32Range& x : r) out.best_point.push_back(x.lo);
        }
    };
    std::priority_queue<Item> queue;
    const Box all = whole_box(domains);
    const double top = upper_of(all);
    if (top > out.best) queue.push({top, all});
    // The largest bound of the point boxes taken off the queue (a point's bound may sit
    // a rounding above what it certainly reaches).
    double settled = -std::numeric_limits<double>::infinity();
    while (!queue.empty() && out.boxes < budget) {
        if (queue.top().upper <= out.best) break;
        const Item item = queue.top();
        queue.pop();
        const Box& b = item.box;
        std::size_t pick = domains.size();
        std::uint64_t widest = 0;
        for (std::size_t k = 0; k < domains.size(); ++k)
            if (b.last[k] - b.first[k] > widest) widest = b.last[k] - b.first[k], pick = k;
        if (pick == domains.size()) {
            try_point(b);
            settled = std::max(settled, item.upper);
            continue;
        }
        const std::uint64_t mid = b.first[pick] + (b.last[pick] - b.first[pick]) / 2;
        for (int half = 0; half < 2; ++half) {
            Box c = b;
            if (half) c.first[pick] = mid + 1;
            else c.last[pick] = mid;
            try_point(c);
            const double u = upper_of(c);
            if (u > out.best) queue.push({u, std::move(c)});
        }
    }
    double left = queue.empty() ? -std::numeric_limits<double>::infinity() : queue.top().upper;
    left = std::max(left, settled);
    out.complete = !(left > out.best);
    out.bound = std::max(out.best, left);
    return out;
}

}  // namespace rigor::symbolic::expr
