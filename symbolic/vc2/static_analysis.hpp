// The complete static analysis of a VC-2 transform (spec §2–§5): for every reported
// intermediate array and every phase, the exact affine bounds and a test pattern, for
// the analysis (encoder) and the synthesis (decoder) filters, in the reference's order,
// as the document the tools read (filters/formats/vc2_static_analysis.hpp).
#pragma once
#include <functional>
#include <string>

#include "filters/formats/vc2_static_analysis.hpp"
#include "filters/vc2/transform_graph.hpp"

namespace rigor::symbolic::vc2 {

struct AnalysisOptions {
    // Keep only the values of batch batch_num of num_batches (formats::batch_position).
    int num_batches = 1;
    int batch_num = 0;
    bool batched = false;   // write num_batches / batch_num into the result
    unsigned threads = 0;   // 0: all hardware threads
    std::function<void(const std::string&)> progress;  // optional status lines
};

// Throws rigor::UserError for an invalid configuration or batch.
formats::StaticAnalysis static_filter_analysis(const rigor::vc2::TransformConfig& config,
                                               const AnalysisOptions& options = {});

}  // namespace rigor::symbolic::vc2
