// The integer transform and quantiser against the VC-2 specification's own pseudocode
// run on random pictures (data/vc2/vc2-dwt.json, made by the reference).
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <nlohmann/json.hpp>

#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"

using namespace rigor::vc2;
using namespace rigor::pixel::vc2;
using namespace rigor::pixel::vc2_bit_widths;

namespace {

nlohmann::json load(const std::string& name) {
    std::ifstream in(std::string(RIGOR_DATA_DIR) + "/vc2/" + name);
    REQUIRE(in.good());
    return nlohmann::json::parse(in);
}

SampleArray plane_of(const nlohmann::json& rows) {
    SampleArray p(static_cast<long>(rows[0].size()), static_cast<long>(rows.size()));
    for (long y = 0; y < p.height; ++y)
        for (long x = 0; x < p.width; ++x) p.at(x, y) = rows[y][x].get<std::int64_t>();
    return p;
}

}  // namespace

TEST_CASE("vc2 integer transform: coefficients and reconstruction equal the spec pseudocode's") {
    const auto golden = load("vc2-dwt.json");
    REQUIRE(golden["transforms"].size() == 8);
    for (const auto& t : golden["transforms"]) {
        TransformConfig c{t["wavelet_index"], t["wavelet_index_ho"], t["dwt_depth"], t["dwt_depth_ho"]};
        INFO("w=" << c.wavelet_index << " W=" << c.wavelet_index_ho << " d=" << c.dwt_depth
                  << " D=" << c.dwt_depth_ho);
        const SampleArray picture = plane_of(t["picture"]);
        const Coefficients got = analyse(c, picture);
        std::size_t bands = 0;
        for (const auto& [level, orients] : t["coefficients"].items())
            for (const auto& [orient, rows] : orients.items()) {
                INFO("level " << level << " band " << orient);
                REQUIRE(got.count(std::stoi(level)) == 1);
                REQUIRE(got.at(std::stoi(level)).count(orient) == 1);
                CHECK(got.at(std::stoi(level)).at(orient) == plane_of(rows));
                ++bands;
            }
        std::size_t got_bands = 0;
        for (const auto& [level, orients] : got) got_bands += orients.size();
        CHECK(got_bands == bands);
        CHECK(t["reconstruction_equals_picture"].get<bool>());
        CHECK(synthesise(c, got) == picture);
    }
}

TEST_CASE("vc2 quantiser: forward and inverse equal the spec's (13.3)") {
    const auto golden = load("vc2-dwt.json");
    REQUIRE(golden["quantisation"].size() > 700);
    for (const auto& row : golden["quantisation"]) {
        const std::int64_t value = row[0];
        const int qi = row[1];
        INFO("value " << value << " qi " << qi);
        CHECK(forward_quant(value, qi) == row[2].get<std::int64_t>());
        CHECK(inverse_quant(row[2].get<std::int64_t>(), qi) == row[3].get<std::int64_t>());
    }
}

TEST_CASE("vc2 quantiser: hand-computed factors and the dequantisation widening") {
    CHECK(quant_factor(0) == 4);
    CHECK(quant_factor(1) == 5);   // (503829 + 52958) / 105917
    CHECK(quant_factor(2) == 6);   // (665857 + 58854) / 117708
    CHECK(quant_factor(3) == 7);   // (440253 + 32722) / 65444
    CHECK(quant_factor(4) == 8);
    CHECK(quant_offset(0) == 1);
    CHECK(quant_offset(1) == 2);
    CHECK(quant_offset(4) == 4);
    CHECK(forward_quant(-9, 4) == -4);
    CHECK(inverse_quant(-4, 4) == -9);  // (4·8 + 4 + 2) div 4 = 9
    CHECK(smallest_zeroing_quantisation_index(0) == 0);
    CHECK(smallest_zeroing_quantisation_index(1) == 1);  // 4·1 div 5 = 0
    // The widened magnitude never shrinks a value and keeps its sign.
    for (std::int64_t v : {1, 2, 3, 100, 1535, 2305, 12801}) {
        CHECK(maximum_dequantised_magnitude(v) >= v);
        CHECK(maximum_dequantised_magnitude(-v) == -maximum_dequantised_magnitude(v));
    }
}

TEST_CASE("vc2 test-pattern outputs do not depend on the margin around the pattern") {
    // If the picture edges reached a target, a wider margin would change its value.
    for (const char* config : {"w1_W1_d2_D0", "w5_W5_d1_D0", "w0_W0_d0_D3", "w6_W6_d1_D0"}) {
        INFO(config);
        const auto a = rigor::formats::read_static_analysis(std::string(RIGOR_DATA_DIR) + "/vc2/static-analysis/" + config + ".json");
        const IntegerRange signal{-512, 511};
        for (std::size_t i = 0; i < a.analysis_patterns.size(); i += 3) {
            const auto& p = a.analysis_patterns[i];
            const auto narrow = analysis_pattern_output(a.config, p, signal, 1);
            const auto wide = analysis_pattern_output(a.config, p, signal, 3);
            CHECK(narrow.min == wide.min);
            CHECK(narrow.max == wide.max);
        }
        const QuantisationMatrix flat = band_layout(a.config);  // every offset 0
        for (std::size_t i = 0; i < a.synthesis_patterns.size(); i += 7) {
            const auto& p = a.synthesis_patterns[i];
            const auto narrow = synthesis_pattern_output(a.config, p, signal, flat, 12, 1);
            const auto wide = synthesis_pattern_output(a.config, p, signal, flat, 12, 3);
            CHECK(narrow.min == wide.min);
            CHECK(narrow.max == wide.max);
        }
    }
}

TEST_CASE("vc2 integer transform: perfect reconstruction for every wavelet pair on random pictures") {
    const unsigned seed = Catch::rngSeed() ? Catch::rngSeed() : 20240611u;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> sample(-2048, 2047);
    for (int w = 0; w < kWaveletCount; ++w)
        for (int w_ho = 0; w_ho < kWaveletCount; ++w_ho)
            for (auto [d, d_ho] : {std::pair{2, 0}, std::pair{1, 2}, std::pair{0, 1}}) {
                TransformConfig c{w, w_ho, d, d_ho};
                INFO("w=" << w << " W=" << w_ho << " d=" << d << " D=" << d_ho);
                SampleArray picture(8L << (d + d_ho), 4L << d);
                for (auto& v : picture.samples) v = sample(rng);
                CHECK(synthesise(c, analyse(c, picture)) == picture);
            }
}
