// vc2-bit-widths-table and vc2-maximum-quantisation-index against the reference's own
// outputs (data/vc2/tables), byte for byte.
#include <catch2/catch.hpp>

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
