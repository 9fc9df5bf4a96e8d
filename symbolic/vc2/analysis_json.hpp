// The static analysis as the reference's JSON document (spec §5): Python json.dumps
// layout (", " and ": " separators), keys in the reference's order, a newline at the end.
// Written directly as text: a 4-level Fidelity document is hundreds of megabytes.
#pragma once
#include <ostream>

#include "symbolic/vc2/static_analysis.hpp"

namespace rigor::vc2 {

void write_analysis_json(std::ostream& out, const ExactAnalysis& analysis);

}  // namespace rigor::vc2
