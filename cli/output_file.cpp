#include "cli/output_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <unistd.h>

#include "filters/error.hpp"

namespace rigor::cli {

namespace {
std::string temp_name_for(const std::string& path) {
    static std::atomic<unsigned> counter{0};
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}
}  // namespace

OutputFile::OutputFile(std::string path, bool binary) : path_(std::move(path)) {
    if (path_ == "-") {
        to_stdout_ = true;
        return;
    }
    if (path_.empty()) throw IoError("empty output file name");
    temp_path_ = temp_name_for(path_);
    file_.open(temp_path_, binary ? std::ios::out | std::ios::binary | std::ios::trunc
                                  : std::ios::out | std::ios::trunc);
    if (!file_) throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
}

OutputFile::~OutputFile() {
    if (!to_stdout_ && !committed_) {
        file_.close();
        std::remove(temp_path_.c_str());
    }
}

std::ostream& OutputFile::stream() { return to_stdout_ ? std::cout : file_; }

void OutputFile::commit() {
    if (committed_) return;
    if (to_stdout_) {
        std::cout.flush();
        if (!std::cout) throw IoError("cannot write to standard output");
        committed_ = true;
        return;
    }
    file_.flush();
    const bool ok = static_cast<bool>(file_);
    file_.close();
    if (!ok || file_.fail()) throw IoError("cannot write '" + path_ + "' (disk full?)");
    if (std::rename(temp_path_.c_str(), path_.c_str()) != 0)
        throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
    committed_ = true;
}

void write_text_file(const std::string& path, const std::string& text) {
    OutputFile out(path, false);
    out.stream() << text;
    out.commit();
}

}  // namespace rigor::cli
