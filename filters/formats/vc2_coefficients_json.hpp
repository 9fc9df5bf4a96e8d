// Pictures and coefficients as JSON, in the layout of the reference's vc2-dwt documents:
// a picture is a list of rows of signed integers; coefficients are
// {"level": {"band": rows}} with level 0 the DC band, levels from the top down and
// bands in the order HL, LH, HH.  Malformed input is a rigor::UserError naming the place.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "filters/vc2/sample_array.hpp"

namespace rigor::formats {

vc2::SampleArray sample_array_from_json(const nlohmann::json& rows, const std::string& where);
nlohmann::ordered_json sample_array_to_json(const vc2::SampleArray& array);

vc2::Coefficients coefficients_from_json(const nlohmann::json& levels, const std::string& where);
nlohmann::ordered_json coefficients_to_json(const vc2::Coefficients& coefficients);

}  // namespace rigor::formats
