// The one-scan phase extremes (pixel/vc2_tight/phase_scan.hpp) against the plain scan phase
// by phase (each phase's positions in row-major order, the first extreme kept): on random
// arrays full of ties, of every period up to 8 and sizes smaller than a period, the same
// values at the same positions.
#include <catch2/catch.hpp>

#include <random>

#include "pixel/vc2_tight/phase_scan.hpp"

using namespace rigor::pixel::vc2_tight;
using rigor::vc2::SampleArray;

namespace {

std::vector<PhaseExtremes> phase_by_phase(const SampleArray& p, long period_x, long period_y) {
    std::vector<PhaseExtremes> e(static_cast<std::size_t>(period_x * period_y));
    for (long px = 0; px < std::min(period_x, p.width); ++px)
        for (long py = 0; py < std::min(period_y, p.height); ++py) {
            PhaseExtremes& m = e[static_cast<std::size_t>(px * period_y + py)];
            m = {true, p.at(px, py), p.at(px, py), px, py, px, py};
            for (long y = py; y < p.height; y += period_y)
                for (long x = px; x < p.width; x += period_x) {
                    if (p.at(x, y) > m.hi) m.hi = p.at(x, y), m.hx = x, m.hy = y;
                    if (p.at(x, y) < m.lo) m.lo = p.at(x, y), m.lx = x, m.ly = y;
                }
        }
    return e;
}

}  // namespace

TEST_CASE("phase extremes in one scan: those of the scan phase by phase, first positions included") {
    std::mt19937_64 random(2042);
    const long periods[] = {1, 2, 4, 8};
    for (int trial = 0; trial < 2000; ++trial) {
        const long period_x = periods[random() % 4], period_y = periods[random() % 4];
        SampleArray p(static_cast<long>(random() % 20), static_cast<long>(random() % 20));
        const std::int64_t spread = 1 + static_cast<std::int64_t>(random() % 4);  // few values: many ties
        for (std::int64_t& v : p.samples) v = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(2 * spread + 1)) - spread;
        INFO("trial " << trial << ": " << p.width << "x" << p.height << ", periods " << period_x << "x" << period_y);
        const std::vector<PhaseExtremes> got = phase_extremes_of(p, period_x, period_y),
                                         want = phase_by_phase(p, period_x, period_y);
        REQUIRE(got.size() == want.size());
        for (std::size_t k = 0; k < got.size(); ++k) {
            INFO("phase " << k);
            REQUIRE(got[k].seen == want[k].seen);
            if (!got[k].seen) continue;
            CHECK(got[k].hi == want[k].hi);
            CHECK(got[k].lo == want[k].lo);
            CHECK(got[k].hx == want[k].hx);
            CHECK(got[k].hy == want[k].hy);
            CHECK(got[k].lx == want[k].lx);
            CHECK(got[k].ly == want[k].ly);
        }
    }
}
