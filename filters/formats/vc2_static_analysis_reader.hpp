// A static analysis document (the JSON of `vc2-static-filter-analysis`, spec §5) read
// into typed values.  Every malformed or missing field is a rigor::UserError naming the
// field's path, e.g. "analysis_signal_bounds[3].lower_bound[0].numer: expected a string
// holding an integer".  Only whole analyses are read: a batch is refused (combine the
// batches first), so `batch` of the result is always empty.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "filters/formats/vc2_static_analysis.hpp"

namespace rigor::formats {

// `source` names the document in error messages (usually its file name).
StaticAnalysis parse_static_analysis(const nlohmann::json& document, const std::string& source);
// Reads and parses a file; throws rigor::IoError when it cannot be read.
StaticAnalysis read_static_analysis(const std::string& path);
// The test-pattern list document[key] (the static analysis's pattern entry format, also
// used by the optimised synthesis test patterns file); errors name source and field.
std::vector<TestPattern> parse_test_patterns(const nlohmann::json& document, const std::string& key,
                                             const std::string& source);

}  // namespace rigor::formats
