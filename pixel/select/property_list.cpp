#include "pixel/select/property_list.hpp"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "filters/expr/properties.hpp"

namespace rigor::pixel::select {

namespace {
// "an object", "a number": nlohmann's type names with their article.
std::string kind(const nlohmann::json& v) {
    std::string name = v.type_name();
    return (name.front() == 'a' || name.front() == 'o' ? "an " : "a ") + name;
}
}  // namespace

std::vector<FrameProperties> read_property_list(std::istream& in, const std::string& name,
                                                std::span<const std::string> wanted) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {  // also out_of_range (huge numbers)
        throw UserError(name + ": not valid JSON (" + e.what() + ")");
    }
    if (!doc.is_array())
        throw UserError(name + ": expected a list with one object of properties per frame, got " + kind(doc));
    std::vector<FrameProperties> frames;
    frames.reserve(doc.size());
    for (std::size_t n = 0; n < doc.size(); ++n) {
        const nlohmann::json& entry = doc[n];
        if (!entry.is_object())
            throw UserError(name + ": entry " + std::to_string(n) + " (frame " + std::to_string(n) +
                            ") is " + kind(entry) + ", not an object of properties");
        FrameProperties props;
        for (const std::string& key : wanted) {
            auto it = entry.find(key);
            if (it == entry.end() || it->is_null()) continue;
            if (it->is_boolean()) props[key] = it->get<bool>() ? 1.0 : 0.0;
            else if (it->is_number()) props[key] = it->get<double>();
            else if (it->is_string()) props[key] = rigor::expr::string_property_value(it->get_ref<const std::string&>());
            else
                throw UserError(name + ": property '" + key + "' of frame " + std::to_string(n) + " is " + kind(*it) +
                                "; expressions read numbers and strings only");
        }
        frames.push_back(std::move(props));
    }
    return frames;
}

std::vector<FrameProperties> read_property_list_file(const std::string& path, std::span<const std::string> wanted) {
    std::ifstream in = open_input_file(path);
    return read_property_list(in, path, wanted);
}

}  // namespace rigor::pixel::select
