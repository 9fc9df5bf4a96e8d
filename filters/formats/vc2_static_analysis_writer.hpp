// The static analysis as the reference's JSON document (spec §5): Python json.dumps
// layout (", " and ": " separators), keys in the reference's order, a newline at the end.
// Written directly as text, not through a JSON value (python_json.hpp): a 4-level
// Fidelity document is over a hundred megabytes, nearly all of it pattern bits.
#pragma once
#include <ostream>

#include "filters/formats/vc2_static_analysis.hpp"

namespace rigor::formats {

void write_static_analysis(std::ostream& out, const StaticAnalysis& analysis);

}  // namespace rigor::formats
