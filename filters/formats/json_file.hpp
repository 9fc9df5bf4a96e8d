// A JSON document read from a file, with errors that name the file.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace rigor::formats {

// Throws rigor::IoError ("cannot read '<path>': <reason>") when the file cannot be read and
// rigor::UserError naming the path and `what` it should hold when it is not JSON (numbers
// beyond a double included).
nlohmann::json read_json_file(const std::string& path, const std::string& what);

}  // namespace rigor::formats
