// The numeric engine as an analysis asks about it (filters/expr/engine_probe.hpp): a
// point program runs through ExprFilter — parsed from its stored postfix text, optimised,
// compiled to generated code or the interpreter exactly as `rigor expr` would — on
// frames 1024 samples wide whose pixel i holds point i's inputs, one clip per input.
#pragma once
#include "filters/expr/engine_probe.hpp"

namespace rigor::pixel::expr {

// threads: for the rows of a batch (0: every core).
rigor::expr::EngineProbe engine_probe(int threads = 0);

}  // namespace rigor::pixel::expr
