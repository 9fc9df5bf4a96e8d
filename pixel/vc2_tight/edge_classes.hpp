// Where a picture's edges change a value of the transform.
//
// Per axis, the value at sample i of a node of step s = 2^log2_step depends (on infinite
// lines) on the pixels i·s + [lo, hi] (pixel/vc2/dependency_region.hpp).  The spec's edge
// rule clamps a lifting tap exactly when it would read outside its line, and such a read
// lies in that region, below pixel 0 (a left clamp) or at or beyond the extent E (a right
// clamp): lo < s and hi ≥ 0 for every node, so a read at sample p < 0 of a node of step
// s' covers a pixel p·s' + lo' < 0, and one at p ≥ E/s' a pixel ≥ E.  So, on a line of E
// pixels:
//   Interior  i·s + lo ≥ 0 and i·s + hi ≤ E − 1: no tap is clamped; the value has the
//             infinite line's response, a translate of its phase i mod period;
//   Left      only i·s + lo < 0: only left clamps, so the response depends on i alone
//             (the backward pass never reaches the right end);
//   Right     only i·s + hi > E − 1: depends on E − i·s alone; moving the edge by a
//             multiple of the block 2^levels translates it (the block is a whole even
//             number of samples of every lifted node, so parities are kept);
//   Both      both (only on lines shorter than the minimum extent below).
// Hence on every extent E ≥ E_min — the least multiple of the block on which no position
// of any node is Both and every phase has an interior position — the distinct responses
// are those of the Left positions of E_min, its interior phases and its Right positions
// (translated).  Bounds taken over those classes hold for every picture at least
// E_min wide (a multiple of the block); for a given extent the classes of that extent
// give its exact set.
#pragma once
#include <string>
#include <vector>

#include "pixel/vc2/dependency_region.hpp"

namespace rigor::pixel::vc2_tight {

enum class EdgeSide { Interior, Left, Right, Both };

// One class of positions: a representative position on the node's line of `extent`
// pixels, its side and phase, and how many positions of that line it stands for.
struct AxisClass {
    long position = 0;
    EdgeSide side = EdgeSide::Interior;
    long phase = 0;
    long count = 0;
};

// What decides a node's classes.
struct AxisShape {
    pixel::vc2::AxisRegion region;
    int log2_step = 0;
    long period = 1;
};

// The classes of a node's line on an extent of `extent` pixels: Left positions one by
// one, one Interior class per phase present, Right and Both positions one by one.
std::vector<AxisClass> axis_classes(const AxisShape& shape, long extent);

// E_min for every shape (see above); `block` = 2^levels along this axis.  Throws
// rigor::InternalError if a period does not divide its line's block.
long minimum_extent(const std::vector<AxisShape>& shapes, long block);

std::string side_name(EdgeSide side);

}  // namespace rigor::pixel::vc2_tight
