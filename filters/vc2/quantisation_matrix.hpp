// Quantisation matrices: level → orientation → index offset (spec 13.3; the default
// matrices of SMPTE ST 2042-1 table 13.x, keyed by wavelet, depth and horizontal-only
// depth), with the companion tools' `-q LEVEL ORIENT VALUE` overrides.
#pragma once
#include <map>
#include <optional>
#include <span>
#include <string>

#include "filters/vc2/transform_graph.hpp"

namespace rigor::vc2 {

using QuantisationMatrix = std::map<int, std::map<std::string, int>>;

// The default matrix of a configuration, or nothing when the standard defines none.
std::optional<QuantisationMatrix> default_quantisation_matrix(const TransformConfig& config);

// The bands a configuration has: level 0 is the DC band ("LL", or "L" with
// horizontal-only levels), horizontal-only levels have "H", 2-D levels LH, HL, HH.
QuantisationMatrix band_layout(const TransformConfig& config);

// The default matrix with the `-q` triples (already split into words) applied.  Throws
// rigor::UserError for a malformed triple, a band the transform does not have, or a
// band left without a value (no default matrix and no -q for it).
QuantisationMatrix quantisation_matrix(const TransformConfig& config, std::span<const std::string> triples);

}  // namespace rigor::vc2
