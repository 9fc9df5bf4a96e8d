// A bundle of static analyses and optimised synthesis test patterns: the reference's
// `vc2-bundle` zip (vc2_bit_widths/bundle.py).  Members, all deflated:
//   static_filter_analysis_N.json, optimised_synthesis_test_patterns_N.json
//     each document as Python's json.dumps writes it (no trailing newline);
//   index.json  {"static_filter_analyses": [{wavelet_index, wavelet_index_ho, dwt_depth,
//                 dwt_depth_ho, filename}, …],
//                "optimised_synthesis_test_patterns": [{… the four, quantisation_matrix,
//                 picture_bit_width, filename}, …]}
// Documents and the index are written as Python's json.dumps would (python_json.hpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filters/formats/zip_archive.hpp"
#include "filters/vc2/quantisation_matrix.hpp"
#include "filters/vc2/transform_graph.hpp"

namespace rigor::formats {

struct BundleEntry {
    vc2::TransformConfig config;
    std::string filename;
    // Optimised synthesis test patterns only.
    int picture_bit_width = 0;
    vc2::QuantisationMatrix matrix;
};

struct BundleIndex {
    std::vector<BundleEntry> static_filter_analyses;
    std::vector<BundleEntry> optimised_synthesis_test_patterns;
};

// A named input document (the name is for error messages: usually its file name).
struct BundleInput {
    std::string source;
    nlohmann::ordered_json document;
};

// The zip bytes.  Throws rigor::UserError naming the input and field when a document
// lacks what the index needs, and for two inputs of the same configuration (the bundle
// could only ever return the first).
std::string write_bundle(const std::vector<BundleInput>& static_analyses,
                         const std::vector<BundleInput>& optimised_patterns);

// A bundle read into memory: its members and its parsed index.
struct Bundle {
    std::string source;
    std::vector<ZipMember> members;
    BundleIndex index;

    // The member's text; throws rigor::UserError when the index names a missing member.
    const std::string& member(const std::string& filename) const;
    // The first matching entry's member text, or nothing.
    std::optional<std::string> static_filter_analysis(const vc2::TransformConfig& config) const;
    std::optional<std::string> optimised_synthesis_test_patterns(const vc2::TransformConfig& config,
                                                                 const vc2::QuantisationMatrix& matrix,
                                                                 int picture_bit_width) const;
};

// Throws rigor::UserError naming `source` for a file that is not a zip, has no index.json
// or whose index is malformed (naming the field).
Bundle read_bundle(const std::string& bytes, const std::string& source);

}  // namespace rigor::formats
