// An output that is either complete or absent.  Data goes to a temporary file beside
// the target ("<name>.tmp-<pid>-<n>"); commit() flushes and renames it over the target,
// and the destructor removes the temporary if commit() never ran (an error, an
// exception, a signal handled by the caller).  "-" writes to stdout directly.
#pragma once
#include <fstream>
#include <ostream>
#include <string>

namespace rigor::cli {

class OutputFile {
public:
    // Throws rigor::IoError when the folder is not writable.
    explicit OutputFile(std::string path, bool binary = true);
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    ~OutputFile();

    std::ostream& stream();
    // Makes the output visible under its final name; throws rigor::IoError on failure.
    void commit();
    const std::string& path() const { return path_; }

private:
    std::string path_;
    std::string temp_path_;
    std::ofstream file_;
    bool to_stdout_ = false;
    bool committed_ = false;
};

// Writes `text` to `path` ("-" = stdout) through an OutputFile.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace rigor::cli
