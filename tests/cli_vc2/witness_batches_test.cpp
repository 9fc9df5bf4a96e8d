// `vc2-bit-widths-table --tight` with its witness search split into batches
// (--num-batches/--batch-num, each writing a witness batch file) and combined
// (--witnesses): the combined table is byte for byte the single run's, and files that do
// not make up one run are refused with one line and no output.
#include <catch2/catch.hpp>

#include "tests/support/cli_scratch.hpp"

#include <filesystem>

namespace {

using rigor::test::slurp;

class Scratch : public rigor::test::ScratchDir {
public:
    rigor::test::Captured run(const std::string& line) const { return rigor::test::run_capture(line, *this); }
};

const std::string table = std::string(RIGOR_BIN_DIR) + "/vc2-bit-widths-table ";

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("witness batches run apart combine into the single run's table", "[cli][vc2][tight][witness]") {
    Scratch s;
    const std::string sa = s / "sa.json";
    REQUIRE(s.run(std::string(RIGOR_BIN_DIR) + "/vc2-static-filter-analysis -w 1 -d 1 -o " + sa).code == 0);
    const std::string common = table + sa + " -b 8 --tight --quiet ";
    const auto whole = s.run(common + "-p -f json");
    REQUIRE(whole.code == 0);
    std::string files;
    for (int k = 0; k < 3; ++k) {
        const std::string f = s / ("w" + std::to_string(k) + ".json");
        REQUIRE(s.run(common + "-B 3 --batch-num " + std::to_string(k) + " -o " + f).code == 0);
        REQUIRE(slurp(f).rfind("{\"document\":\"rigor witness batch\"", 0) == 0);
        files += " " + f;
    }
    const auto combined = s.run(common + "-p -f json --witnesses" + files);
    REQUIRE(combined.code == 0);
    CHECK(combined.out == whole.out);

    // Not one run's batches: one line, exit 1, nothing written.
    const std::string out = s / "table.csv";
    for (const auto& [given, message] :
         std::vector<std::pair<std::string, std::string>>{{s / "w0.json" + " " + s / "w2.json", "batch 1 of 3 is missing"},
                                                          {files + " " + s / "w1.json", "batch 1 again"},
                                                          {s / "sa.json", "not a valid witness batch"}}) {
        INFO(given);
        const auto r = s.run(common + "--witnesses " + given + " -o " + out);
        CHECK(r.code == 1);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(lines(r.err) == 2);  // the tight-bounds line, then the error
        CHECK_FALSE(std::filesystem::exists(out));
    }
    // Another bit width's table refuses these batches.
    const auto ten = s.run(table + sa + " -b 10 --tight --quiet --witnesses" + files);
    CHECK(ten.code == 1);
    CHECK(ten.err.find("fingerprint differs") != std::string::npos);
}

TEST_CASE("witness batch options are checked before any work", "[cli][vc2][tight][witness]") {
    Scratch s;
    const std::string sa = s / "sa.json";
    REQUIRE(s.run(std::string(RIGOR_BIN_DIR) + "/vc2-static-filter-analysis -w 3 -d 1 -o " + sa).code == 0);
    for (const auto& [options, message] : std::vector<std::pair<std::string, std::string>>{
             {"-B 2 --batch-num 0", "need --tight"},
             {"--tight -B 2", "go together"},
             {"--tight --batch-num 0", "go together"},
             {"--tight -B 2 --batch-num 2", "less than --num-batches"},
             {"--tight -B 0 --batch-num 0", "must be 1 to"},
             {"--tight -B 2 --batch-num 0 --witnesses x.json", "without --num-batches"}}) {
        INFO(options);
        const auto r = s.run(table + sa + " -b 8 " + options);
        CHECK(r.code == 2);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(lines(r.err) == 1);
    }
}
