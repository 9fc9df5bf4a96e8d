// The transform-selecting arguments of the reference's VC-2 tools (vc2-static-filter-
// analysis, vc2-bundle's extract commands, rigor vc2-report):
//   -w/--wavelet-index W [-W/--wavelet-index-ho W] [-d/--dwt-depth D] [-D/--dwt-depth-ho D]
// with wavelets by index, name or wavelet file (filters/formats/vc2_wavelet_json.hpp).
#pragma once
#include <string>

#include "cli/common/arguments.hpp"
#include "filters/vc2/transform_graph.hpp"

namespace rigor::cli {

// Declares -w, -W, -d, -D on a parser (the caller adds the rest).
ArgumentParser& add_vc2_config_options(ArgumentParser& p);

// A parser named `program` with those four options.
ArgumentParser vc2_analysis_arguments(const std::string& program, const std::string& description);

// The configuration they give; throws UsageError for a missing -w, an unknown wavelet, a
// negative depth or more levels than rigor supports.
vc2::TransformConfig vc2_config_from(const Arguments& a);

}  // namespace rigor::cli
