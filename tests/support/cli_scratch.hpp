// Helpers for tests that run rigor's executables: a scratch folder removed afterwards,
// and shell command lines with their exit code and output.  Header-only; any test
// folder may include it ("tests/support/cli_scratch.hpp").
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace rigor::test {

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A fresh folder under the system's temporary folder, removed with everything in it.
class ScratchDir {
public:
    ScratchDir() {
        static std::atomic<int> counter{0};
        path = std::filesystem::temp_directory_path() /
               ("rigor-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir() { std::filesystem::remove_all(path); }

    std::string operator/(const std::string& name) const { return (path / name).string(); }
    // Entries in the folder, to check that a failed run left nothing behind.
    std::size_t entries() const {
        return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(path), {}));
    }

    std::filesystem::path path;
};

// Runs a shell command line; stderr goes to `*err` when given.  Returns the exit code.
inline int run(const std::string& line, const ScratchDir& d, std::string* err = nullptr) {
    const std::string errfile = (d.path.parent_path() / (d.path.filename().string() + ".stderr")).string();
    const int status = std::system((line + " 2>'" + errfile + "'").c_str());
    if (err) *err = slurp(errfile);
    std::filesystem::remove(errfile);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Captured {
    int code;
    std::string out, err;
};

// Runs a shell command line capturing stdout and stderr.
inline Captured run_capture(const std::string& line, const ScratchDir& d) {
    const std::string outfile = (d.path.parent_path() / (d.path.filename().string() + ".stdout")).string();
    Captured c{};
    c.code = run(line + " >'" + outfile + "'", d, &c.err);
    c.out = slurp(outfile);
    std::filesystem::remove(outfile);
    return c;
}

}  // namespace rigor::test
