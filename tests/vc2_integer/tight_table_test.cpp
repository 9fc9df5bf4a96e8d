// vc2-bit-widths-table --tight (issue 12 parts 1 and 4): the edge-inclusive bounds contain
// the reference's test-pattern values (real values of the integer transform) on every row
// of every golden analysis (the rows and pattern values are the plain table's, the same
// function's); they are the same for every picture size from the stated
// minimum (1920×1080 gives the minimum's table); and the arguments are checked.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tool_helpers.hpp"

using namespace vc2_test;

namespace {

nlohmann::json tight_table(const std::string& out, std::vector<std::string> args) {
    args.insert(args.end(), {"--tight", "-p", "--format", "json", "-o", out});
    REQUIRE(run("vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main, args) == 0);
    return nlohmann::json::parse(read_file(out));
}

}  // namespace

TEST_CASE("tight tables: the bounds contain every test pattern's value, edges included, on every golden analysis") {
    const auto dir = scratch("tight");
    struct Case {
        const char* config;
        const char* bits;
    };
    for (const Case& k : {Case{"w0_W0_d2_D0", "10"}, Case{"w1_W1_d0_D2", "10"}, Case{"w1_W1_d1_D0", "8"},
                          Case{"w1_W1_d1_D0", "10"}, Case{"w1_W1_d2_D0", "10"}, Case{"w1_W1_d3_D0", "10"},
                          Case{"w3_W3_d2_D0", "12"}, Case{"w5_W5_d1_D0", "10"}, Case{"w6_W6_d1_D0", "8"},
                          Case{"w0_W0_d0_D3", "10"}, Case{"w4_W4_d1_D0", "10"}}) {
        const std::string config = k.config, bits = k.bits;
        INFO(config << " at " << bits << " bits");
        const std::string file = config == "w4_W4_d1_D0" ? RIGOR_TEST_DIR "/w4_W4_d1_D0.json" : analysis(config);
        const auto t = tight_table((dir / "t.json").string(), {file, "-b", bits});
        CHECK(t["bounds"] == "tight, edges included");
        CHECK(t["pictures"]["minimum_width"].get<long>() > 0);
        REQUIRE(!t["rows"].empty());
        for (const auto& r : t["rows"]) {
            INFO(r.dump());
            CHECK(r["lower_bound"].get<long>() <= r["test_pattern_min"].get<long>());
            CHECK(r["test_pattern_max"].get<long>() <= r["upper_bound"].get<long>());
        }
    }
}

TEST_CASE("tight tables: the bounds of every size from the minimum are those of any larger size") {
    const auto dir = scratch("tight_sizes");
    for (const char* config : {"w1_W1_d2_D0", "w5_W5_d1_D0", "w1_W1_d0_D2"}) {
        INFO(config);
        const auto every = tight_table((dir / "every.json").string(), {analysis(config), "-b", "10"});
        const auto hd = tight_table((dir / "hd.json").string(),
                                    {analysis(config), "-b", "10", "--width", "1920", "--height", "1080"});
        CHECK(hd["pictures"]["width"] == 1920);
        // The bounds agree; the pattern columns differ (no witness search at 1920x1080).
        REQUIRE(hd["rows"].size() == every["rows"].size());
        for (std::size_t i = 0; i < hd["rows"].size(); ++i) {
            CHECK(hd["rows"][i]["lower_bound"] == every["rows"][i]["lower_bound"]);
            CHECK(hd["rows"][i]["upper_bound"] == every["rows"][i]["upper_bound"]);
        }
        // The minimum size itself, given exactly, has the same bounds.
        const auto least = tight_table((dir / "least.json").string(),
                                       {analysis(config), "-b", "10", "--width",
                                        std::to_string(every["pictures"]["minimum_width"].get<long>()), "--height",
                                        std::to_string(every["pictures"]["minimum_height"].get<long>())});
        CHECK(least["rows"] == every["rows"]);
    }
}

TEST_CASE("tight tables: depth 0 and argument mistakes") {
    const auto dir = scratch("tight_errors");
    const std::string out = (dir / "t.csv").string();
    const auto table = [&](std::vector<std::string> args) {
        return run("vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main, args);
    };
    REQUIRE(table({analysis("w5_W5_d0_D0"), "-b", "10", "--tight", "-o", out}) == 0);
    CHECK(read_file(out) == "type,level,array_name,lower_bound,test_pattern_min,test_pattern_max,upper_bound,bits\r\n");
    const std::string legall = analysis("w1_W1_d2_D0");
    CHECK(table({legall, "-b", "10", "--width", "64", "--height", "64", "-o", (dir / "a").string()}) == 2);
    CHECK(last_error.find("--tight") != std::string::npos);
    CHECK(table({legall, "-b", "10", "--tight", "--width", "64", "-o", (dir / "b").string()}) == 2);
    CHECK(table({legall, "-b", "10", "--tight", "--width", "66", "--height", "64", "-o", (dir / "c").string()}) == 1);
    CHECK(last_error.find("multiple of 4") != std::string::npos);
    CHECK(table({legall, "-b", "10", "--tight", "--width", "x", "--height", "64", "-o", (dir / "d").string()}) == 2);
    for (const char* f : {"a", "b", "c", "d"}) CHECK_FALSE(std::filesystem::exists(dir / f));
}

TEST_CASE("vc2-verify with tight bounds: Fidelity's edges hold, every value counts") {
    const auto dir = scratch("tight_verify");
    const std::string out = (dir / "report.txt").string();
    const std::vector<std::string> args = {analysis("w5_W5_d1_D0"), "-b", "10", "-r", "1", "--width", "104",
                                           "--height", "104", "-o", out};
    auto with = [&](const char* flag) {
        auto a = args;
        a.push_back(flag);
        return run("vc2-verify", rigor::cli::vc2_verify_main, a);
    };
    CHECK(with("--include-edges") == 3);  // the reference's bounds fail at the edges
    CHECK(with("--tight") == 0);
    const std::string report = read_file(out);
    CHECK(report.find("violations: 0\n") != std::string::npos);
    CHECK(report.find("(counted as violations)") != std::string::npos);
    // Both sizes are checked: exactly 104x104, and the minimum size (58x58) the bounds state.
    CHECK(report.find("tight bounds of pictures of exactly 104x104:\n") != std::string::npos);
    CHECK(report.find("tight bounds of every picture of at least 58x58, at 58x58 (") != std::string::npos);
    // One of --width and --height alone is an argument mistake; nothing is written.
    const std::string small = (dir / "small.txt").string();
    CHECK(run("vc2-verify", rigor::cli::vc2_verify_main,
              {analysis("w5_W5_d1_D0"), "-b", "10", "--tight", "--width", "16", "-o", small}) == 2);
    CHECK(last_error.find("--width and --height go together") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(small));
}

// Where edges add nothing (LeGall: its edge responses are no larger than the interior's),
// the tight table is never looser than the reference's golden table on any row, and the
// decoder rows through the quantiser chain are tighter.
TEST_CASE("tight tables: LeGall never looser than the reference's golden tables, row by row") {
    const auto dir = scratch("tight_golden");
    for (const char* name : {"w1_W1_d1_D0_b10", "w1_W1_d1_D0_b8", "w1_W1_d2_D0_b10"}) {
        INFO(name);
        const std::string config = std::string(name).substr(0, 11), bits = std::string(name).substr(13);
        const std::string out = (dir / "t.csv").string();
        REQUIRE(run("vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main,
                    {analysis(config), "-b", bits, "-p", "--tight", "-o", out}) == 0);
        std::istringstream tight(read_file(out)), golden(read_file(data("tables/" + std::string(name) + "_table.csv")));
        std::string t, g;
        long rows = 0, tighter = 0;
        std::getline(tight, t);
        std::getline(golden, g);
        while (std::getline(golden, g)) {
            REQUIRE(std::getline(tight, t));
            auto fields = [](const std::string& line) {
                std::vector<std::string> f;
                std::istringstream s(line);
                for (std::string x; std::getline(s, x, ',');) f.push_back(x);
                return f;
            };
            const auto a = fields(g), b = fields(t);
            REQUIRE(a.size() == 10);
            REQUIRE(b.size() == 10);
            INFO(g << " vs " << t);
            CHECK(std::stol(b[5]) >= std::stol(a[5]));  // lower_bound
            CHECK(std::stol(b[8]) <= std::stol(a[8]));  // upper_bound
            ++rows;
            tighter += b[8] != a[8];
        }
        CHECK(rows > 0);
        CHECK(tighter > 0);
    }
}

// The tight tables of two wavelets whose edge classes repeat (Fidelity, Daubechies) as
// the tool printed them before any speed-up of the bounds or the witness search
// (data/vc2/tables/*_tight_phases.csv): bounds, witnesses' values and the class pairs
// they start from must come out the same, byte for byte.
TEST_CASE("tight tables: Fidelity and Daubechies depth 1 byte-identical to their golden tables") {
    const auto dir = scratch("tight_bytes");
    for (const char* config : {"w5_W5_d1_D0", "w6_W6_d1_D0"}) {
        INFO(config);
        const std::string out = (dir / "t.csv").string();
        REQUIRE(run("vc2-bit-widths-table", rigor::cli::vc2_bit_widths_table_main,
                    {analysis(config), "-b", "10", "-p", "--tight", "-o", out}) == 0);
        CHECK(read_file(out) == read_file(data("tables/" + std::string(config) + "_b10_tight_phases.csv")));
    }
}
