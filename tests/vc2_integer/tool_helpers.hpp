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
#include "filters/base/error.hpp"


namespace vc2_test {

inline std::string data(const std::string& name) { return std::string(RIGOR_DATA_DIR) + "/vc2/" + name; }
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

// Runs a command with rigor's error policy (cli/run_command.cpp): UserError → exit 1 and
// its message (kept in last_error for the tests to inspect).
inline std::string last_error;
inline int run(const char* name, int (*main)(std::span<const std::string>), std::vector<std::string> args) {
    last_error.clear();
    try {
        return main(args);
    } catch (const rigor::UserError& e) {
        last_error = e.what();
        std::cerr << name << ": error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace vc2_test
