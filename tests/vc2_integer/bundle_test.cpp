// vc2-bundle (create → list → extract gives back the inputs; no match and bad input:
// exit 1, no file).  The zip archive itself: tests/formats/zip_archive_test.cpp.
#include <catch2/catch.hpp>

#include "filters/base/error.hpp"
#include "filters/formats/python_json.hpp"
#include "filters/formats/zip_archive.hpp"
#include "tests/vc2_integer/tool_helpers.hpp"

using namespace vc2_test;
using rigor::formats::read_zip;
using rigor::formats::write_zip;

namespace {

int bundle(const std::vector<std::string>& args) { return run("vc2-bundle", rigor::cli::vc2_bundle_main, args); }

// stdout of a command run in-process.
std::string captured_stdout(const std::vector<std::string>& args, int& status) {
    std::ostringstream captured;
    auto* old = std::cout.rdbuf(captured.rdbuf());
    status = bundle(args);
    std::cout.rdbuf(old);
    return captured.str();
}

std::string without_trailing_newline(std::string s) {
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

}  // namespace

TEST_CASE("vc2-bundle: create, list and extract give the inputs back", "[vc2][bundle]") {
    const auto dir = scratch("bundle_round_trip");
    const std::string o10 = (dir / "o10.json").string(), o12 = (dir / "o12.json").string();
    for (const auto& [out, bits] : {std::pair{o10, "10"}, std::pair{o12, "12"}})
        REQUIRE(run("vc2-optimise-synthesis-test-patterns", rigor::cli::vc2_optimise_synthesis_test_patterns_main,
                    {analysis("w1_W1_d1_D0"), "-b", bits, "-s", "3", "-N", "1", "-i", "2", "-I", "2", "-o",
                     out}) == 0);
    const std::string s1 = analysis("w1_W1_d1_D0"), s2 = analysis("w4_W1_d1_D2"), zip = (dir / "b.zip").string();
    REQUIRE(bundle({"create", zip, "-s", s1, "-o", o10, "--static-filter-analysis", s2, "-o", o12}) == 0);

    // The index as the reference writes it.
    const auto members = read_zip(read_file(zip), zip);
    REQUIRE(members.size() == 5);
    CHECK(members[0].name == "static_filter_analysis_0.json");
    CHECK(members[3].name == "optimised_synthesis_test_patterns_1.json");
    CHECK(members[4].name == "index.json");
    const auto index = nlohmann::ordered_json::parse(members[4].data);
    CHECK(rigor::formats::python_json_dumps(index) == members[4].data);
    CHECK(index["static_filter_analyses"][1].dump() ==
          R"({"wavelet_index":4,"wavelet_index_ho":1,"dwt_depth":1,"dwt_depth_ho":2,)"
          R"("filename":"static_filter_analysis_1.json"})");
    CHECK(index["optimised_synthesis_test_patterns"][1]["picture_bit_width"] == 12);
    CHECK(index["optimised_synthesis_test_patterns"][1]["filename"] == "optimised_synthesis_test_patterns_1.json");
    CHECK(index["optimised_synthesis_test_patterns"][0]["quantisation_matrix"] ==
          nlohmann::ordered_json::parse(read_file(o10))["quantisation_matrix"]);
    // Members are json.dumps text: the inputs (all written as json.dumps) without newline.
    CHECK(members[1].data == without_trailing_newline(read_file(s2)));
    CHECK(members[2].data == without_trailing_newline(read_file(o10)));

    int status = -1;
    const std::string listing = captured_stdout({"list", zip}, status);
    CHECK(status == 0);
    CHECK(listing.rfind("Static filter analyses\n======================\n\n0.\n"
                        "    * wavelet_index: le_gall_5_3 (1)\n    * wavelet_index_ho: le_gall_5_3 (1)\n"
                        "    * dwt_depth: 1\n    * dwt_depth_ho: 0\n1.\n"
                        "    * wavelet_index: haar_with_shift (4)\n",
                        0) == 0);
    CHECK(listing.find("\n\n\nOptimised synthesis test patterns\n=================================\n\n0.\n") !=
          std::string::npos);
    CHECK(listing.find("    * picture_bit_width: 12\n    * quantisation_matrix: {\n"
                       "          0: {'LL': 4},\n          1: {'HH': 0, 'HL': 2, 'LH': 2},\n      }\n") !=
          std::string::npos);

    const std::string e1 = (dir / "e1.json").string(), e2 = (dir / "e2.json").string(),
                      e3 = (dir / "e3.json").string();
    REQUIRE(bundle({"extract-static-filter-analysis", zip, "-w", "haar_with_shift", "-W", "1", "-d", "1", "-D", "2",
                    "-o", e1}) == 0);
    CHECK(read_file(e1) == without_trailing_newline(read_file(s2)) + "\n");
    REQUIRE(bundle({"extract-optimised-synthesis-test-patterns", zip, "-w", "le_gall_5_3", "-d", "1", "-b", "12",
                    "-o", e2}) == 0);
    CHECK(read_file(e2) == without_trailing_newline(read_file(o12)) + "\n");
    // The default matrix given explicitly is the same matrix.
    REQUIRE(bundle({"extract-optimised-synthesis-test-patterns", zip, "--wavelet-index=1", "--dwt-depth=1", "-b",
                    "10", "-q", "0", "LL", "4", "1", "HL", "2", "1", "LH", "2", "1", "HH", "0", "-o", e3}) == 0);
    CHECK(read_file(e3) == without_trailing_newline(read_file(o10)) + "\n");
    // To stdout by default.
    const std::string printed =
        captured_stdout({"extract-static-filter-analysis", zip, "-w", "1", "-d", "1"}, status);
    CHECK(status == 0);
    CHECK(printed == without_trailing_newline(read_file(s1)) + "\n");

    // An empty bundle.
    const std::string empty = (dir / "empty.zip").string();
    REQUIRE(bundle({"create", empty}) == 0);
    CHECK(captured_stdout({"list", empty}, status) == "Bundle is empty.\n");
}

TEST_CASE("vc2-bundle: no match and bad input exit non-zero and write nothing", "[vc2][bundle]") {
    const auto dir = scratch("bundle_bad_input");
    const std::string s1 = analysis("w1_W1_d1_D0"), zip = (dir / "b.zip").string(), out = (dir / "out.json").string();
    REQUIRE(bundle({"create", zip, "-s", s1}) == 0);

    CHECK(bundle({"extract-static-filter-analysis", zip, "-w", "1", "-d", "2", "-o", out}) == 1);
    CHECK(bundle({"extract-static-filter-analysis", zip, "-w", "1", "-W", "4", "-d", "1", "-o", out}) == 1);
    CHECK(bundle({"extract-optimised-synthesis-test-patterns", zip, "-w", "1", "-d", "1", "-b", "10", "-o", out}) ==
          1);
    CHECK_FALSE(std::filesystem::exists(out));

    const std::string text = (dir / "not.zip").string();
    std::ofstream(text) << "{\"not\": \"a zip\"}";
    CHECK(bundle({"list", text}) == 1);
    CHECK_THAT(last_error, Catch::Contains("not.zip") && Catch::Contains("zip"));
    CHECK(bundle({"extract-static-filter-analysis", text, "-w", "1", "-d", "1", "-o", out}) == 1);
    CHECK(bundle({"list", (dir / "missing.zip").string()}) == 1);
    CHECK_FALSE(std::filesystem::exists(out));
    // A zip without an index is not a bundle.
    const std::string plain = (dir / "plain.zip").string();
    std::ofstream(plain, std::ios::binary) << write_zip({{"a.json", "{}"}});
    CHECK(bundle({"list", plain}) == 1);
    CHECK_THAT(last_error, Catch::Contains("index.json"));

    const std::string fresh = (dir / "fresh.zip").string();
    const auto create_fails = [&](const std::vector<std::string>& args, const std::string& message) {
        INFO(message);
        CHECK(bundle(args) != 0);
        CHECK_THAT(last_error, Catch::Contains(message));
        CHECK_FALSE(std::filesystem::exists(fresh));
    };
    create_fails({"create", fresh, "-s", s1, (dir / "missing.json").string()}, "missing.json");
    create_fails({"create", fresh, "-s", text}, "not.zip");
    create_fails({"create", fresh, "-o", s1}, "picture_bit_width");  // an analysis is not optimised patterns
    create_fails({"create", fresh, "-s", s1, s1}, "same configuration");
    const std::string broken = (dir / "broken.json").string();
    std::ofstream(broken) << "{\"wavelet_index\": 1, ";
    create_fails({"create", fresh, "-s", broken}, "broken.json");
    create_fails({"create", fresh, "-s"}, "--static-filter-analysis");
    create_fails({"create", fresh, "-x", s1}, "-x");
    CHECK(bundle({"frobnicate", fresh}) != 0);
    CHECK(bundle({"extract-optimised-synthesis-test-patterns", zip, "-w", "1", "-d", "1", "-o", out}) != 0);
    CHECK_THAT(last_error, Catch::Contains("--picture-bit-width"));
    CHECK_FALSE(std::filesystem::exists(out));
}
