// Running a rigor command in-process as a user would (arguments in, exit code and output
// file out), for the tool tests.
#pragma once
#include <filesystem>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/common/command.hpp"
#include "filters/base/error.hpp"


namespace vc2_test {

inline std::string data(const std::string& name) {
    std::string path = RIGOR_DATA_DIR;  // appended, not `+`: GCC 12 -O1 warns wrongly on the temporary
    path += "/vc2/";
    path += name;
    return path;
}
// A golden static analysis of the reference (data/vc2/static-analysis), by configuration
// name, e.g. "w1_W1_d2_D0".
inline std::string analysis(const std::string& config) { return data("static-analysis/" + config + ".json"); }

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A fresh empty folder for one test's outputs.
inline std::filesystem::path scratch(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("rigor_vc2_integer_" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

// Runs a command in-process with rigor's own error policy (cli/common/run_command.cpp:
// UserError → 1, UsageError → 2, anything else → 70); the one-line message it prints is
// kept in last_error (without "<name>: error: ") for the tests to inspect.
inline std::string last_error;
inline int run(const char* name, int (*main)(rigor::cli::CommandArguments), std::vector<std::string> args) {
    std::ostringstream err;
    std::streambuf* const stderr_buffer = std::cerr.rdbuf(err.rdbuf());
    const int code = rigor::cli::run_command(rigor::cli::Command{name, "", main}, name, args);
    std::cerr.rdbuf(stderr_buffer);
    std::cerr << err.str();
    const std::string text = err.str();
    const std::string prefix = std::string(name) + ": error: ";
    last_error = text.starts_with(prefix) ? text.substr(prefix.size()) : text;
    if (!last_error.empty() && last_error.back() == '\n') last_error.pop_back();
    return code;
}

}  // namespace vc2_test
