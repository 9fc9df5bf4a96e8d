#include "filters/base/output_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <iostream>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <string_view>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"

namespace rigor {

namespace {
// The temporaries a signal handler must remove.  Global by necessity: a handler has no
// other way to find them.  A slot is Free, Writing (being filled: the handler skips it)
// or Ready; lock-free atomics are async-signal-safe.
constexpr int kSlots = 64;
constexpr std::size_t kSlotPath = 4096;
enum SlotState : int { Free, Writing, Ready };
struct TempSlot {
    std::atomic<int> state{Free};
    char path[kSlotPath];
};
TempSlot temp_slots[kSlots];

int register_temporary(const std::string& path) {
    if (path.size() >= kSlotPath) return -1;  // not removable on a signal; still removed on errors
    for (int i = 0; i < kSlots; ++i) {
        int expected = Free;
        if (!temp_slots[i].state.compare_exchange_strong(expected, Writing)) continue;
        std::memcpy(temp_slots[i].path, path.c_str(), path.size() + 1);
        temp_slots[i].state.store(Ready);
        return i;
    }
    return -1;
}

void release_temporary(int slot) {
    if (slot >= 0) temp_slots[slot].state.store(Free);
}

extern "C" void remove_temporaries_and_die(int signal_number) {
    remove_temporary_outputs();
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

std::string temp_name_for(const std::string& path) {
    static std::atomic<unsigned> counter{0};
    return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

// Buffered writes to a file descriptor, for outputs that are written in place.
class DescriptorBuffer : public std::streambuf {
public:
    DescriptorBuffer(int fd, bool owned) : fd_(fd), owned_(owned), buffer_(std::size_t(1) << 16) {
        setp(buffer_.data(), buffer_.data() + buffer_.size());
    }
    ~DescriptorBuffer() override {
        sync();
        if (owned_) ::close(fd_);
    }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (n < std::streamsize(buffer_.size())) return std::streambuf::xsputn(s, n);
        return drain() && write_all(s, std::size_t(n)) ? n : 0;
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        const std::size_t n = std::size_t(pptr() - pbase());
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return n == 0 || write_all(buffer_.data(), n);
    }
    bool write_all(const char* p, std::size_t n) {
        while (n > 0) {
            const ssize_t w = ::write(fd_, p, n);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) return false;
            p += w;
            n -= std::size_t(w);
        }
        return true;
    }

    int fd_;
    bool owned_;
    std::vector<char> buffer_;
};

// The descriptor a path names directly: /dev/stderr, /dev/fd/N, /proc/self/fd/N; -1 if none.
int named_descriptor(const std::string& path) {
    if (path == "/dev/stderr") return 2;
    for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
        if (!std::string_view(path).starts_with(prefix)) continue;
        const std::string_view digits = std::string_view(path).substr(prefix.size());
        int fd = -1;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
        if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty()) return fd;
    }
    return -1;
}
}  // namespace

OutputFile::OutputFile(std::string path, bool binary) : path_(std::move(path)) {
    if (path_ == "-" || path_ == "/dev/stdout") {
        kind_ = Kind::Stdout;
        return;
    }
    if (path_.empty()) throw IoError("empty output file name");
    if (const int fd = named_descriptor(path_); fd >= 0) {
        if (::fcntl(fd, F_GETFD) < 0) throw cannot_write(path_);
        kind_ = Kind::Direct;
        direct_buffer_ = std::make_unique<DescriptorBuffer>(fd, false);
        direct_ = std::make_unique<std::ostream>(direct_buffer_.get());
        return;
    }
    struct stat st {};
    const bool exists = ::stat(path_.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw cannot_write(path_, "it is a folder");
    if (exists && !S_ISREG(st.st_mode)) {  // a device, a FIFO, a socket: write in place
        const int fd = ::open(path_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) throw cannot_write(path_);
        kind_ = Kind::Direct;
        direct_buffer_ = std::make_unique<DescriptorBuffer>(fd, true);
        direct_ = std::make_unique<std::ostream>(direct_buffer_.get());
        return;
    }
    target_ = path_;
    struct stat link {};
    if (::lstat(path_.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        std::error_code ec;
        const std::filesystem::path resolved = std::filesystem::weakly_canonical(path_, ec);
        if (!ec) target_ = resolved.string();
    }
    if (exists) keep_mode_ = int(st.st_mode & 07777);
    temp_path_ = temp_name_for(target_);
    file_.open(temp_path_, binary ? std::ios::out | std::ios::binary | std::ios::trunc
                                  : std::ios::out | std::ios::trunc);
    if (!file_) throw cannot_write(path_);
    slot_ = register_temporary(temp_path_);
}

OutputFile::~OutputFile() {
    if (kind_ == Kind::Replace && !committed_) {
        file_.close();
        std::remove(temp_path_.c_str());
        release_temporary(slot_);
    }
}

std::ostream& OutputFile::stream() {
    switch (kind_) {
        case Kind::Stdout: return std::cout;
        case Kind::Direct: return *direct_;
        case Kind::Replace: break;
    }
    return file_;
}

void OutputFile::commit() {
    if (committed_) return;
    if (kind_ == Kind::Stdout) {
        std::cout.flush();
        if (!std::cout) throw IoError("cannot write to standard output");
        committed_ = true;
        return;
    }
    if (kind_ == Kind::Direct) {
        direct_->flush();
        if (!*direct_) throw cannot_write(path_);
        committed_ = true;
        return;
    }
    file_.flush();
    const bool ok = static_cast<bool>(file_);
    file_.close();
    if (!ok || file_.fail()) throw cannot_write(path_, "the disk is full or the file system failed");
    if (keep_mode_ >= 0) ::chmod(temp_path_.c_str(), mode_t(keep_mode_));
    if (std::rename(temp_path_.c_str(), target_.c_str()) != 0) throw cannot_write(path_);
    release_temporary(slot_);  // after the rename: a signal in between unlinks a name now gone
    committed_ = true;
}

void remove_temporary_outputs() noexcept {
    for (TempSlot& slot : temp_slots)
        if (slot.state.load() == Ready) ::unlink(slot.path);
}

void install_interrupt_cleanup() {
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_die;
    sigemptyset(&action.sa_mask);
    for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal_number, &action, nullptr);
}

void write_text_file(const std::string& path, const std::string& text) {
    OutputFile out(path, false);
    out.stream() << text;
    out.commit();
}

}  // namespace rigor
