#include "filters/formats/vc2_optimised_patterns.hpp"

#include <algorithm>

#include "filters/base/error.hpp"
#include "filters/formats/json_file.hpp"
#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"
#include "filters/vc2/base64.hpp"

namespace rigor::formats {

using vc2::QuantisationMatrix;

nlohmann::ordered_json pattern_entry_json(const TestPattern& p) {
    nlohmann::ordered_json e;
    e["target"] = {p.target_x, p.target_y};
    auto& box = e["pattern"];
    box["dx"] = p.dx;
    box["dy"] = p.dy;
    box["width"] = p.width;
    box["height"] = p.height;
    box["positive"] = vc2::base64_encode(p.positive_bits);
    box["mask"] = vc2::base64_encode(p.mask_bits);
    e["pattern_translation_multiple"] = {p.pattern_multiple_x, p.pattern_multiple_y};
    e["target_translation_multiple"] = {p.target_multiple_x, p.target_multiple_y};
    return e;
}

namespace {

// The bands in the order VC-2 lists them.
constexpr const char* kOrientOrder[] = {"L", "LL", "H", "HL", "LH", "HH"};

long integer_field(const nlohmann::json& object, const std::string& key, const std::string& at) {
    if (!object.is_object() || !object.contains(key)) throw UserError(at + key + ": missing");
    const auto& v = object[key];
    if (!v.is_number_integer()) throw UserError(at + key + ": expected an integer");
    return v.get<long>();
}

}  // namespace

nlohmann::ordered_json to_json(const OptimisedPatternsDocument& d) {
    nlohmann::ordered_json out;
    out["wavelet_index"] = wavelet_field(d.config.vertical_wavelet());
    out["wavelet_index_ho"] = wavelet_field(d.config.horizontal_wavelet());
    out["dwt_depth"] = d.config.dwt_depth;
    out["dwt_depth_ho"] = d.config.dwt_depth_ho;
    out["picture_bit_width"] = d.picture_bit_width;
    auto& matrix = out["quantisation_matrix"] = nlohmann::ordered_json::object();
    for (const auto& [level, orients] : d.matrix) {
        auto& m = matrix[std::to_string(level)] = nlohmann::ordered_json::object();
        for (const char* o : kOrientOrder)
            if (orients.count(o)) m[o] = orients.at(o);
    }
    auto& list = out["optimised_synthesis_test_patterns"] = nlohmann::ordered_json::array();
    for (const OptimisedPattern& o : d.patterns) {
        nlohmann::ordered_json e = pattern_entry_json(o.pattern);
        e["quantisation_index"] = o.quantisation_index;
        e["decoded_value"] = o.decoded_value;
        e["num_search_iterations"] = o.num_search_iterations;
        e["level"] = o.pattern.where.level;
        e["array_name"] = o.pattern.where.array_name;
        e["phase"] = {o.pattern.where.x, o.pattern.where.y};
        list.push_back(std::move(e));
    }
    return out;
}

OptimisedPatternsDocument parse_optimised_patterns(const nlohmann::json& doc, const std::string& source) {
    const std::string at = source + ": ";
    if (!doc.is_object()) throw UserError(at + "expected a JSON object (optimised synthesis test patterns)");
    OptimisedPatternsDocument d;
    const auto wavelet_member = [&](const std::string& key) {
        if (!doc.contains(key)) throw UserError(at + key + ": missing");
        return wavelet_from_field(doc[key], source, key);
    };
    d.config.set_vertical_wavelet(wavelet_member("wavelet_index"));
    d.config.set_horizontal_wavelet(wavelet_member("wavelet_index_ho"));
    d.config.dwt_depth = static_cast<int>(integer_field(doc, "dwt_depth", at));
    d.config.dwt_depth_ho = static_cast<int>(integer_field(doc, "dwt_depth_ho", at));
    try {
        vc2::check_transform_config(d.config);
    } catch (const UserError& e) {
        throw UserError(at + e.what());
    }
    d.picture_bit_width = static_cast<int>(integer_field(doc, "picture_bit_width", at));
    if (!doc.contains("quantisation_matrix") || !doc["quantisation_matrix"].is_object())
        throw UserError(at + "quantisation_matrix: expected an object {\"LEVEL\": {\"ORIENT\": VALUE}}");
    for (const auto& [level_text, orients] : doc["quantisation_matrix"].items()) {
        const std::string here = at + "quantisation_matrix." + level_text + ".";
        int level = 0;
        try {
            std::size_t used = 0;
            level = std::stoi(level_text, &used);
            if (used != level_text.size()) throw std::invalid_argument("");
        } catch (const std::exception&) {
            throw UserError(here + " level is not an integer");
        }
        if (!orients.is_object()) throw UserError(here + " expected an object");
        for (const auto& [orient, value] : orients.items()) {
            if (!value.is_number_integer()) throw UserError(here + orient + ": expected an integer");
            d.matrix[level][orient] = value.get<int>();
        }
    }
    // The bands the transform has, no more, no fewer (values aside).
    const QuantisationMatrix bands = vc2::band_layout(d.config);
    bool same = d.matrix.size() == bands.size();
    for (const auto& [level, orients] : bands)
        same = same && d.matrix.count(level) && d.matrix.at(level).size() == orients.size() &&
               std::all_of(orients.begin(), orients.end(),
                           [&, l = level](const auto& o) { return d.matrix.at(l).count(o.first) != 0; });
    if (!same) throw UserError(at + "quantisation_matrix: does not have the bands of the transform");
    const auto patterns = parse_test_patterns(doc, "optimised_synthesis_test_patterns", source);
    const auto& list = doc["optimised_synthesis_test_patterns"];
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        const std::string here = at + "optimised_synthesis_test_patterns[" + std::to_string(i) + "].";
        OptimisedPattern o;
        o.pattern = patterns[i];
        o.quantisation_index = static_cast<int>(integer_field(list[i], "quantisation_index", here));
        o.decoded_value = integer_field(list[i], "decoded_value", here);
        o.num_search_iterations = integer_field(list[i], "num_search_iterations", here);
        d.patterns.push_back(std::move(o));
    }
    return d;
}

OptimisedPatternsDocument read_optimised_patterns(const std::string& path) {
    return parse_optimised_patterns(read_json_file(path, "optimised synthesis test patterns"), path);
}

StaticAnalysis with_optimised_patterns(StaticAnalysis analysis, const OptimisedPatternsDocument& o,
                                       const std::string& source) {
    if (analysis.config != o.config)
        throw UserError(source + ": optimised patterns are for another transform than the static analysis");
    analysis.synthesis_patterns.clear();
    for (const OptimisedPattern& p : o.patterns) analysis.synthesis_patterns.push_back(p.pattern);
    return analysis;
}

}  // namespace rigor::formats
