// The optimised synthesis test patterns document (the reference's JSON, written by
// `vc2-optimise-synthesis-test-patterns`, read by the table and test-picture tools):
//   {"wavelet_index", "wavelet_index_ho", "dwt_depth", "dwt_depth_ho", "picture_bit_width",
//    "quantisation_matrix": {"LEVEL": {"ORIENT": value, …}, …},
//    "optimised_synthesis_test_patterns": [pattern entry (spec §5) + "quantisation_index",
//                                          "decoded_value", "num_search_iterations", …]}
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/quantisation_matrix.hpp"

namespace rigor::formats {

// One pattern the search found (pixel/vc2_bit_widths/pattern_optimisation.hpp).
struct OptimisedPattern {
    TestPattern pattern;  // the polarities found (box trimmed to the set pixels)
    int quantisation_index = 0;
    std::int64_t decoded_value = 0;
    long num_search_iterations = 0;
};

struct OptimisedPatternsDocument {
    vc2::TransformConfig config;
    int picture_bit_width = 0;
    vc2::QuantisationMatrix matrix;
    std::vector<OptimisedPattern> patterns;
};

// Keys in the reference's order (entries: target, pattern, pattern_translation_multiple,
// target_translation_multiple, quantisation_index, decoded_value, num_search_iterations,
// level, array_name, phase).
nlohmann::ordered_json to_json(const OptimisedPatternsDocument& document);

// Throws rigor::UserError naming `source` and the malformed field.
OptimisedPatternsDocument parse_optimised_patterns(const nlohmann::json& document, const std::string& source);
OptimisedPatternsDocument read_optimised_patterns(const std::string& path);

// The test-pattern entry of spec §5 (the "pattern" object and the translation multiples)
// as a JSON value; the static-analysis writer writes the same entry as text, for speed.
nlohmann::ordered_json pattern_entry_json(const TestPattern& pattern);

// The analysis with its synthesis patterns replaced by the optimised ones, after checking
// that the document is for the analysis's transform.
StaticAnalysis with_optimised_patterns(StaticAnalysis analysis, const OptimisedPatternsDocument& optimised,
                                       const std::string& source);

}  // namespace rigor::formats
