// vc2-optimise-synthesis-test-patterns: determinism (seed, thread count), never weaker
// than the heuristic patterns, output parses back and feeds the table, bad input.
#include <catch2/catch.hpp>

#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_optimised_patterns.hpp"
#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "pixel/vc2_bit_widths/concrete_bounds.hpp"
#include "pixel/vc2_bit_widths/pattern_optimisation.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"
#include "tests/vc2_integer/tool_helpers.hpp"


using namespace vc2_test;
using namespace rigor::vc2;
using namespace rigor::pixel::vc2;
using namespace rigor::pixel::vc2_bit_widths;
using namespace rigor::formats;

namespace {

// Small search budget: the properties hold for any budget, the test stays fast.
std::vector<std::string> quick(const std::string& config, const std::string& out, const std::string& seed,
                               const std::string& threads) {
    return {analysis(config), "-b", "10", "-s", seed, "-N", "2", "-t", "0", "-a", "0.1", "-r", "0.02",
            "-i", "8", "-I", "6", "-j", threads, "-o", out};
}

int optimise(const std::vector<std::string>& args) {
    return run("vc2-optimise-synthesis-test-patterns", rigor::cli::vc2_optimise_synthesis_test_patterns_main, args);
}

}  // namespace

TEST_CASE("optimised patterns: same seed, same output on 1 and 2 threads, another seed differs",
          "[vc2][optimise]") {
    const auto dir = scratch("optimise_determinism");
    const std::string a = (dir / "a.json").string(), b = (dir / "b.json").string(),
                      c = (dir / "c.json").string();
    REQUIRE(optimise(quick("w1_W1_d1_D0", a, "7", "1")) == 0);
    REQUIRE(optimise(quick("w1_W1_d1_D0", b, "7", "2")) == 0);
    REQUIRE(optimise(quick("w1_W1_d1_D0", c, "8", "2")) == 0);
    CHECK(read_file(a) == read_file(b));
    CHECK(read_file(a) != read_file(c));  // the search really is random (and seeded)
}

TEST_CASE("optimised patterns are never weaker than the heuristic ones and parse back", "[vc2][optimise]") {
    for (const std::string config : {"w1_W1_d1_D0", "w1_W1_d2_D0"}) {
        INFO(config);
        const auto dir = scratch("optimise_strength_" + config);
        const std::string out = (dir / "o.json").string();
        REQUIRE(optimise(quick(config, out, "1", "2")) == 0);
        const auto doc = read_optimised_patterns(out);
        const auto static_analysis = read_static_analysis(analysis(config));
        const auto matrix = quantisation_matrix(static_analysis.config, {});
        const auto bounds = concrete_bounds(static_analysis, 10, matrix);
        CHECK(doc.picture_bit_width == 10);
        CHECK(doc.matrix == matrix);
        REQUIRE(doc.patterns.size() == static_analysis.synthesis_patterns.size());
        int improved = 0;
        for (std::size_t k = 0; k < doc.patterns.size(); ++k) {
            const auto& o = doc.patterns[k];
            const auto& h = static_analysis.synthesis_patterns[k];
            INFO(h.where.level << " " << h.where.array_name << " " << h.where.x << "," << h.where.y);
            CHECK(o.pattern.where == h.where);
            const auto heuristic = synthesis_pattern_extremes(static_analysis.config, h, bounds.picture, matrix,
                                                              bounds.maximum_quantisation_index);
            const std::int64_t heuristic_best = stronger(heuristic.minimising.value, heuristic.maximising.value)
                                                    ? heuristic.minimising.value
                                                    : heuristic.maximising.value;
            CHECK_FALSE(stronger(heuristic_best, o.decoded_value));
            improved += stronger(o.decoded_value, heuristic_best);
            // The stated value is what the stored pattern really decodes to.
            const auto again = strongest_decoded_value(static_analysis.config, o.pattern, bounds.picture, matrix,
                                                       bounds.maximum_quantisation_index);
            CHECK(again.value == o.decoded_value);
            CHECK(again.qi == o.quantisation_index);
            CHECK(o.num_search_iterations > 0);
            // Pixels only ever change inside the heuristic pattern's box.
            CHECK(o.pattern.dx >= h.dx);
            CHECK(o.pattern.dy >= h.dy);
            CHECK(o.pattern.dx + o.pattern.width <= h.dx + h.width);
            CHECK(o.pattern.dy + o.pattern.height <= h.dy + h.height);
        }
        WARN(config << ": " << improved << " of " << doc.patterns.size() << " patterns improved");
        // Serialising the parsed document gives the file back.
        CHECK(rigor::formats::python_json_dumps(to_json(doc)) + "\n" == read_file(out));
    }
}

TEST_CASE("the table accepts optimised patterns, they reach at least the heuristic table's values",
          "[vc2][optimise]") {
    const auto dir = scratch("optimise_table");
    const std::string opt = (dir / "o.json").string();
    REQUIRE(optimise(quick("w1_W1_d2_D0", opt, "3", "2")) == 0);
    const std::string plain = (dir / "plain.csv").string(), with = (dir / "with.csv").string();
    REQUIRE(run("t", rigor::cli::vc2_bit_widths_table_main,
                {analysis("w1_W1_d2_D0"), "-b", "10", "-o", plain}) == 0);
    REQUIRE(run("t", rigor::cli::vc2_bit_widths_table_main, {analysis("w1_W1_d2_D0"), opt, "-o", with}) == 0);
    const auto lines = [](const std::string& text) {
        std::vector<std::vector<std::string>> rows;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            std::vector<std::string> cells;
            std::istringstream l(line);
            for (std::string c; std::getline(l, c, ',');) cells.push_back(c);
            rows.push_back(cells);
        }
        return rows;
    };
    const auto p = lines(read_file(plain)), w = lines(read_file(with));
    REQUIRE(p.size() == w.size());
    for (std::size_t i = 1; i < p.size(); ++i) {
        REQUIRE(p[i][0] == w[i][0]);
        CHECK(p[i][3] == w[i][3]);  // bounds unchanged
        if (p[i][0] != "synthesis") {
            CHECK(p[i] == w[i]);
            continue;
        }
        // The largest magnitude either polarity reaches can only grow.
        const auto reach = [](const std::vector<std::string>& r) {
            return std::max(std::llabs(std::stoll(r[4])), std::llabs(std::stoll(r[5])));
        };
        CHECK(reach(w[i]) >= reach(p[i]));
    }
    // -b disagreeing with the file and -q with it are refused.
    CHECK(run("t", rigor::cli::vc2_bit_widths_table_main, {analysis("w1_W1_d2_D0"), opt, "-b", "12"}) == 1);
    CHECK(last_error.find("10-bit") != std::string::npos);
    CHECK(run("t", rigor::cli::vc2_bit_widths_table_main,
              {analysis("w1_W1_d2_D0"), opt, "-q", "0", "LL", "1"}) == 1);
    // Optimised patterns of another transform.
    CHECK(run("t", rigor::cli::vc2_bit_widths_table_main, {analysis("w1_W1_d1_D0"), opt}) == 1);
    CHECK(last_error.find("another transform") != std::string::npos);
}

TEST_CASE("optimise: bad input is refused and leaves no output", "[vc2][optimise]") {
    const auto dir = scratch("optimise_bad");
    const std::string out = (dir / "o.json").string();
    // code 2: an argument mistake (rigor's error policy, as argparse); 1: bad input.
    const auto refuse = [&](std::vector<std::string> args, const std::string& says, int code = 1) {
        args.push_back("-o");
        args.push_back(out);
        CHECK(optimise(args) == code);
        CHECK(last_error.find(says) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(out));
    };
    refuse({analysis("w1_W1_d1_D0"), "-b", "10", "-N", "0"}, "--number-of-searches");
    refuse({analysis("w1_W1_d1_D0"), "-b", "10", "-a", "1.5"}, "--added-corruption-rate");
    refuse({analysis("w1_W1_d1_D0"), "-b", "10", "-i", "x"}, "--base-iterations");
    refuse({analysis("w1_W1_d1_D0"), "-b", "99"}, "bit");
    refuse({analysis("w1_W1_d1_D0")}, "-b", 2);
    refuse({analysis("w1_W1_d1_D0"), "-b", "10", "-q", "0", "LL"}, "triples");
    const std::string broken = (dir / "broken.json").string();
    std::ofstream(broken) << "{\"wavelet_index\": 1}";
    refuse({broken, "-b", "10"}, "wavelet_index_ho");
    // A malformed optimised file names the field.
    const std::string bad_opt = (dir / "bad_opt.json").string();
    std::ofstream(bad_opt) << "{\"wavelet_index\": 1, \"wavelet_index_ho\": 1, \"dwt_depth\": 1, \"dwt_depth_ho\": 0,"
                              " \"picture_bit_width\": 10, \"quantisation_matrix\": {\"0\": {\"LL\": \"x\"}}}";
    CHECK(run("t", rigor::cli::vc2_bit_widths_table_main, {analysis("w1_W1_d1_D0"), bad_opt}) == 1);
    CHECK(last_error.find("quantisation_matrix.0.LL") != std::string::npos);
}
