#include "pixel/io/picture_sequence.hpp"

#include <cstdio>

namespace rigor::pixel {

namespace {
// Position and width of the one number field, or npos; width 0 means plain %d.
struct Field {
    std::size_t start = std::string_view::npos, end = 0;
    int width = 0;
};

Field find_field(std::string_view p) {
    Field field;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] != '%') continue;
        if (i + 1 < p.size() && p[i + 1] == '%') {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        int width = 0;
        if (j < p.size() && p[j] == '0') {
            ++j;
            if (j < p.size() && p[j] >= '1' && p[j] <= '9') width = p[j++] - '0';
            else return {};
        }
        if (j >= p.size() || p[j] != 'd' || field.start != std::string_view::npos) return {};
        field = {i, j + 1, width};
        i = j;
    }
    return field;
}
}  // namespace

bool is_sequence_pattern(std::string_view path) { return find_field(path).start != std::string_view::npos; }

std::string sequence_file_name(std::string_view pattern, long index) {
    const Field f = find_field(pattern);
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (i == f.start) {
            char digits[32];
            std::snprintf(digits, sizeof digits, "%0*ld", f.width, index);
            out += digits;
            i = f.end - 1;
        } else if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] == '%') {
            out += '%';
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

}  // namespace rigor::pixel
