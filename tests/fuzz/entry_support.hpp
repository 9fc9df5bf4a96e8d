// What the fuzz entry points share (entries.cpp, reader_entries.cpp): the bytes as text,
// and the bytes as a file for the readers that take a path.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "tests/fuzz/entries.hpp"

namespace rigor::fuzz {

inline std::string_view text_of(Bytes data) { return {reinterpret_cast<const char*>(data.data()), data.size()}; }

// The bytes in a file private to this process; it is removed even when the reader throws.
class TempFile {
public:
    TempFile(Bytes data, std::string_view extension) {
        path_ = (std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/rigor-fuzz-" +
                 std::to_string(::getpid()) + std::string(extension));
        std::ofstream out(path_, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace rigor::fuzz
