#include "filters/formats/python_json.hpp"

#include <cstdio>

namespace rigor::formats {

namespace {

void write_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20 || c >= 0x7f) {
                    // Python escapes every non-ASCII code unit; rigor only writes ASCII.
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}

void write(std::string& out, const nlohmann::ordered_json& v) {
    using T = nlohmann::ordered_json::value_t;
    switch (v.type()) {
        case T::null: out += "null"; break;
        case T::boolean: out += v.get<bool>() ? "true" : "false"; break;
        case T::number_integer: out += std::to_string(v.get<std::int64_t>()); break;
        case T::number_unsigned: out += std::to_string(v.get<std::uint64_t>()); break;
        case T::number_float: out += v.dump(); break;
        case T::string: write_string(out, v.get_ref<const std::string&>()); break;
        case T::array: {
            out += '[';
            bool first = true;
            for (const auto& e : v) {
                if (!first) out += ", ";
                first = false;
                write(out, e);
            }
            out += ']';
            break;
        }
        case T::object: {
            out += '{';
            bool first = true;
            for (const auto& [k, e] : v.items()) {
                if (!first) out += ", ";
                first = false;
                write_string(out, k);
                out += ": ";
                write(out, e);
            }
            out += '}';
            break;
        }
        default: out += v.dump(); break;
    }
}

}  // namespace

std::string python_json_dumps(const nlohmann::ordered_json& value) {
    std::string out;
    write(out, value);
    return out;
}

}  // namespace rigor::formats
