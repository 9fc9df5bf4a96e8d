// Classes a bound cannot tell apart (pixel/vc2_tight/class_representatives.hpp): the first
// equal class against a brute-force search, and translation equality of gain lists on
// translates, on one changed coefficient, on two different shifts and on emptiness.
#include <catch2/catch.hpp>

#include <random>

#include "pixel/vc2_tight/class_representatives.hpp"

using namespace rigor::pixel::vc2_tight;

namespace {

FixedPolynomial polynomial(long lowest, const std::vector<long>& coefficients) {
    FixedPolynomial p;
    for (std::size_t i = 0; i < coefficients.size(); ++i) p.add(lowest + static_cast<long>(i), mpz_class(coefficients[i]));
    return p;
}

}  // namespace

TEST_CASE("first_equal: each index's first equal index, as a brute-force search finds it") {
    std::mt19937_64 random(7);
    for (int trial = 0; trial < 500; ++trial) {
        const std::size_t n = random() % 20;
        std::vector<int> value(n);
        for (int& v : value) v = static_cast<int>(random() % (1 + trial % 6));
        long asked = 0;
        const std::vector<std::size_t> got = first_equal(n, [&](std::size_t j, std::size_t k) {
            ++asked;
            return value[j] == value[k];
        });
        INFO("trial " << trial);
        REQUIRE(got.size() == n);
        for (std::size_t k = 0; k < n; ++k) {
            std::size_t first = k;
            for (std::size_t j = 0; j < k; ++j)
                if (value[j] == value[k]) {
                    first = j;
                    break;
                }
            CHECK(got[k] == first);
        }
        CHECK(asked <= static_cast<long>(n * (n + 1) / 2));
    }
}

TEST_CASE("same_up_to_translation: one common shift of every gain, coefficients and ranges equal") {
    const std::vector<FixedPolynomial> a{polynomial(-3, {1, -2, 5}), FixedPolynomial(), polynomial(4, {7, 0, -1})};
    const std::vector<FixedPolynomial> shifted{polynomial(2, {1, -2, 5}), FixedPolynomial(), polynomial(9, {7, 0, -1})};
    CHECK(same_up_to_translation(a, a));
    CHECK(same_up_to_translation(a, shifted));
    CHECK(same_up_to_translation(shifted, a));
    // Each gain a translate, but by different shifts: their relative places differ.
    const std::vector<FixedPolynomial> apart{polynomial(2, {1, -2, 5}), FixedPolynomial(), polynomial(10, {7, 0, -1})};
    CHECK_FALSE(same_up_to_translation(a, apart));
    const std::vector<FixedPolynomial> changed{polynomial(2, {1, -2, 5}), FixedPolynomial(), polynomial(9, {7, 0, -2})};
    CHECK_FALSE(same_up_to_translation(a, changed));
    const std::vector<FixedPolynomial> longer{polynomial(2, {1, -2, 5, 1}), FixedPolynomial(), polynomial(9, {7, 0, -1})};
    CHECK_FALSE(same_up_to_translation(a, longer));
    const std::vector<FixedPolynomial> filled{polynomial(2, {1, -2, 5}), polynomial(0, {1}), polynomial(9, {7, 0, -1})};
    CHECK_FALSE(same_up_to_translation(a, filled));
    CHECK_FALSE(same_up_to_translation(a, {a[0], a[1]}));
}

TEST_CASE("same_sums: every exact part compared") {
    NodeSums a;
    a.p[0] = 3;
    a.p[1] = 5;
    a.n[0] = -2;
    a.n[1] = -7;
    CHECK(same_sums(a, a));
    for (int part = 0; part < 4; ++part) {
        NodeSums b = a;
        (part < 2 ? b.p : b.n)[part % 2] += 1;
        INFO("part " << part);
        CHECK_FALSE(same_sums(a, b));
    }
}
