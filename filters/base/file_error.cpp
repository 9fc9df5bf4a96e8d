#include "filters/base/file_error.hpp"

#include <cerrno>
#include <cstring>

namespace rigor {

namespace {
std::string system_reason() { return errno != 0 ? std::strerror(errno) : "unknown error"; }
}  // namespace

IoError cannot_read(const std::string& path) { return cannot_read(path, system_reason()); }
IoError cannot_read(const std::string& path, std::string_view reason) {
    return IoError("cannot read '" + path + "': " + std::string(reason));
}
IoError cannot_write(const std::string& path) { return cannot_write(path, system_reason()); }
IoError cannot_write(const std::string& path, std::string_view reason) {
    return IoError("cannot write '" + path + "': " + std::string(reason));
}

}  // namespace rigor
