#include "filters/base/file_error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace rigor {

namespace {
std::string system_reason() { return errno != 0 ? std::strerror(errno) : "unknown error"; }
}  // namespace

IoError cannot_read(const std::string& path) { return cannot_read(path, system_reason()); }
IoError cannot_read(const std::string& path, std::string_view reason) {
    return IoError("cannot read '" + path + "': " + std::string(reason));
}
std::ifstream open_input_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw cannot_read(path);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw cannot_read(path, std::strerror(EISDIR));
    return in;
}

IoError cannot_write(const std::string& path) { return cannot_write(path, system_reason()); }
IoError cannot_write(const std::string& path, std::string_view reason) {
    return IoError("cannot write '" + path + "': " + std::string(reason));
}

}  // namespace rigor
