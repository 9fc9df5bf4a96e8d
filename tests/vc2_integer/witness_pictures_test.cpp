// vc2-bit-width-test-pictures --tight (issue 12 §4): the witness pictures, read back from
// their PNG files and run through the integer transform (quantised at the recorded index
// for the decoder), give exactly the values witnesses.json records, at the recorded
// positions, within the recorded bounds; the folder is made if missing, and a later run
// without --tight leaves no witness file behind.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"
#include "tool_helpers.hpp"

using namespace vc2_test;
namespace fs = std::filesystem;

namespace {

int pictures(const std::vector<std::string>& args) {
    return run("vc2-bit-width-test-pictures", rigor::cli::vc2_bit_width_test_pictures_main, args);
}

// The picture's samples from a witness PNG (PNG sample = value + 2^(bits-1)).
rigor::vc2::SampleArray read_witness(const std::string& path, int bits) {
    const rigor::pixel::Frame f = rigor::pixel::read_picture(path);
    rigor::vc2::SampleArray p(f.width(), f.height());
    for (int y = 0; y < f.height(); ++y)
        for (int x = 0; x < f.width(); ++x) {
            const std::int64_t v = f.format().bits == 8 ? f.plane(0).row_as<std::uint8_t>(y)[x]
                                                        : f.plane(0).row_as<std::uint16_t>(y)[x];
            p.at(x, y) = v - (std::int64_t{1} << (bits - 1));
        }
    return p;
}

}  // namespace

TEST_CASE("vc2-bit-width-test-pictures --tight: witness pictures reproduce their recorded values",
          "[vc2_integer][witness_pictures]") {
    const auto root = scratch("witness_pictures");
    const fs::path dir = root / "made" / "here";
    const std::string file = analysis("w1_W1_d1_D0");
    REQUIRE(pictures({file, "32", "16", "-b", "10", "--tight", "-o", dir.string()}) == 0);
    const auto index = nlohmann::json::parse(read_file((dir / "witnesses.json").string()));
    CHECK(index["picture_bit_width"] == 10);
    const auto& names = index["pictures"];
    REQUIRE(!names.empty());
    const auto a = rigor::formats::read_static_analysis(file);
    const auto matrix = *rigor::vc2::default_quantisation_matrix(a.config);

    // Every value of every array of every witness picture (decoder: at each index used).
    std::map<std::string, std::map<std::tuple<bool, int, std::string, int, long, long>, std::int64_t>> values;
    for (const auto& w : index["witnesses"]) {
        const std::string name = w["picture"];
        const bool synthesis = w["type"] == "synthesis";
        const int qi = synthesis ? w["quantisation_index"].get<int>() : -1;
        auto& seen = values[name];
        const auto key = std::tuple{synthesis, w["level"].get<int>(), w["array_name"].get<std::string>(), qi,
                                    w["x"].get<long>(), w["y"].get<long>()};
        if (!seen.count(key)) {  // run the picture (at this index) once, record everything
            const auto picture = read_witness((dir / name).string(), 10);
            CHECK(picture.width == index["width"].get<long>());
            const auto record = [&, synthesis, qi](int level, std::string_view array, const rigor::vc2::SampleArray& s) {
                for (long y = 0; y < s.height; ++y)
                    for (long x = 0; x < s.width; ++x)
                        seen[{synthesis, level, std::string(array), qi, x, y}] = s.at(x, y);
            };
            using rigor::pixel::vc2::ArrayVisitor;
            auto coefficients =
                rigor::pixel::vc2::analyse(a.config, picture, synthesis ? ArrayVisitor{} : ArrayVisitor{record});
            if (synthesis) {
                rigor::pixel::vc2_bit_widths::quantise_in_place(coefficients, matrix, qi);
                rigor::pixel::vc2::synthesise(a.config, coefficients, record);
            }
        }
        INFO(w.dump());
        REQUIRE(seen.count(key));
        CHECK(seen.at(key) == w["value"].get<std::int64_t>());
        if (w["extreme"] == "highest")
            CHECK(w["value"].get<std::int64_t>() <= w["bound"].get<std::int64_t>());
        else
            CHECK(w["value"].get<std::int64_t>() >= w["bound"].get<std::int64_t>());
    }
    for (const auto& n : names) CHECK(values.count(n.get<std::string>()));  // every picture is some witness

    // Without --tight the witness files of the earlier run go; the pattern pictures stay.
    REQUIRE(pictures({file, "32", "16", "-b", "10", "-o", dir.string()}) == 0);
    CHECK_FALSE(fs::exists(dir / "witnesses.json"));
    CHECK_FALSE(fs::exists(dir / "witness_0.png"));
    CHECK(fs::exists(dir / "analysis_0.png"));
}

TEST_CASE("vc2-bit-width-test-pictures --tight: more than 16 bits is refused, nothing written",
          "[vc2_integer][witness_pictures]") {
    const auto root = scratch("witness_pictures_bits");
    const fs::path dir = root / "out";
    CHECK(pictures({analysis("w1_W1_d1_D0"), "32", "16", "-b", "17", "--tight", "-o", dir.string()}) == 1);
    CHECK_THAT(last_error, Catch::Contains("do not fit a PNG"));
    CHECK_FALSE(fs::exists(dir));
}
