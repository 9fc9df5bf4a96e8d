// JSON text exactly as Python's json.dumps(obj) writes it (default separators ", " and
// ": ", ASCII only, keys in insertion order), so that rigor's documents are
// byte-compatible with the BBC reference tools' output.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace rigor::formats {

std::string python_json_dumps(const nlohmann::ordered_json& value);

}  // namespace rigor::formats
