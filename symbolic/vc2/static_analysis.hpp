// The complete static analysis of a VC-2 transform (spec §2–§5): for every reported
// intermediate array and every phase, the exact affine bounds and a test pattern, for
// the analysis (encoder) and the synthesis (decoder) filters, in the reference's order.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "filters/vc2/transform_graph.hpp"
#include "symbolic/vc2/affine_bound.hpp"
#include "symbolic/vc2/test_pattern.hpp"

namespace rigor::vc2 {

struct BoundEntry {
    int level = 0;
    std::string array_name;
    long phase_x = 0, phase_y = 0;
    std::vector<BoundTerm> lower, upper;
};

struct PatternEntry {
    int level = 0;
    std::string array_name;
    long phase_x = 0, phase_y = 0;
    PackedTestPattern pattern;
};

struct ExactAnalysis {
    TransformConfig config;
    bool batched = false;
    int num_batches = 1, batch_num = 0;
    std::vector<BoundEntry> analysis_bounds, synthesis_bounds;
    std::vector<PatternEntry> analysis_patterns, synthesis_patterns;
};

struct AnalysisOptions {
    // Keep only the phases n (counted from 1, analysis and synthesis separately) with
    // (n − 1) mod num_batches == batch_num.
    int num_batches = 1;
    int batch_num = 0;
    bool batched = false;   // write num_batches / batch_num into the result
    unsigned threads = 0;   // 0: all hardware threads
    std::function<void(const std::string&)> progress;  // optional status lines
};

// Throws rigor::UserError for an invalid configuration or batch.
ExactAnalysis static_filter_analysis(const TransformConfig& config, const AnalysisOptions& options = {});

}  // namespace rigor::vc2
