#include "pixel/vc2_bit_widths/rectangle_packer.hpp"

#include <cassert>

namespace rigor::pixel::vc2_bit_widths {

namespace {

long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
// The smallest v ≥ from with v ≡ offset (mod step).
long next_aligned(long from, long step, long offset) { return -floor_div(-(from - offset), step) * step + offset; }

}  // namespace

RectanglePacker::RectanglePacker(long width, long height) { regions_.push_back({0, 0, width, height}); }

std::optional<Corner> RectanglePacker::fit(const Region& r, long width, long height, long mx, long my, long ox,
                                           long oy) const {
    const long x = next_aligned(r.x, mx, ox), y = next_aligned(r.y, my, oy);
    if (x + width > r.x + r.width || y + height > r.y + r.height) return std::nullopt;
    return Corner{x, y};
}

void RectanglePacker::collect_candidates(int index, long width, long height, long mx, long my, long ox, long oy,
                                         std::vector<int>& out) const {
    const Region& r = regions_[static_cast<std::size_t>(index)];
    if (r.used) return;
    if (r.first_child >= 0) {
        collect_candidates(r.first_child, width, height, mx, my, ox, oy, out);
        collect_candidates(r.first_child + 1, width, height, mx, my, ox, oy, out);
    } else if (fit(r, width, height, mx, my, ox, oy)) {
        out.push_back(index);
    }
}

// vertical: a cut at x = at (left | right); otherwise at y = at (top / bottom).
void RectanglePacker::split(int index, bool vertical, long at) {
    const Region r = regions_[static_cast<std::size_t>(index)];
    Region a = r, b = r;
    a.first_child = b.first_child = -1;
    if (vertical) {
        a.width = at - r.x;
        b.x = at;
        b.width = r.x + r.width - at;
    } else {
        a.height = at - r.y;
        b.y = at;
        b.height = r.y + r.height - at;
    }
    regions_[static_cast<std::size_t>(index)].first_child = static_cast<int>(regions_.size());
    regions_.push_back(a);
    regions_.push_back(b);
}

int RectanglePacker::cut_out(int index, long x, long y, long width, long height) {
    for (;;) {
        const Region r = regions_[static_cast<std::size_t>(index)];
        if (r.x == x && r.y == y && r.width == width && r.height == height) return index;
        // The four possible cuts, in a fixed order (left, top, right, bottom); the first
        // leaving the largest free piece wins.
        struct Cut {
            long free_area;
            bool vertical;
            long at;
        };
        std::vector<Cut> cuts;
        if (r.x < x) cuts.push_back({r.height * (x - r.x), true, x});
        if (r.y < y) cuts.push_back({r.width * (y - r.y), false, y});
        if (x + width < r.x + r.width) cuts.push_back({r.height * (r.x + r.width - x - width), true, x + width});
        if (y + height < r.y + r.height) cuts.push_back({r.width * (r.y + r.height - y - height), false, y + height});
        assert(!cuts.empty());
        Cut best = cuts.front();
        for (const Cut& c : cuts)
            if (c.free_area > best.free_area) best = c;
        split(index, best.vertical, best.at);
        const int first = regions_[static_cast<std::size_t>(index)].first_child;
        const Region& a = regions_[static_cast<std::size_t>(first)];
        const bool in_first = a.x <= x && x < a.x + a.width && a.y <= y && y < a.y + a.height;
        index = in_first ? first : first + 1;
    }
}

std::optional<Corner> RectanglePacker::allocate(long width, long height, long mx, long my, long ox, long oy) {
    assert(width >= 1 && height >= 1 && mx >= 1 && my >= 1 && 0 <= ox && ox < mx && 0 <= oy && oy < my);
    std::vector<int> candidates;
    collect_candidates(0, width, height, mx, my, ox, oy, candidates);
    if (candidates.empty()) return std::nullopt;
    int smallest = candidates.front();
    const auto area = [&](int i) {
        const Region& r = regions_[static_cast<std::size_t>(i)];
        return r.width * r.height;
    };
    for (int c : candidates)
        if (area(c) < area(smallest)) smallest = c;
    const Corner corner = *fit(regions_[static_cast<std::size_t>(smallest)], width, height, mx, my, ox, oy);
    const int cell = cut_out(smallest, corner.x, corner.y, width, height);
    regions_[static_cast<std::size_t>(cell)].used = true;
    return corner;
}

}  // namespace rigor::pixel::vc2_bit_widths
