#include "filters/formats/vc2_coefficients_json.hpp"

#include "filters/base/error.hpp"

namespace rigor::formats {

using vc2::Coefficients;
using vc2::SampleArray;

SampleArray sample_array_from_json(const nlohmann::json& rows, const std::string& where) {
    if (!rows.is_array() || rows.empty() || !rows[0].is_array() || rows[0].empty())
        throw UserError(where + ": expected a non-empty list of rows of integers");
    SampleArray p(static_cast<long>(rows[0].size()), static_cast<long>(rows.size()));
    for (long y = 0; y < p.height; ++y) {
        const auto& row = rows[static_cast<std::size_t>(y)];
        if (!row.is_array() || static_cast<long>(row.size()) != p.width)
            throw UserError(where + "[" + std::to_string(y) + "]: expected a row of " + std::to_string(p.width) +
                            " integers");
        for (long x = 0; x < p.width; ++x) {
            const auto& v = row[static_cast<std::size_t>(x)];
            if (!v.is_number_integer())
                throw UserError(where + "[" + std::to_string(y) + "][" + std::to_string(x) + "]: expected an integer");
            p.at(x, y) = v.get<std::int64_t>();
        }
    }
    return p;
}

nlohmann::ordered_json sample_array_to_json(const SampleArray& p) {
    auto rows = nlohmann::ordered_json::array();
    for (long y = 0; y < p.height; ++y) {
        auto row = nlohmann::ordered_json::array();
        for (long x = 0; x < p.width; ++x) row.push_back(p.at(x, y));
        rows.push_back(std::move(row));
    }
    return rows;
}

Coefficients coefficients_from_json(const nlohmann::json& levels, const std::string& where) {
    if (!levels.is_object()) throw UserError(where + ": expected an object of levels");
    Coefficients out;
    for (const auto& [level, bands] : levels.items()) {
        int l = -1;
        try {
            std::size_t used = 0;
            l = std::stoi(level, &used);
            if (used != level.size()) l = -1;
        } catch (const std::exception&) {
        }
        if (l < 0) throw UserError(where + ": level '" + level + "' is not a non-negative integer");
        if (!bands.is_object()) throw UserError(where + "." + level + ": expected an object of bands");
        for (const auto& [band, rows] : bands.items())
            out[l][band] = sample_array_from_json(rows, where + "." + level + "." + band);
    }
    return out;
}

nlohmann::ordered_json coefficients_to_json(const Coefficients& c) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (auto it = c.rbegin(); it != c.rend(); ++it) {
        auto& level = out[std::to_string(it->first)] = nlohmann::ordered_json::object();
        for (const char* band : {"HL", "LH", "HH", "H", "LL", "L"})
            if (const auto b = it->second.find(band); b != it->second.end())
                level[band] = sample_array_to_json(b->second);
    }
    return out;
}

}  // namespace rigor::formats
