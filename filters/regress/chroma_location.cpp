#include "filters/regress/chroma_location.hpp"

#include <string>

#include "filters/base/error.hpp"

namespace rigor::regress {

namespace {
struct Named {
    std::string_view name;
    ChromaLocation location;
    Offset offset;
};
constexpr Named kLocations[] = {
    {"left", ChromaLocation::left, {-0.5, 0}},          {"center", ChromaLocation::center, {0, 0}},
    {"top_left", ChromaLocation::top_left, {-0.5, -0.5}}, {"top", ChromaLocation::top, {0, -0.5}},
    {"bottom_left", ChromaLocation::bottom_left, {-0.5, 0.5}}, {"bottom", ChromaLocation::bottom, {0, 0.5}},
};
}  // namespace

ChromaLocation parse_chroma_location(std::string_view text) {
    for (const Named& n : kLocations)
        if (n.name == text) return n.location;
    throw UserError("unknown chroma location '" + std::string(text) +
                    "' (expected left, center, top_left, top, bottom_left or bottom)");
}

std::string_view to_string(ChromaLocation location) {
    for (const Named& n : kLocations)
        if (n.location == location) return n.name;
    return "left";
}

Offset chroma_offset(ChromaLocation location) {
    for (const Named& n : kLocations)
        if (n.location == location) return n.offset;
    return {};
}

Shift to_full(ChromaLocation location, int ssw, int ssh) {
    const Offset o = chroma_offset(location);
    return {-o.top / double(1 << ssh), -o.left / double(1 << ssw)};
}

Shift to_subsampled(ChromaLocation location, int ssw, int ssh, int src_w, int src_h, int dst_w, int dst_h) {
    const Offset o = chroma_offset(location);
    return {o.top * src_h / (double(dst_h) * (1 << ssh)), o.left * src_w / (double(dst_w) * (1 << ssw))};
}

}  // namespace rigor::regress
