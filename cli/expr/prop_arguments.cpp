#include "cli/expr/prop_arguments.hpp"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include "cli/common/arguments.hpp"
#include "filters/base/error.hpp"

namespace rigor::cli {

namespace {
constexpr std::string_view kClipLetters = "xyzabcdefghijklmnopqrstuvw";
}

int parse_clip_name(const std::string& text, const std::string& flag) {
    if (text.size() == 1 && kClipLetters.find(text[0]) != std::string_view::npos)
        return int(kClipLetters.find(text[0]));
    if (text.starts_with("src") && text.size() > 3) {
        int v = 0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data() + 3, end, v);
        if (ec == std::errc() && p == end && v >= 0) return v;
    }
    throw UsageError(flag + ": '" + text + "' is not a clip name (x, y, z, a, b, ..., w or srcN)");
}

PropSetting parse_prop_setting(const std::string& text) {
    std::size_t dot = text.find('.'), eq = text.find('=');
    const std::string bad = "--prop expects CLIP.NAME=VALUE (e.g. x._Combed=1), got '" + text + "'";
    if (dot == std::string::npos || eq == std::string::npos || eq < dot + 2) throw UsageError(bad);
    PropSetting s;
    s.clip = parse_clip_name(text.substr(0, dot), "--prop");
    s.name = text.substr(dot + 1, eq - dot - 1);
    std::string value = text.substr(eq + 1);
    if (value.empty()) throw UsageError(bad);
    const char c = value.front();
    const bool numeric = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    char* end = nullptr;
    s.value = std::strtod(value.c_str(), &end);
    if (end == value.c_str() + value.size()) return s;
    if (numeric) throw UsageError(bad);  // "0.5x": a mistyped number, not a string
    s.value = rigor::expr::string_property_value(value);
    return s;
}

rigor::expr::MissingProperties parse_missing_properties(std::span<const std::string> defaults,
                                                        std::span<const std::string> modes,
                                                        const std::string& flags_hint) {
    rigor::expr::MissingProperties m;
    for (const std::string& text : defaults) {
        const std::size_t eq = text.find('=');
        const std::string bad = "--prop-default expects NAME=VALUE (e.g. PlaneStatsAverage=0.5), got '" + text + "'";
        if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) throw UsageError(bad);
        const std::string value = text.substr(eq + 1);
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (end != value.c_str() + value.size()) throw UsageError(bad);
        m.defaults[text.substr(0, eq)] = v;
    }
    for (const std::string& mode : modes) {
        try {
            m.otherwise = rigor::expr::missing_properties_mode(mode, "--missing-props");
        } catch (const UserError& e) {
            throw UsageError(e.what());  // a bad option value: the CLI's usage exit code
        }
    }
    m.hint = "give it (" + flags_hint + ") or a default (--prop-default NAME=VALUE, --missing-props nan|zero)";
    return m;
}

PropFileSetting parse_prop_file_setting(const std::string& text) {
    std::size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw UsageError("--prop-file expects CLIP=FILE.json (e.g. y=stats.json), got '" + text + "'");
    return {parse_clip_name(text.substr(0, eq), "--prop-file"), text.substr(eq + 1)};
}

void check_prop_clip(int clip, std::size_t clips, const std::string& flag) {
    if (clip >= 0 && std::size_t(clip) < clips) return;
    throw UserError(flag + " names clip " + std::to_string(clip) + " but only " + std::to_string(clips) +
                    " input(s) are given");
}

}  // namespace rigor::cli
