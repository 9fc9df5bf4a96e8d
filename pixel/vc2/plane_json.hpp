// Pictures and coefficients as JSON, in the layout of the reference's vc2-dwt documents:
// a picture is a list of rows of signed integers; coefficients are
// {"level": {"band": rows}} with level 0 the DC band, levels from the top down and
// bands in the order HL, LH, HH.  Malformed input is a rigor::UserError naming the place.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "pixel/vc2/integer_transform.hpp"

namespace rigor::vc2 {

Plane plane_from_json(const nlohmann::json& rows, const std::string& where);
nlohmann::ordered_json plane_to_json(const Plane& plane);

Coefficients coefficients_from_json(const nlohmann::json& levels, const std::string& where);
nlohmann::ordered_json coefficients_to_json(const Coefficients& coefficients);

}  // namespace rigor::vc2
