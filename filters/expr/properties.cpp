#include "filters/expr/properties.hpp"

#include <cmath>

#include "filters/base/error.hpp"
#include "filters/expr/ir_text.hpp"

namespace rigor::expr {

double string_property_value(std::string_view text) noexcept {
    if (text.empty()) return 0;
    const auto byte = static_cast<unsigned char>(text.front());
    return byte < 0x80 ? double(byte) : double(int(byte) - 256);  // a signed char, as on x86
}

double MissingProperties::value_for(std::string_view name, int clip, long frame, std::string_view reader) const {
    if (auto it = defaults.find(name); it != defaults.end()) return it->second;
    if (otherwise) return *otherwise;
    std::string message = "frame " + std::to_string(frame) + " of clip " + clip_name(clip) +
                          " has no property '" + std::string(name) + "' (" + clip_name(clip) + "." +
                          std::string(name) + ", read by " + std::string(reader) + ")";
    if (!hint.empty()) message += "; " + hint;
    throw UserError(message);
}

std::optional<double> missing_properties_mode(std::string_view mode, std::string_view option) {
    if (mode == "error") return std::nullopt;
    if (mode == "nan") return std::nan("");
    if (mode == "zero") return 0.0;
    throw UserError(std::string(option) + " expects error, nan or zero, got '" + std::string(mode) + "'");
}

}  // namespace rigor::expr
