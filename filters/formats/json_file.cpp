#include "filters/formats/json_file.hpp"

#include <fstream>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"

namespace rigor::formats {

nlohmann::json read_json_file(const std::string& path, const std::string& what) {
    std::ifstream in = open_input_file(path);
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for numbers like 5e5555
        throw UserError(path + ": not valid JSON for " + what + " (" + std::string(e.what()) + ")");
    }
}

}  // namespace rigor::formats
