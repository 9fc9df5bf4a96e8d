// Helpers for the float (binary32) planes every regress kernel works on.
#pragma once
#include <string>

#include "pixel/io/frame.hpp"

namespace rigor::pixel::regress {

inline Plane make_float_plane(int width, int height) { return Plane(width, height, 4); }
inline bool is_float_plane(const Plane& p) { return p.bytes_per_sample() == 4; }

// Throws UserError unless `p` holds float samples ("<what> must be float").
void require_float(const Plane& p, const std::string& what);
// Throws UserError naming both planes and their sizes unless they have one size.
void require_same_size(const Plane& a, const std::string& a_name, const Plane& b, const std::string& b_name);

}  // namespace rigor::pixel::regress
