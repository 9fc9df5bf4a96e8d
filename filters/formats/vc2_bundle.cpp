#include "filters/formats/vc2_bundle.hpp"

#include <algorithm>

#include "filters/base/error.hpp"
#include "filters/formats/python_json.hpp"
#include "filters/formats/vc2_wavelet_json.hpp"

namespace rigor::formats {

using vc2::QuantisationMatrix;
using vc2::TransformConfig;

namespace {

constexpr const char* kIndexName = "index.json";

template <class Json>
const Json& field(const Json& object, const std::string& key, const std::string& where) {
    if (!object.is_object()) throw UserError(where + ": expected a JSON object");
    const auto it = object.find(key);
    if (it == object.end()) throw UserError(where + ": missing field '" + key + "'");
    return *it;
}

template <class Json>
int integer_field(const Json& object, const std::string& key, const std::string& where) {
    const Json& v = field(object, key, where);
    if (!v.is_number_integer() || v.template get<long long>() < 0 || v.template get<long long>() > 1'000'000)
        throw UserError(where + ": field '" + key + "' must be a non-negative integer");
    return static_cast<int>(v.template get<long long>());
}

template <class Json>
TransformConfig config_fields(const Json& object, const std::string& where) {
    TransformConfig c;
    // An index, or a custom wavelet's definition (vc2_wavelet_json.hpp).
    const auto wavelet_member = [&](const std::string& key) {
        return wavelet_from_field(nlohmann::json(field(object, key, where)), where, key);
    };
    c.set_vertical_wavelet(wavelet_member("wavelet_index"));
    c.set_horizontal_wavelet(wavelet_member("wavelet_index_ho"));
    c.dwt_depth = integer_field(object, "dwt_depth", where);
    c.dwt_depth_ho = integer_field(object, "dwt_depth_ho", where);
    return c;
}

// The serialised matrix {"LEVEL": {"ORIENT": value}} (levels as decimal strings).
template <class Json>
QuantisationMatrix matrix_field(const Json& object, const std::string& where) {
    const Json& m = field(object, "quantisation_matrix", where);
    const std::string here = where + ": quantisation_matrix";
    if (!m.is_object()) throw UserError(here + ": expected a JSON object");
    QuantisationMatrix out;
    for (auto level = m.begin(); level != m.end(); ++level) {
        const std::string& key = level.key();
        if (key.empty() || key.size() > 3 || !std::all_of(key.begin(), key.end(), [](char ch) {
                return ch >= '0' && ch <= '9';
            }))
            throw UserError(here + ": level '" + key + "' is not a level number");
        if (!level->is_object()) throw UserError(here + "." + key + ": expected a JSON object");
        auto& bands = out[std::stoi(key)];
        for (auto band = level->begin(); band != level->end(); ++band) {
            if (!band->is_number_integer() || band->template get<long long>() < 0 ||
                band->template get<long long>() > 1'000'000)
                throw UserError(here + "." + key + "." + band.key() + ": expected a non-negative integer");
            bands[band.key()] = static_cast<int>(band->template get<long long>());
        }
    }
    return out;
}

bool same_entry(const BundleEntry& a, const BundleEntry& b, bool optimised) {
    if (a.config != b.config) return false;
    return !optimised || (a.picture_bit_width == b.picture_bit_width && a.matrix == b.matrix);
}

nlohmann::ordered_json config_json(const nlohmann::ordered_json& document) {
    nlohmann::ordered_json e;
    for (const char* k : {"wavelet_index", "wavelet_index_ho", "dwt_depth", "dwt_depth_ho"}) e[k] = document.at(k);
    return e;
}

}  // namespace

std::string write_bundle(const std::vector<BundleInput>& static_analyses,
                         const std::vector<BundleInput>& optimised_patterns) {
    std::vector<ZipMember> members;
    nlohmann::ordered_json index = {{"static_filter_analyses", nlohmann::ordered_json::array()},
                                    {"optimised_synthesis_test_patterns", nlohmann::ordered_json::array()}};
    // Entries already written, to refuse a second document for the same configuration.
    std::vector<std::pair<BundleEntry, std::string>> seen[2];
    const auto add = [&](const BundleInput& input, bool optimised, std::size_t i) {
        BundleEntry entry;
        entry.config = config_fields(input.document, input.source);
        if (optimised) {
            entry.picture_bit_width = integer_field(input.document, "picture_bit_width", input.source);
            entry.matrix = matrix_field(input.document, input.source);
            field(input.document, "optimised_synthesis_test_patterns", input.source);
        } else {
            for (const char* k : {"analysis_signal_bounds", "synthesis_signal_bounds", "analysis_test_patterns",
                                  "synthesis_test_patterns"})
                field(input.document, k, input.source);
        }
        for (const auto& [other, other_source] : seen[optimised])
            if (same_entry(entry, other, optimised))
                throw UserError(input.source + " and " + other_source + " are for the same configuration" +
                                (optimised ? " (wavelets, depths, bit width and quantisation matrix)"
                                           : " (wavelets and depths)") +
                                ": a bundle holds one of each");
        seen[optimised].emplace_back(entry, input.source);

        const std::string name = std::string(optimised ? "optimised_synthesis_test_patterns_"
                                                       : "static_filter_analysis_") +
                                 std::to_string(i) + ".json";
        nlohmann::ordered_json e = config_json(input.document);
        if (optimised) {
            e["quantisation_matrix"] = input.document.at("quantisation_matrix");
            e["picture_bit_width"] = input.document.at("picture_bit_width");
        }
        e["filename"] = name;
        index[optimised ? "optimised_synthesis_test_patterns" : "static_filter_analyses"].push_back(std::move(e));
        members.push_back({name, python_json_dumps(input.document)});
    };
    for (std::size_t i = 0; i < static_analyses.size(); ++i) add(static_analyses[i], false, i);
    for (std::size_t i = 0; i < optimised_patterns.size(); ++i) add(optimised_patterns[i], true, i);
    members.push_back({kIndexName, python_json_dumps(index)});
    return write_zip(members);
}

const std::string& Bundle::member(const std::string& filename) const {
    for (const ZipMember& m : members)
        if (m.name == filename) return m.data;
    throw UserError(source + ": index.json names '" + filename + "', which the bundle does not hold");
}

std::optional<std::string> Bundle::static_filter_analysis(const TransformConfig& config) const {
    const BundleEntry wanted{config, {}, 0, {}};
    for (const BundleEntry& e : index.static_filter_analyses)
        if (same_entry(e, wanted, false)) return member(e.filename);
    return std::nullopt;
}

std::optional<std::string> Bundle::optimised_synthesis_test_patterns(const TransformConfig& config,
                                                                     const QuantisationMatrix& matrix,
                                                                     int picture_bit_width) const {
    const BundleEntry wanted{config, {}, picture_bit_width, matrix};
    for (const BundleEntry& e : index.optimised_synthesis_test_patterns)
        if (same_entry(e, wanted, true)) return member(e.filename);
    return std::nullopt;
}

Bundle read_bundle(const std::string& bytes, const std::string& source) {
    Bundle b{source, read_zip(bytes, source), {}};
    const auto it = std::find_if(b.members.begin(), b.members.end(),
                                 [](const ZipMember& m) { return m.name == kIndexName; });
    if (it == b.members.end()) throw UserError(source + ": not a vc2 bundle (no index.json)");
    nlohmann::json index;
    try {
        index = nlohmann::json::parse(it->data);
    } catch (const nlohmann::json::exception&) {
        throw UserError(source + ": index.json is not valid JSON");
    }
    const std::string where = source + ": index.json";
    for (const bool optimised : {false, true}) {
        const std::string list_name = optimised ? "optimised_synthesis_test_patterns" : "static_filter_analyses";
        const nlohmann::json& list = field(index, list_name, where);
        if (!list.is_array()) throw UserError(where + ": '" + list_name + "' must be a list");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string here = where + ": " + list_name + "[" + std::to_string(i) + "]";
            BundleEntry e;
            e.config = config_fields(list[i], here);
            const nlohmann::json& name = field(list[i], "filename", here);
            if (!name.is_string()) throw UserError(here + ": field 'filename' must be a string");
            e.filename = name.get<std::string>();
            if (optimised) {
                e.picture_bit_width = integer_field(list[i], "picture_bit_width", here);
                e.matrix = matrix_field(list[i], here);
            }
            (optimised ? b.index.optimised_synthesis_test_patterns : b.index.static_filter_analyses).push_back(e);
        }
    }
    return b;
}

}  // namespace rigor::formats
