// vc2-dwt / vc2-idwt round trips, vc2-verify on several configurations, and bad input:
// a clear error, a non-zero exit and no output file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tool_helpers.hpp"

using namespace vc2_test;
namespace fs = std::filesystem;

TEST_CASE("vc2-dwt writes the spec's coefficients and vc2-idwt gives the picture back") {
    const auto dir = scratch("dwt");
    const auto golden = nlohmann::json::parse(read_file(data("vc2-dwt.json")));
    int n = 0;
    for (const auto& t : golden["transforms"]) {
        const std::string in = (dir / ("picture" + std::to_string(n) + ".json")).string();
        const std::string coeffs = (dir / ("coeffs" + std::to_string(n) + ".json")).string();
        const std::string back = (dir / ("back" + std::to_string(n) + ".json")).string();
        ++n;
        std::ofstream(in) << nlohmann::json{{"picture", t["picture"]}}.dump();
        REQUIRE(run("vc2-dwt", rigor::cli::vc2_dwt_main,
                    {in, "-w", std::to_string(t["wavelet_index"].get<int>()), "-W",
                     std::to_string(t["wavelet_index_ho"].get<int>()), "-d",
                     std::to_string(t["dwt_depth"].get<int>()), "-D", std::to_string(t["dwt_depth_ho"].get<int>()),
                     "-b", std::to_string(t["picture_bits"].get<int>()), "-o", coeffs}) == 0);
        const auto got = nlohmann::json::parse(read_file(coeffs));
        CHECK(got["coefficients"] == t["coefficients"]);
        REQUIRE(run("vc2-idwt", rigor::cli::vc2_idwt_main, {coeffs, "-o", back}) == 0);
        CHECK(nlohmann::json::parse(read_file(back))["picture"] == t["picture"]);
    }
    CHECK(n == 8);
}

TEST_CASE("vc2-verify finds every value within its bound on several configurations") {
    const auto dir = scratch("verify");
    const std::vector<std::string> w4_matrix = {"-q", "0", "L", "2", "1", "H", "0", "2", "H", "1",
                                                "3", "LH", "3", "3", "HL", "3", "3", "HH", "0"};
    for (const char* config : {"w1_W1_d1_D0", "w1_W1_d2_D0", "w3_W3_d2_D0", "w4_W1_d1_D2", "w6_W6_d1_D0"}) {
        INFO(config);
        const std::string out = (dir / (std::string(config) + ".txt")).string();
        std::vector<std::string> args = {analysis(config), "-b", "10", "-r", "2", "-o", out};
        if (std::string(config) == "w4_W1_d1_D2") args.insert(args.end(), w4_matrix.begin(), w4_matrix.end());
        const auto code = run("vc2-verify", rigor::cli::vc2_verify_main, args);
        INFO(read_file(out));
        CHECK(code == 0);
        CHECK(read_file(out).find("violations: 0\n") != std::string::npos);
    }
}

TEST_CASE("vc2-verify: Fidelity's edge values exceed the no-edge bounds, the interior holds") {
    // The specification clamps tap positions at picture edges (edge replication of the
    // intermediate arrays, not a mirror of the picture), so with the 8-tap Fidelity
    // filter a saturated picture drives analysis DC'' / H / H' at the right-most column
    // beyond the static analysis's bound (which models arrays without edges).  Those are
    // reported as information; every interior value stays in bounds.
    const auto dir = scratch("verify_fidelity");
    const std::string out = (dir / "report.txt").string();
    const std::vector<std::string> args = {analysis("w5_W5_d1_D0"), "-b", "10", "-r", "2", "--width", "104",
                                           "--height", "104", "-o", out};
    CHECK(run("vc2-verify", rigor::cli::vc2_verify_main, args) == 0);
    std::string report = read_file(out);
    CHECK(report.find("violations: 0\n") != std::string::npos);
    CHECK(report.find("edge excess: analysis (1, DC'') at (103, ") != std::string::npos);
    CHECK(report.find(", beyond their bound: 0,") == std::string::npos);

    auto with_edges = args;
    with_edges.push_back("--include-edges");
    CHECK(run("vc2-verify", rigor::cli::vc2_verify_main, with_edges) == 3);
    report = read_file(out);
    CHECK(report.find("violation: analysis (1, DC'') at (103, ") != std::string::npos);
    CHECK(report.find("(edge)") != std::string::npos);
}

TEST_CASE("vc2-verify fails on a violation") {
    // A static analysis whose LeGall bounds were tightened by hand: the analysis DC'
    // phase (1, 0) upper bound is set to 0, which real pictures exceed.
    auto doc = nlohmann::json::parse(read_file(analysis("w1_W1_d1_D0")));
    bool changed = false;
    for (auto& e : doc["analysis_signal_bounds"])
        if (e["array_name"] == "DC'" && e["phase"] == nlohmann::json{1, 0}) {
            e["upper_bound"] = nlohmann::json::array();
            changed = true;
        }
    REQUIRE(changed);
    const auto dir = scratch("verify_violation");
    const std::string in = (dir / "tight.json").string(), out = (dir / "report.txt").string();
    std::ofstream(in) << doc.dump();
    CHECK(run("vc2-verify", rigor::cli::vc2_verify_main, {in, "-b", "10", "-r", "1", "-o", out}) == 3);
    // Without --include-edges every "violation:" line is an interior value.
    CHECK(read_file(out).find("violation: analysis (1, DC') at") != std::string::npos);
}

TEST_CASE("vc2 tools: bad input gives a clear error, exit 1 and no output file") {
    const auto dir = scratch("bad");
    const std::string out = (dir / "out.csv").string();
    auto write = [&](const std::string& name, const std::string& text) {
        const std::string p = (dir / name).string();
        std::ofstream(p) << text;
        return p;
    };
    auto doc = nlohmann::json::parse(read_file(analysis("w1_W1_d1_D0")));
    doc["analysis_signal_bounds"][2]["lower_bound"][0].erase("numer");
    const std::string missing_numer = write("missing_numer.json", doc.dump());
    doc = nlohmann::json::parse(read_file(analysis("w1_W1_d1_D0")));
    doc["synthesis_test_patterns"][1]["pattern"]["width"] = "7";
    const std::string bad_width = write("bad_width.json", doc.dump());
    doc = nlohmann::json::parse(read_file(analysis("w1_W1_d1_D0")));
    doc.erase("dwt_depth");
    const std::string no_depth = write("no_depth.json", doc.dump());
    const std::string not_json = write("not_json.json", "{\"wavelet_index\": 1,");
    // No default quantisation matrix exists for mixed wavelets with these depths.
    doc = nlohmann::json::parse(read_file(analysis("w4_W1_d1_D2")));
    const std::string no_matrix = analysis("w4_W1_d1_D2");

    struct Case {
        std::vector<std::string> args;
        std::string message;
        int code = 1;  // 2: an argument mistake (rigor's error policy, as argparse)
    };
    const std::string good = analysis("w1_W1_d1_D0");
    const std::vector<Case> cases = {
        {{missing_numer, "-b", "10"}, "analysis_signal_bounds[2].lower_bound[0].numer: missing"},
        {{bad_width, "-b", "10"}, "synthesis_test_patterns[1].pattern.width: expected an integer"},
        {{no_depth, "-b", "10"}, "dwt_depth: missing"},
        {{not_json, "-b", "10"}, "not valid JSON"},
        {{good, "-b", "0"}, "picture bit width 0 is out of range"},
        {{good, "-b", "99"}, "picture bit width 99 is out of range"},
        {{good, "-b", "ten"}, "picture bit width 'ten' is not an integer", 2},
        {{good}, "the argument -b/--picture-bit-width is required", 2},
        {{no_matrix, "-b", "10"}, "no default quantisation matrix"},
        {{good, "-b", "10", "-q", "0", "LL"}, "LEVEL ORIENT VALUE triples"},
        {{good, "-b", "10", "-q", "0", "LL", "x"}, "the value 'x' is not a non-negative integer"},
        {{good, "-b", "10", "-q", "5", "LL", "1"}, "this transform has no band LL at level 5"},
        {{good, "-b", "10", "-q", "one", "LL", "1"}, "the level 'one' is not an integer"},
        {{dir.string() + "/absent.json", "-b", "10"}, "cannot read '"},
    };
    for (const Case& c : cases) {
        using Main = int (*)(std::span<const std::string>);
        const std::pair<const char*, Main> tools[] = {
            {"vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main},
            {"vc2-maximum-quantisation-index", rigor::cli::vc2_maximum_quantisation_index_main}};
        for (auto [name, main] : tools) {
            auto args = c.args;
            args.insert(args.end(), {"-o", out});
            INFO(name << " " << c.message);
            CHECK(run(name, main, args) == c.code);
            CHECK(last_error.find(c.message) != std::string::npos);
            CHECK_FALSE(fs::exists(out));
        }
    }
    // A full custom matrix makes the mixed-wavelet configuration usable.
    CHECK(run("vc2-maximum-quantisation-index", rigor::cli::vc2_maximum_quantisation_index_main,
              {no_matrix, "-b", "10", "-q", "0", "L", "0", "1", "H", "0", "2", "H", "0", "3", "LH", "0", "3", "HL",
               "0", "3", "HH", "0", "-o", out}) == 0);
    CHECK(std::stoi(read_file(out)) > 0);
    fs::remove(out);
    // vc2-dwt: a picture whose size does not fit the depth, a ragged row.
    const std::string odd = write("odd.json", "[[1, 2, 3], [4, 5, 6]]");
    CHECK(run("vc2-dwt", rigor::cli::vc2_dwt_main, {odd, "-d", "1", "-o", out}) == 1);
    CHECK(last_error.find("multiple of 2") != std::string::npos);
    const std::string ragged = write("ragged.json", "[[1, 2], [4]]");
    CHECK(run("vc2-dwt", rigor::cli::vc2_dwt_main, {ragged, "-o", out}) == 1);
    CHECK(last_error.find("picture[1]: expected a row of 2 integers") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
}
