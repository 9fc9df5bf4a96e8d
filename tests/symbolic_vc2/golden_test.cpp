// rigor's static analysis against the reference tool's output (data/vc2/static-analysis,
// copied from BBC vc2_bit_widths 1.0.0): the same entries in the same order, every bound
// the same exact linear expression (term order free), every test pattern identical.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "filters/formats/vc2_static_analysis_writer.hpp"
#include "symbolic/vc2/static_analysis.hpp"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json load(const fs::path& p) {
    std::ifstream in(p);
    REQUIRE(in);
    return json::parse(in);
}

// A bound as {symbol → "numer/denom"}: term order inside one bound is free.
std::map<std::string, std::string> terms(const json& bound) {
    std::map<std::string, std::string> m;
    for (const json& t : bound) {
        const std::string s = t["symbol"].is_null() ? "<constant>" : t["symbol"].get<std::string>();
        m[s] = t["numer"].get<std::string>() + "/" + t["denom"].get<std::string>();
    }
    return m;
}

std::string where(const json& e) {
    return std::to_string(e["level"].get<int>()) + " " + e["array_name"].get<std::string>() + " " +
           e["phase"].dump();
}

json run(const rigor::vc2::TransformConfig& c, int batches = 1, int batch = 0) {
    rigor::symbolic::vc2::AnalysisOptions o;
    o.num_batches = batches;
    o.batch_num = batch;
    o.batched = batches > 1;
    std::ostringstream s;
    rigor::formats::write_static_analysis(s, rigor::symbolic::vc2::static_filter_analysis(c, o));
    return json::parse(s.str());
}

rigor::vc2::TransformConfig config_of(const json& g) {
    return {g["wavelet_index"].get<int>(), g["wavelet_index_ho"].get<int>(), g["dwt_depth"].get<int>(),
            g["dwt_depth_ho"].get<int>()};
}

void compare(const json& got, const json& want) {
    for (const char* k : {"wavelet_index", "wavelet_index_ho", "dwt_depth", "dwt_depth_ho"}) CHECK(got[k] == want[k]);
    for (const char* list : {"analysis_signal_bounds", "synthesis_signal_bounds"}) {
        INFO(list);
        REQUIRE(got[list].size() == want[list].size());
        for (std::size_t i = 0; i < want[list].size(); ++i) {
            const json &g = got[list][i], &w = want[list][i];
            INFO("entry " << i << ": want " << where(w) << ", got " << where(g));
            REQUIRE(where(g) == where(w));
            CHECK(terms(g["lower_bound"]) == terms(w["lower_bound"]));
            CHECK(terms(g["upper_bound"]) == terms(w["upper_bound"]));
        }
    }
    for (const char* list : {"analysis_test_patterns", "synthesis_test_patterns"}) {
        INFO(list);
        REQUIRE(got[list].size() == want[list].size());
        for (std::size_t i = 0; i < want[list].size(); ++i) {
            INFO("entry " << i << ": " << where(want[list][i]));
            CHECK(got[list][i].dump() == want[list][i].dump());
        }
    }
}

}  // namespace

TEST_CASE("static analysis equals the reference's golden documents", "[vc2][golden]") {
    const fs::path dir = fs::path(RIGOR_DATA_DIR) / "vc2" / "static-analysis";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() == 11);
    for (const fs::path& f : files) {
        SECTION(f.filename().string()) {
            const json want = load(f);
            compare(run(config_of(want)), want);
        }
    }
}

TEST_CASE("the JSON text has the reference's layout", "[vc2][golden]") {
    // Term order inside a bound may legitimately differ from the reference's, so the
    // whole text is compared where there are no bounds, and the separators elsewhere.
    std::ifstream in(fs::path(RIGOR_DATA_DIR) / "vc2" / "static-analysis" / "w5_W5_d0_D0.json");
    std::stringstream want;
    want << in.rdbuf();
    std::ostringstream got;
    rigor::formats::write_static_analysis(got, rigor::symbolic::vc2::static_filter_analysis({5, 5, 0, 0}));
    CHECK(got.str() == want.str());

    std::ostringstream one;
    rigor::formats::write_static_analysis(one, rigor::symbolic::vc2::static_filter_analysis({1, 1, 1, 0}));
    const std::string t = one.str();
    CHECK(t.rfind("{\"wavelet_index\": 1, \"wavelet_index_ho\": 1, \"dwt_depth\": 1, \"dwt_depth_ho\": 0, ", 0) == 0);
    CHECK(t.find("{\"symbol\": \"signal_min\", \"numer\": \"1\", \"denom\": \"1\"}") != std::string::npos);
    CHECK(t.find("\"pattern_translation_multiple\": [") != std::string::npos);
    CHECK(t.back() == '\n');
}
