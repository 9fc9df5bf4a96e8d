// The static analysis document (filters/formats): what the reader reads the writer writes
// back byte for byte (the golden documents of the reference), the test patterns' bits,
// and the batch rule the analysis and the combiner share.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "filters/base/error.hpp"
#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_batches.hpp"
#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "filters/formats/vc2_static_analysis_writer.hpp"

namespace fs = std::filesystem;
using namespace rigor::formats;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<fs::path> golden_documents() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(RIGOR_DATA_DIR) / "vc2" / "static-analysis"))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::string written(const StaticAnalysis& a) {
    std::ostringstream out;
    write_static_analysis(out, a);
    return out.str();
}

// Batch k of N of a whole analysis, dealt out by batch_position.
template <class Entry>
std::vector<Entry> deal(const std::vector<Entry>& whole, int batches, int k) {
    std::vector<Entry> out;
    for (std::size_t n = 0; n < whole.size(); ++n) {
        const BatchPosition at = batch_position(n, static_cast<std::size_t>(batches));
        if (at.batch == static_cast<std::size_t>(k)) {
            CHECK(at.index == out.size());
            out.push_back(whole[n]);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("static analysis: the writer writes what the reader read, byte for byte", "[formats][vc2]") {
    const auto files = golden_documents();
    REQUIRE(files.size() == 11);
    for (const fs::path& f : files) {
        INFO(f.filename().string());
        const StaticAnalysis doc = read_static_analysis(f.string());
        CHECK_FALSE(doc.batch);
        const std::string text = written(doc);
        CHECK(text == slurp(f));
        CHECK(parse_static_analysis(nlohmann::json::parse(text), "written") == doc);
    }
}

TEST_CASE("static analysis: a pattern's bits are kept canonical", "[formats][vc2]") {
    // A 3 x 3 box, polarities + - 0 / 0 + + / - 0 + (row-major bits, MSB first).
    TestPattern p;
    p.clear_box(3, 3);
    const std::vector<std::int8_t> polarities = {1, -1, 0, 0, 1, 1, -1, 0, 1};
    p.set_polarities(polarities);
    CHECK(p.polarities() == polarities);
    CHECK(p.set_pixels() == 6);
    CHECK(p.polarity(1, 0) == -1);
    CHECK(p.polarity(2, 0) == 0);
    CHECK(p.mask_bits == std::vector<std::uint8_t>{0b11001110, 0b10000000});
    CHECK(p.positive_bits == std::vector<std::uint8_t>{0b10001100, 0b10000000});
    const std::int8_t row[] = {0, 0, -1};
    p.set_row(1, row);
    CHECK(p.polarities() == std::vector<std::int8_t>{1, -1, 0, 0, 0, -1, -1, 0, 1});

    // The same pattern written with stray bits (positive where unset, padding) reads as
    // the canonical one; longer base64 than the box needs is cut to the box.
    const std::string document = R"({"wavelet_index": 1, "wavelet_index_ho": 1, "dwt_depth": 0, "dwt_depth_ho": 0,
        "analysis_signal_bounds": [], "synthesis_signal_bounds": [], "synthesis_test_patterns": [],
        "analysis_test_patterns": [{"target": [0, 0], "pattern": {"dx": 0, "dy": 0, "width": 3, "height": 3,
            "positive": "rP//", "mask": "zv9b"}, "pattern_translation_multiple": [1, 1],
            "target_translation_multiple": [1, 1], "level": 1, "array_name": "Input", "phase": [0, 0]}]})";
    const StaticAnalysis a = parse_static_analysis(nlohmann::json::parse(document), "stray.json");
    REQUIRE(a.analysis_patterns.size() == 1);
    const TestPattern& q = a.analysis_patterns[0];
    CHECK(q.polarities() == polarities);
    CHECK(q.mask_bits == std::vector<std::uint8_t>{0b11001110, 0b10000000});
    CHECK(q.positive_bits == std::vector<std::uint8_t>{0b10001100, 0b10000000});
}

TEST_CASE("batches: dealt out by batch_position and combined, they give the whole document back",
          "[formats][vc2][batch]") {
    CHECK(batch_position(0, 3).batch == 0);
    CHECK(batch_position(7, 3).batch == 1);
    CHECK(batch_position(7, 3).index == 2);
    CHECK(batch_position(7, 1).index == 7);
    const fs::path dir = fs::temp_directory_path() / "rigor_formats_batches";
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* name : {"w1_W1_d2_D0", "w4_W1_d1_D2", "w5_W5_d1_D0"}) {
        const fs::path golden = fs::path(RIGOR_DATA_DIR) / "vc2" / "static-analysis" / (std::string(name) + ".json");
        const StaticAnalysis whole = read_static_analysis(golden.string());
        for (int batches : {1, 2, 3, 5}) {
            INFO(name << " in " << batches << " batches");
            std::vector<std::string> files;
            for (int k = batches - 1; k >= 0; --k) {  // any order
                StaticAnalysis part;
                part.config = whole.config;
                part.batch = Batch{batches, k};
                part.analysis_bounds = deal(whole.analysis_bounds, batches, k);
                part.synthesis_bounds = deal(whole.synthesis_bounds, batches, k);
                part.analysis_patterns = deal(whole.analysis_patterns, batches, k);
                part.synthesis_patterns = deal(whole.synthesis_patterns, batches, k);
                files.push_back((dir / ("b" + std::to_string(k) + ".json")).string());
                std::ofstream(files.back(), std::ios::binary) << written(part);
            }
            CHECK(python_json_dumps(combine_batch_files(files)) + "\n" == slurp(golden));
            if (batches > 1) {
                // A batch is not a whole analysis: the reader sends it to the combiner.
                CHECK_THROWS_WITH(read_static_analysis(files[0]), Catch::Contains("combine the batches first"));
                files.pop_back();
                try {
                    combine_batch_files(files);
                    FAIL("a missing batch was combined");
                } catch (const CombineError& e) {
                    CHECK(e.problem == CombineProblem::MissingBatch);
                }
            }
        }
    }
    fs::remove_all(dir);
}
