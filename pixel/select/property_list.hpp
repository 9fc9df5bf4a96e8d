// Per-frame frame properties from a JSON file, for inputs that carry none (y4m):
// a list with one object per frame, frame 0 first, e.g.
//   [{"PlaneStatsAverage": 0.41}, {"PlaneStatsAverage": 0.52, "_Combed": 1}, ...]
// Numbers are kept as they are, true/false as 1/0, a string as akarin reads it (its first
// byte: {"_PictType": "I"} is 73; filters/expr/properties.hpp); null or an absent key is a
// missing property.  Only the keys a program reads are kept; one of them with a list or
// object value is an error, other keys may hold anything.
#pragma once
#include <istream>
#include <span>
#include <string>
#include <vector>

#include "pixel/io/frame.hpp"

namespace rigor::pixel::select {

// `name` (usually the path) appears in error messages.  Throws rigor::UserError for text
// that is not JSON, a top level that is not a list, an entry that is not an object, or a
// wanted key whose value is not a number, string, true, false or null.
std::vector<FrameProperties> read_property_list(std::istream& in, const std::string& name,
                                                std::span<const std::string> wanted);

// The same from a file; throws rigor::IoError when it cannot be opened.
std::vector<FrameProperties> read_property_list_file(const std::string& path, std::span<const std::string> wanted);

}  // namespace rigor::pixel::select
