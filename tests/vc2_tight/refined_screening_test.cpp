// The refined screening (pixel/vc2_tight/refined_screening.hpp) against screening every
// refined value: on random cases full of ties and of values near the window's edge, the
// exact maximum, where it is and the exact values asked for (in order) are the same, and
// the refinements skipped are never in the window.
#include <catch2/catch.hpp>

#include <random>

#include "pixel/vc2_tight/exact_max.hpp"
#include "pixel/vc2_tight/refined_screening.hpp"

using namespace rigor::pixel::vc2_tight;

TEST_CASE("refined screening: the same exact maximum as screening every refined value") {
    std::mt19937_64 random(12);
    const double margin = 1.0;
    long computed = 0, total = 0;
    for (int trial = 0; trial < 3000; ++trial) {
        const std::size_t n = 1 + random() % 12;
        // Refined values on a grid of eighths (ties), cheap ones above them by 0 to 3,
        // exact ones within 1/8 of the refined (well inside margin / 2).
        std::vector<double> fine(n), cheap(n);
        std::vector<long> eighths(n);
        for (std::size_t i = 0; i < n; ++i) {
            eighths[i] = static_cast<long>(random() % 48);
            fine[i] = static_cast<double>(eighths[i]) / 8;
            cheap[i] = fine[i] + static_cast<double>(random() % 4) * (random() % 2 ? 1.0 : 0.125);
            eighths[i] += static_cast<long>(random() % 3) - 1;
        }
        std::vector<int> asked(n, 0);
        const std::vector<double> screened = refined_values(cheap, margin, [&](std::size_t i) {
            ++asked[i];
            return fine[i];
        });
        INFO("trial " << trial);
        std::vector<std::size_t> calls_full, calls_screened;
        auto exact = [&](std::vector<std::size_t>& calls) {
            return [&](std::size_t i) {
                calls.push_back(i);
                return Dyadic(mpz_class(eighths[i]), 3);
            };
        };
        const ExactMax full = exact_floor_max(fine, margin, exact(calls_full));
        const ExactMax got = exact_floor_max(screened, margin, exact(calls_screened));
        CHECK(got.value == full.value);
        CHECK(got.index == full.index);
        CHECK(calls_screened == calls_full);
        const double best = *std::max_element(fine.begin(), fine.end());
        for (std::size_t i = 0; i < n; ++i) {
            CHECK(asked[i] <= 1);
            if (!asked[i]) CHECK(fine[i] < best - margin);
            computed += asked[i];
        }
        total += static_cast<long>(n);
    }
    CHECK(computed < total);  // some refinements were skipped
}
