// An output that is either complete or absent.  Data goes to a temporary file beside
// the target ("<name>.tmp-<pid>-<n>"); commit() flushes and renames it over the target,
// and the destructor removes the temporary if commit() never ran (an error, an
// exception, a signal handled by the caller).  "-" writes to stdout directly.
#pragma once
#include <fstream>
#include <ostream>
#include <string>

namespace rigor {

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
    int slot_ = -1;  // entry in the table remove_temporary_outputs() reads (-1: none)
};

// Removes every temporary file of an OutputFile not yet committed or destroyed.  Only
// unlink(2) on a fixed table: async-signal-safe, for the mains' SIGINT/SIGTERM/SIGHUP
// handler (install_interrupt_cleanup).  After SIGKILL nothing can run: the temporary
// "<name>.tmp-<pid>-<n>" stays beside the target and may be deleted by hand.
void remove_temporary_outputs() noexcept;
// Installs that handler: removes the temporaries, then dies of the same signal.
void install_interrupt_cleanup();

// Writes `text` to `path` ("-" = stdout) through an OutputFile.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace rigor
