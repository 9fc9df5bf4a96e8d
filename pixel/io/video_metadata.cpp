#include "pixel/io/video_metadata.hpp"

#include "filters/base/error.hpp"

namespace rigor::pixel {

namespace {
template <class E>
struct Name {
    std::string_view text;
    E value;
};
constexpr Name<ChromaSiting> kSitings[] = {
    {"unspecified", ChromaSiting::unspecified}, {"left", ChromaSiting::left},
    {"center", ChromaSiting::center},           {"top_left", ChromaSiting::top_left},
    {"top", ChromaSiting::top},                 {"bottom_left", ChromaSiting::bottom_left},
    {"bottom", ChromaSiting::bottom},           {"topleft", ChromaSiting::top_left},
    {"bottomleft", ChromaSiting::bottom_left},  {"centre", ChromaSiting::center},
};
constexpr Name<ColorRange> kRanges[] = {
    {"unspecified", ColorRange::unspecified}, {"limited", ColorRange::limited}, {"full", ColorRange::full},
    {"tv", ColorRange::limited},              {"mpeg", ColorRange::limited},    {"pc", ColorRange::full},
    {"jpeg", ColorRange::full},
};
constexpr Name<FieldOrder> kOrders[] = {
    {"unspecified", FieldOrder::unspecified}, {"progressive", FieldOrder::progressive},
    {"top_first", FieldOrder::top_first},     {"bottom_first", FieldOrder::bottom_first},
    {"mixed", FieldOrder::mixed},
};

template <class E, std::size_t N>
std::string_view name_of(const Name<E> (&names)[N], E value) {
    for (const Name<E>& n : names)
        if (n.value == value) return n.text;  // the first name is the one shown
    return "unspecified";
}

template <class E, std::size_t N>
E parse(const Name<E> (&names)[N], std::string_view text, std::string_view what, std::string_view accepted) {
    for (const Name<E>& n : names)
        if (n.text == text) return n.value;
    throw UserError("unknown " + std::string(what) + " '" + std::string(text) + "' (expected " +
                    std::string(accepted) + ")");
}
}  // namespace

std::string_view to_string(ChromaSiting siting) { return name_of(kSitings, siting); }
std::string_view to_string(ColorRange range) { return name_of(kRanges, range); }
std::string_view to_string(FieldOrder order) { return name_of(kOrders, order); }

ChromaSiting parse_chroma_siting(std::string_view name) {
    return parse(kSitings, name, "chroma location", "left, center, top_left, top, bottom_left, bottom or unspecified");
}

ColorRange parse_color_range(std::string_view name) {
    return parse(kRanges, name, "colour range", "limited, full or unspecified");
}

void add_frame_properties(const VideoMetadata& m, FrameProperties& p) {
    if (m.chroma_siting != ChromaSiting::unspecified) p["_ChromaLocation"] = double(int(m.chroma_siting) - 1);
    if (m.color_range != ColorRange::unspecified) p["_ColorRange"] = m.color_range == ColorRange::full ? 0.0 : 1.0;
    if (m.matrix != VideoMetadata::kUnspecified) p["_Matrix"] = m.matrix;
    if (m.primaries != VideoMetadata::kUnspecified) p["_Primaries"] = m.primaries;
    if (m.transfer != VideoMetadata::kUnspecified) p["_Transfer"] = m.transfer;
    switch (m.field_order) {
        case FieldOrder::progressive: p["_FieldBased"] = 0; break;
        case FieldOrder::bottom_first: p["_FieldBased"] = 1; break;
        case FieldOrder::top_first: p["_FieldBased"] = 2; break;
        default: break;
    }
    if (m.sample_aspect.known()) {
        p["_SARNum"] = m.sample_aspect.num;
        p["_SARDen"] = m.sample_aspect.den;
    }
    if (m.frame_rate.known()) {  // a frame lasts den/num seconds
        p["_DurationNum"] = m.frame_rate.den;
        p["_DurationDen"] = m.frame_rate.num;
    }
}

}  // namespace rigor::pixel
