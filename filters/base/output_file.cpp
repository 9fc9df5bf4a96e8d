#include "filters/base/output_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <csignal>
#include <iostream>
#include <unistd.h>

#include "filters/base/error.hpp"

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
    slot_ = register_temporary(temp_path_);
}

OutputFile::~OutputFile() {
    if (!to_stdout_ && !committed_) {
        file_.close();
        std::remove(temp_path_.c_str());
        release_temporary(slot_);
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
