// A static analysis document (the JSON of `vc2-static-filter-analysis`, spec §5) read
// into typed values.  Every malformed or missing field is a rigor::UserError naming the
// field's path, e.g. "analysis_signal_bounds[3].lower_bound[0].numer: expected a string
// holding an integer".
#pragma once
#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filters/vc2/transform_graph.hpp"

namespace rigor::vc2 {

using Rational = boost::multiprecision::cpp_rational;

// coefficient · symbol, or a constant term when symbol is empty.
struct LinearTerm {
    std::optional<std::string> symbol;
    Rational coefficient;
};
using LinearExpression = std::vector<LinearTerm>;

// Identifies one value of the transform: an array of a level at one phase.
struct ArrayPhase {
    int level = 0;
    std::string array_name;
    long x = 0, y = 0;
    auto operator<=>(const ArrayPhase&) const = default;
};

struct SignalBound {
    ArrayPhase where;
    LinearExpression lower, upper;
};

// A test pattern (spec §4): polarity +1 (maximum), −1 (minimum) or 0 (unset) on the
// box [dx, dx+width) × [dy, dy+height); the target value is at `target` in the array's
// own coordinates.  Moving the pattern by k·pattern_multiple pixels moves the target by
// k·target_multiple samples.
struct TestPattern {
    ArrayPhase where;
    long target_x = 0, target_y = 0;
    long dx = 0, dy = 0, width = 0, height = 0;
    std::vector<std::int8_t> polarity;  // row-major over the box
    long pattern_multiple_x = 1, pattern_multiple_y = 1;
    long target_multiple_x = 1, target_multiple_y = 1;

    std::int8_t at(long x, long y) const { return polarity[static_cast<std::size_t>((y - dy) * width + (x - dx))]; }
};

struct StaticAnalysis {
    TransformConfig config;
    std::vector<SignalBound> analysis_bounds, synthesis_bounds;
    std::vector<TestPattern> analysis_patterns, synthesis_patterns;
};

// `source` names the document in error messages (usually its file name).
StaticAnalysis parse_static_analysis(const nlohmann::json& document, const std::string& source);
// Reads and parses a file; throws rigor::IoError when it cannot be read.
StaticAnalysis read_static_analysis(const std::string& path);
// The test-pattern list document[key] (the static analysis's pattern entry format, also
// used by the optimised synthesis test patterns file); errors name source and field.
std::vector<TestPattern> parse_test_patterns(const nlohmann::json& document, const std::string& key,
                                             const std::string& source);
// Parses a JSON file, naming it in the error when it cannot be read or is not JSON.
nlohmann::json read_json_file(const std::string& path, const std::string& what);

}  // namespace rigor::vc2
