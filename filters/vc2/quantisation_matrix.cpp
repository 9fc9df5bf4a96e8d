#include "filters/vc2/quantisation_matrix.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "filters/base/error.hpp"
#include "filters/vc2/default_quantisation_matrices.hpp"

namespace rigor::vc2 {

namespace {

// Standard wavelets by index (as the message always read), custom ones by name.
std::string wavelet_text(const Wavelet& w) { return w.custom() ? wavelet_label(w) : std::to_string(w.index); }

std::string key_of(const TransformConfig& c) {
    return std::to_string(c.wavelet_index) + "," + std::to_string(c.wavelet_index_ho) + "," +
           std::to_string(c.dwt_depth) + "," + std::to_string(c.dwt_depth_ho);
}

std::optional<int> parse_int(const std::string& text) {
    int v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

}  // namespace

std::optional<QuantisationMatrix> default_quantisation_matrix(const TransformConfig& c) {
    // The standard defines matrices for its own wavelets only.
    if (c.wavelet_index == kCustomWavelet || c.wavelet_index_ho == kCustomWavelet) return std::nullopt;
    const std::string key = key_of(c);
    for (const DefaultMatrixEntry& e : default_matrix_entries()) {
        if (e.key != key) continue;
        QuantisationMatrix m;
        const auto doc = nlohmann::json::parse(e.json);
        for (const auto& [level, orients] : doc.items())
            for (const auto& [orient, value] : orients.items()) m[std::stoi(level)][orient] = value.get<int>();
        return m;
    }
    return std::nullopt;
}

QuantisationMatrix band_layout(const TransformConfig& c) {
    QuantisationMatrix m;
    m[0][c.dwt_depth_ho > 0 ? "L" : "LL"] = 0;
    for (int level = 1; level <= c.dwt_depth_ho; ++level) m[level]["H"] = 0;
    for (int level = c.dwt_depth_ho + 1; level <= c.dwt_depth_ho + c.dwt_depth; ++level)
        for (const char* o : {"LH", "HL", "HH"}) m[level][o] = 0;
    return m;
}

QuantisationMatrix quantisation_matrix(const TransformConfig& c, std::span<const std::string> triples) {
    const QuantisationMatrix layout = band_layout(c);
    const auto defaults = default_quantisation_matrix(c);
    QuantisationMatrix m;
    if (defaults) m = *defaults;
    if (triples.size() % 3 != 0)
        throw UserError("-q expects LEVEL ORIENT VALUE triples; got " + std::to_string(triples.size()) + " words");
    for (std::size_t i = 0; i < triples.size(); i += 3) {
        const std::string triple = "'" + triples[i] + " " + triples[i + 1] + " " + triples[i + 2] + "'";
        const auto level = parse_int(triples[i]);
        const auto value = parse_int(triples[i + 2]);
        if (!level) throw UserError("-q " + triple + ": the level '" + triples[i] + "' is not an integer");
        if (!value || *value < 0)
            throw UserError("-q " + triple + ": the value '" + triples[i + 2] + "' is not a non-negative integer");
        const auto l = layout.find(*level);
        if (l == layout.end() || !l->second.count(triples[i + 1]))
            throw UserError("-q " + triple + ": this transform has no band " + triples[i + 1] + " at level " +
                            triples[i]);
        m[*level][triples[i + 1]] = *value;
    }
    for (const auto& [level, orients] : layout)
        for (const auto& [orient, unused] : orients)
            if (!m.count(level) || !m.at(level).count(orient))
                throw UserError("no default quantisation matrix for wavelet " + wavelet_text(c.vertical_wavelet()) +
                                ", horizontal wavelet " + wavelet_text(c.horizontal_wavelet()) + ", depth " +
                                std::to_string(c.dwt_depth) + ", horizontal-only depth " +
                                std::to_string(c.dwt_depth_ho) + ": give every band with -q LEVEL ORIENT VALUE " +
                                "(level " + std::to_string(level) + " " + orient + " is missing)");
    return m;
}

}  // namespace rigor::vc2
