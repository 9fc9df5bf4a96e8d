#include "symbolic/expr/witness_search.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>

namespace rigor::symbolic::expr {

namespace {

constexpr unsigned kSeed = 20240601;

std::uint64_t draw(std::mt19937_64& rng, std::uint64_t n) { return n <= 1 ? 0 : rng() % n; }

}  // namespace

PointSet candidate_points(const std::vector<InputDomain>& domains, const std::vector<std::vector<float>>& seeds,
                          std::size_t budget) {
    const std::size_t n = domains.size();
    PointSet out(n);
    std::vector<float> p(n);
    for (const auto& s : seeds)
        if (s.size() == n) out.add(s);
    if (n == 0) {
        out.add(p);
        return out;
    }
    std::mt19937_64 rng(kSeed);
    // Corners: all of them when 2^n fits a quarter of the budget, else random ones.
    const std::size_t corners = n < 20 && (std::size_t(1) << n) <= budget / 4 ? std::size_t(1) << n : budget / 4;
    for (std::size_t c = 0; c < corners; ++c) {
        for (std::size_t k = 0; k < n; ++k) {
            const bool high = n < 20 && corners == (std::size_t(1) << n) ? (c >> k) & 1 : rng() & 1;
            p[k] = high ? domains[k].hi : domains[k].lo;
        }
        out.add(p);
    }
    // A grid of G values per input (G^n within a quarter of the budget), ends included.
    std::size_t g = 2;
    auto fits = [&](std::size_t levels) {
        double total = 1;
        for (std::size_t k = 0; k < n; ++k) total *= double(levels);
        return total <= double(budget / 4);
    };
    while (fits(g + 1) && g < 4096) ++g;
    if (g > 2) {
        std::size_t total = 1;
        for (std::size_t k = 0; k < n; ++k) total *= g;
        for (std::size_t i = 0; i < total; ++i) {
            std::size_t rest = i;
            for (std::size_t k = 0; k < n; ++k) {
                const std::uint64_t count = domains[k].count();
                p[k] = domains[k].at(std::uint64_t(double(count - 1) * double(rest % g) / double(g - 1)));
                rest /= g;
            }
            out.add(p);
        }
    }
    // Random points: half uniform in value (by index for integers), half uniform in index.
    while (out.size() < budget) {
        const bool by_value = out.size() % 2 == 0;
        for (std::size_t k = 0; k < n; ++k) {
            const InputDomain& d = domains[k];
            if (by_value && d.kind != DomainKind::Integer) {
                std::uniform_real_distribution<double> u(double(d.lo), double(d.hi));
                p[k] = d.nearest(u(rng));
            } else {
                p[k] = d.at(draw(rng, d.count()));
            }
        }
        out.add(p);
    }
    return out;
}

Found improve(const std::vector<InputDomain>& domains, const Score& score, const PointSet& start,
              const std::vector<double>& start_scores, std::size_t budget) {
    constexpr std::size_t kKeep = 6;
    const std::size_t n = domains.size();
    struct Entry {
        double score;
        std::vector<float> point;
    };
    std::vector<Entry> best;
    std::set<std::vector<float>> seen;
    auto offer = [&](double s, std::vector<float> p) {
        if (std::isnan(s) || !seen.insert(p).second) return;
        best.push_back({s, std::move(p)});
        std::sort(best.begin(), best.end(), [](const Entry& a, const Entry& b) { return a.score > b.score; });
        if (best.size() > kKeep) best.pop_back();
    };
    {
        std::vector<std::size_t> order(start.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const double x = std::isnan(start_scores[a]) ? -INFINITY : start_scores[a];
            const double y = std::isnan(start_scores[b]) ? -INFINITY : start_scores[b];
            return x > y;
        });
        for (std::size_t i = 0; i < std::min(order.size(), kKeep * 4) && best.size() < kKeep; ++i)
            offer(start_scores[order[i]], start.point(order[i]));
    }
    if (best.empty() || n == 0) return best.empty() ? Found{} : Found{best[0].point, best[0].score};
    std::mt19937_64 rng(kSeed + 1);
    std::size_t used = 0;
    int stale = 0;
    std::vector<double> s;
    while (used < budget && stale < 3) {
        PointSet batch(n);
        for (const Entry& e : best) {
            for (std::size_t k = 0; k < n; ++k) {
                const InputDomain& d = domains[k];
                const std::uint64_t at = d.index_of(e.point[k]), count = d.count();
                for (int j = 0; j < 64 && (std::uint64_t(1) << j) < count; j += j < 4 ? 1 : 3)
                    for (int sign : {-1, 1}) {
                        const std::uint64_t step = std::uint64_t(1) << j;
                        if (sign < 0 ? at < step : at + step >= count) continue;
                        std::vector<float> p = e.point;
                        p[k] = d.at(sign < 0 ? at - step : at + step);
                        if (!seen.count(p)) batch.add(p);
                    }
            }
            for (int r = 0; r < 4; ++r) {  // a jump of one input, then of all of them a little
                std::vector<float> p = e.point;
                const std::size_t k = std::size_t(draw(rng, n));
                p[k] = domains[k].at(draw(rng, domains[k].count()));
                if (!seen.count(p)) batch.add(p);
            }
        }
        if (batch.size() == 0) break;
        score(batch, s);
        used += batch.size();
        const double before = best[0].score;
        for (std::size_t i = 0; i < batch.size(); ++i) offer(s[i], batch.point(i));
        stale = best[0].score > before ? 0 : stale + 1;
    }
    return {best[0].point, best[0].score};
}

}  // namespace rigor::symbolic::expr
