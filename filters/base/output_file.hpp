// An output that is either complete or absent — where that is possible — and never
// destroys what it writes to.  How the path is written depends on what it names:
//   - a regular file, or a name not yet taken: data goes to a temporary file beside it
//     ("<name>.tmp-<pid>-<n>"); commit() flushes and renames it over the target (keeping
//     an existing file's permissions), and the destructor removes the temporary if
//     commit() never ran (an error, an exception, a signal handled by the caller).  A
//     symbolic link is followed: the file it points to is replaced, the link stays.
//   - "-" and /dev/stdout: standard output.  /dev/stderr, /dev/fd/N and /proc/self/fd/N:
//     that open descriptor, at its current position (a shell's `>>` keeps appending).
//   - anything else that exists and is not a folder — a character or block device
//     (/dev/null), a named pipe (FIFO), a socket: opened and written directly, never
//     truncated, replaced or unlinked, also when the command fails.  Opening a FIFO
//     waits for its reader, as every program writing to one does.
#pragma once
#include <fstream>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>

namespace rigor {

class OutputFile {
public:
    enum class Kind { Replace, Direct, Stdout };

    // Throws rigor::IoError ("cannot write 'PATH': …") when the path cannot be written:
    // a folder, a folder that is not writable, a device that refuses.
    explicit OutputFile(std::string path, bool binary = true);
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    ~OutputFile();

    std::ostream& stream();
    // Makes the output visible under its final name; throws rigor::IoError on failure.
    void commit();
    const std::string& path() const { return path_; }
    Kind kind() const { return kind_; }
    // Whether stream() can seek back (a temporary regular file): container writers that
    // rewrite their header at the end need it; others write as for a pipe.
    bool seekable() const { return kind_ == Kind::Replace; }

private:
    std::string path_;
    Kind kind_ = Kind::Replace;
    std::string target_;     // Replace: the file renamed over (a link's target)
    std::string temp_path_;  // Replace: the temporary
    std::ofstream file_;
    std::unique_ptr<std::streambuf> direct_buffer_;  // Direct: buffered writes to a descriptor
    std::unique_ptr<std::ostream> direct_;
    int keep_mode_ = -1;     // Replace over an existing file: its permission bits
    bool committed_ = false;
    int slot_ = -1;  // entry in the table remove_temporary_outputs() reads (-1: none)
};

// Removes every temporary file of an OutputFile not yet committed or destroyed.  Only
// unlink(2) on a fixed table: async-signal-safe, for the mains' SIGINT/SIGTERM/SIGHUP
// handler (install_interrupt_cleanup).  After SIGKILL nothing can run: the temporary
// "<name>.tmp-<pid>-<n>" stays beside the target and may be deleted by hand.  Direct
// outputs are never in the table.
void remove_temporary_outputs() noexcept;
// Installs that handler: removes the temporaries, then dies of the same signal.
void install_interrupt_cleanup();

// Writes `text` to `path` ("-" = stdout) through an OutputFile.
void write_text_file(const std::string& path, const std::string& text);

}  // namespace rigor
