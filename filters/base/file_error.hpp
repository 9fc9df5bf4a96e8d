// The one wording of a file that cannot be read or written, for every reader and
// writer: "cannot read 'PATH': No such file or directory".  The reason is the system's
// (errno at the time of the call) unless one is given.
#pragma once
#include <fstream>
#include <string>
#include <string_view>

#include "filters/base/error.hpp"

namespace rigor {

IoError cannot_read(const std::string& path);
IoError cannot_read(const std::string& path, std::string_view reason);
IoError cannot_write(const std::string& path);
IoError cannot_write(const std::string& path, std::string_view reason);

// The file opened for binary reading, or cannot_read: also for a directory, which
// std::ifstream opens and whose first read throws std::ios_base::failure on Linux.
std::ifstream open_input_file(const std::string& path);

}  // namespace rigor
