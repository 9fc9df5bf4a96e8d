// Guillotine packing of rectangles into one fixed picture (as the reference's test
// pictures do): the free space is a tree of rectangles; each allocation takes the
// smallest free leaf that holds the rectangle at an allowed corner, and cuts the
// rectangle out of it one straight cut at a time, each time along whichever edge of the
// rectangle leaves the largest free piece.
#pragma once
#include <optional>
#include <vector>

namespace rigor::pixel::vc2_bit_widths {

struct Corner {
    long x = 0, y = 0;
};

class RectanglePacker {
public:
    RectanglePacker(long width, long height);

    // Places a width × height rectangle with its top-left corner at (i·mx + ox, j·my + oy)
    // for some integers i, j (0 ≤ ox < mx, 0 ≤ oy < my); nothing when it fits nowhere.
    std::optional<Corner> allocate(long width, long height, long mx, long my, long ox, long oy);

private:
    struct Region {
        long x, y, width, height;
        bool used = false;
        int first_child = -1;  // children are first_child and first_child + 1
    };
    std::vector<Region> regions_;

    std::optional<Corner> fit(const Region& r, long width, long height, long mx, long my, long ox, long oy) const;
    void collect_candidates(int index, long width, long height, long mx, long my, long ox, long oy,
                            std::vector<int>& out) const;
    void split(int index, bool vertical, long at);
    int cut_out(int index, long x, long y, long width, long height);
};

}  // namespace rigor::pixel::vc2_bit_widths
