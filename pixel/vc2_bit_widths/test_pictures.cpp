#include "pixel/vc2_bit_widths/test_pictures.hpp"

#include <algorithm>
#include <map>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/vc2_bit_widths/pattern_output.hpp"
#include "pixel/vc2_bit_widths/rectangle_packer.hpp"

namespace rigor::pixel::vc2_bit_widths {

using rigor::vc2::QuantisationMatrix;
using rigor::vc2::SampleArray;

namespace {

struct PackItem {
    const formats::TestPattern* pattern;
    bool maximise;
};

long floor_mod(long a, long m) { return ((a % m) + m) % m; }
long floor_div(long a, long m) { return (a - floor_mod(a, m)) / m; }

// Stable order, largest pattern first.
std::vector<const formats::TestPattern*> largest_first(const std::vector<formats::TestPattern>& patterns) {
    std::vector<const formats::TestPattern*> out;
    for (const auto& p : patterns) out.push_back(&p);
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->set_pixels() > b->set_pixels(); });
    return out;
}

std::string describe(const char* kind, const formats::TestPattern& p, long width, long height) {
    const auto& w = p.where;
    return std::string("the ") + std::to_string(width) + "x" + std::to_string(height) +
           " picture is too small for the " + kind + " test pattern of (" + std::to_string(w.level) + ", " +
           w.array_name + ") phase (" + std::to_string(w.x) + ", " + std::to_string(w.y) + "): it spans " +
           std::to_string(p.width) + "x" + std::to_string(p.height) + " pixels placed at multiples of (" +
           std::to_string(p.pattern_multiple_x) + ", " + std::to_string(p.pattern_multiple_y) + ")";
}

// Packs the items in order; a new picture is started when no earlier one has room.
std::vector<TestPicture> pack(const std::vector<PackItem>& items, long width, long height, IntegerRange signal, int qi,
                              const char* kind) {
    std::vector<TestPicture> pictures;
    std::vector<RectanglePacker> packers;
    for (const PackItem& item : items) {
        const formats::TestPattern& p = *item.pattern;
        const long ox = floor_mod(p.dx, p.pattern_multiple_x), oy = floor_mod(p.dy, p.pattern_multiple_y);
        std::size_t index = 0;
        std::optional<Corner> corner;
        for (; index < packers.size() && !corner; ++index)
            corner = packers[index].allocate(p.width, p.height, p.pattern_multiple_x, p.pattern_multiple_y, ox, oy);
        if (corner) {
            --index;
        } else {
            RectanglePacker fresh(width, height);
            corner = fresh.allocate(p.width, p.height, p.pattern_multiple_x, p.pattern_multiple_y, ox, oy);
            if (!corner) throw UserError(describe(kind, p, width, height));
            packers.push_back(std::move(fresh));
            pictures.push_back({SampleArray(width, height), qi, {}});
            index = pictures.size() - 1;
        }
        // The shift is a whole number of pattern multiples (the corner is aligned to ox).
        const long shift_x = corner->x - p.dx, shift_y = corner->y - p.dy;
        TestPicture& picture = pictures[index];
        const int sign = item.maximise ? 1 : -1;
        for (long y = 0; y < p.height; ++y)
            for (long x = 0; x < p.width; ++x) {
                const int s = p.polarity(x, y) * sign;
                if (s != 0) picture.picture.at(corner->x + x, corner->y + y) = s > 0 ? signal.upper : signal.lower;
            }
        picture.points.push_back({p.where, item.maximise,
                                  p.target_x + floor_div(shift_x, p.pattern_multiple_x) * p.target_multiple_x,
                                  p.target_y + floor_div(shift_y, p.pattern_multiple_y) * p.target_multiple_y});
    }
    return pictures;
}

}  // namespace

TestPictures make_test_pictures(const formats::StaticAnalysis& a, long width, long height, int bits,
                                const QuantisationMatrix& matrix, unsigned threads, const Progress& progress) {
    if (width < 1 || height < 1)
        throw UserError("the picture size " + std::to_string(width) + "x" + std::to_string(height) +
                        " is not positive");
    const ConcreteBounds bounds = concrete_bounds(a, bits, matrix);
    TestPictures out;

    std::vector<PackItem> analysis_items;
    for (const formats::TestPattern* p : largest_first(a.analysis_patterns)) {
        analysis_items.push_back({p, true});
        analysis_items.push_back({p, false});
    }
    out.analysis = pack(analysis_items, width, height, bounds.picture, -1, "analysis");

    // The index each polarity is to be coded with (the expensive part: every index tried).
    const auto synthesis = largest_first(a.synthesis_patterns);
    std::vector<SynthesisExtremes> extremes(synthesis.size());
    ProgressTask task(progress, "synthesis patterns", synthesis.size());
    parallel_for(synthesis.size(), threads, [&](std::size_t i) {
        extremes[i] = synthesis_pattern_extremes(a.config, *synthesis[i], bounds.picture, matrix,
                                                 bounds.maximum_quantisation_index);
        task.step();
    });
    task.finish();
    std::map<int, std::vector<PackItem>> by_index;
    for (std::size_t i = 0; i < synthesis.size(); ++i) {
        by_index[extremes[i].maximising.qi].push_back({synthesis[i], true});
        by_index[extremes[i].minimising.qi].push_back({synthesis[i], false});
    }
    for (const auto& [qi, items] : by_index)
        for (TestPicture& p : pack(items, width, height, bounds.picture, qi, "synthesis"))
            out.synthesis.push_back(std::move(p));
    return out;
}

}  // namespace rigor::pixel::vc2_bit_widths
