#include "cli/vc2/witness_picture_files.hpp"

#include "filters/base/error.hpp"
#include "filters/formats/python_json.hpp"
#include "pixel/io/format.hpp"

namespace rigor::cli {

namespace tight = rigor::pixel::vc2_tight;

void check_witness_picture_bits(int bits) {
    if (bits > 16)
        throw UserError("witness pictures of " + std::to_string(bits) +
                        "-bit samples do not fit a PNG (at most 16 bits; -b)");
}

std::string witness_picture_name(std::size_t k) { return "witness_" + std::to_string(k) + ".png"; }

pixel::Frame witness_frame(const rigor::vc2::SampleArray& picture, int bits) {
    check_witness_picture_bits(bits);
    pixel::VideoFormat format;
    format.bits = bits <= 8 ? 8 : 16;
    pixel::Frame frame(format, static_cast<int>(picture.width), static_cast<int>(picture.height));
    const std::int64_t offset = std::int64_t{1} << (bits - 1);
    for (int y = 0; y < frame.height(); ++y)
        for (int x = 0; x < frame.width(); ++x) {
            const std::int64_t v = picture.at(x, y) + offset;
            if (v < 0 || v >= 2 * offset)
                throw InternalError("a witness sample " + std::to_string(picture.at(x, y)) + " outside " +
                                    std::to_string(bits) + "-bit pictures");
            if (format.bits == 8)
                frame.plane(0).row_as<std::uint8_t>(y)[x] = static_cast<std::uint8_t>(v);
            else
                frame.plane(0).row_as<std::uint16_t>(y)[x] = static_cast<std::uint16_t>(v);
        }
    return frame;
}

std::string witness_index_json(const tight::Witnesses& w, const tight::TightBounds& bounds, int bits) {
    nlohmann::ordered_json doc;
    doc["picture_bit_width"] = bits;
    doc["width"] = w.width;
    doc["height"] = w.height;
    doc["bounds"] = bounds.geometry().describe();
    doc["samples"] = "PNG sample = picture value + " + std::to_string(std::int64_t{1} << (bits - 1)) +
                     " (not scaled)";
    auto& pictures = doc["pictures"] = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < w.pictures.size(); ++k) pictures.push_back(witness_picture_name(k));
    auto& list = doc["witnesses"] = nlohmann::ordered_json::array();
    for (bool synthesis : {false, true})
        for (const tight::ArrayWitnesses& a : synthesis ? w.synthesis : w.analysis)
            for (long px = 0; px < a.period_x; ++px)
                for (long py = 0; py < a.period_y; ++py) {
                    const tight::PhaseWitness& p = a.phases[static_cast<std::size_t>(px * a.period_y + py)];
                    const auto bound = bounds.at(synthesis, {a.level, a.name, px, py});
                    for (bool highest : {true, false}) {
                        const tight::WitnessValue& v = highest ? p.highest : p.lowest;
                        if (v.picture < 0) continue;
                        nlohmann::ordered_json e;
                        e["type"] = synthesis ? "synthesis" : "analysis";
                        e["level"] = a.level;
                        e["array_name"] = a.name;
                        e["phase"] = {px, py};
                        e["extreme"] = highest ? "highest" : "lowest";
                        e["value"] = v.value;
                        e["bound"] = highest ? bound.upper : bound.lower;
                        e["picture"] = witness_picture_name(static_cast<std::size_t>(v.picture));
                        e["x"] = v.x;
                        e["y"] = v.y;
                        if (synthesis) e["quantisation_index"] = v.qi;
                        list.push_back(std::move(e));
                    }
                }
    return formats::python_json_dumps(doc);
}

}  // namespace rigor::cli
