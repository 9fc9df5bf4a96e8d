// vc2-bit-widths-table and vc2-maximum-quantisation-index against the reference's own
// outputs (data/vc2/tables), byte for byte.
#include <catch2/catch.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "filters/vc2/quantisation_matrix.hpp"
#include "tool_helpers.hpp"

using namespace vc2_test;

namespace {

struct GoldenTable {
    const char* config;
    int bits;
};

const GoldenTable kGolden[] = {
    {"w1_W1_d1_D0", 10}, {"w1_W1_d1_D0", 8}, {"w1_W1_d2_D0", 10}, {"w3_W3_d2_D0", 10}, {"w5_W5_d1_D0", 10},
};

}  // namespace

TEST_CASE("vc2-bit-widths-table -p is byte-identical to the reference's tables") {
    const auto dir = scratch("tables");
    for (const GoldenTable& g : kGolden) {
        const std::string name = std::string(g.config) + "_b" + std::to_string(g.bits);
        INFO(name);
        const std::string out = (dir / (name + ".csv")).string();
        REQUIRE(run("vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main,
                    {analysis(g.config), "-b", std::to_string(g.bits), "-p", "-o", out}) == 0);
        CHECK(read_file(out) == read_file(data("tables/" + name + "_table.csv")));
    }
}

TEST_CASE("vc2-maximum-quantisation-index is identical to the reference's") {
    const auto dir = scratch("maxqi");
    for (const GoldenTable& g : kGolden) {
        const std::string name = std::string(g.config) + "_b" + std::to_string(g.bits);
        INFO(name);
        const std::string out = (dir / (name + ".txt")).string();
        REQUIRE(run("vc2-maximum-quantisation-index", rigor::cli::vc2_maximum_quantisation_index_main,
                    {analysis(g.config), "-b", std::to_string(g.bits), "-o", out}) == 0);
        CHECK(read_file(out) == read_file(data("tables/" + name + "_maxqi.txt")));
    }
}

TEST_CASE("the default quantisation matrices are the specification's table") {
    // data/vc2/default-quantisation-matrices.json: "w,w_ho,d,d_ho" → level → orientation → value.
    const auto table = nlohmann::json::parse(read_file(data("default-quantisation-matrices.json")));
    REQUIRE(table.size() == 152);
    for (const auto& [key, levels] : table.items()) {
        INFO(key);
        rigor::vc2::TransformConfig c;
        REQUIRE(std::sscanf(key.c_str(), "%d,%d,%d,%d", &c.wavelet_index, &c.wavelet_index_ho, &c.dwt_depth,
                            &c.dwt_depth_ho) == 4);
        rigor::vc2::QuantisationMatrix want;
        for (const auto& [level, orients] : levels.items())
            for (const auto& [orient, value] : orients.items()) want[std::stoi(level)][orient] = value.get<int>();
        const auto got = rigor::vc2::default_quantisation_matrix(c);
        REQUIRE(got);
        CHECK(*got == want);
    }
    CHECK_FALSE(rigor::vc2::default_quantisation_matrix({4, 1, 1, 2}));  // mixed wavelets: none
}

// Issue 12: every tool exited 70 ("no analysis array for band LL") on a depth-0 analysis.
// Depth 0 has no arrays; its one band, the DC band, is the picture itself.
TEST_CASE("depth-0 analyses: the table has no rows and the DC band is the picture") {
    const auto dir = scratch("depth0");
    const std::string table = (dir / "table.csv").string(), maxqi = (dir / "maxqi.txt").string();
    REQUIRE(run("vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main,
                {analysis("w5_W5_d0_D0"), "-b", "10", "-o", table}) == 0);
    CHECK(read_file(table) == "type,level,array_name,lower_bound,test_pattern_min,test_pattern_max,upper_bound,bits\r\n");
    REQUIRE(run("vc2-maximum-quantisation-index", rigor::cli::vc2_maximum_quantisation_index_main,
                {analysis("w5_W5_d0_D0"), "-b", "10", "-o", maxqi}) == 0);
    // −512 first quantises to 0 at index 37 (qf(37) = 2^9·4·2^¼ > 4·512); the matrix adds 0.
    CHECK(read_file(maxqi) == "37\n");
    const std::string optimised = (dir / "optimised.json").string();
    REQUIRE(run("vc2-optimise-synthesis-test-patterns", rigor::cli::vc2_optimise_synthesis_test_patterns_main,
                {analysis("w5_W5_d0_D0"), "-b", "10", "-o", optimised}) == 0);
    CHECK(read_file(optimised).find("\"optimised_synthesis_test_patterns\": []") != std::string::npos);
}
