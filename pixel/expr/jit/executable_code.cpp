#include "pixel/expr/jit/executable_code.hpp"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "filters/base/error.hpp"

namespace rigor::pixel::expr::jit {

ExecutableCode::ExecutableCode(const std::vector<std::uint8_t>& code) : size_(code.empty() ? 1 : code.size()) {
    void* p = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw IoError(std::string("cannot map memory for generated code: ") + std::strerror(errno));
    std::memcpy(p, code.data(), code.size());
    if (mprotect(p, size_, PROT_READ | PROT_EXEC) != 0) {
        const int e = errno;
        munmap(p, size_);
        throw IoError(std::string("cannot make generated code executable: ") + std::strerror(e));
    }
    memory_ = p;
}

ExecutableCode::ExecutableCode(ExecutableCode&& other) noexcept
    : memory_(std::exchange(other.memory_, nullptr)), size_(std::exchange(other.size_, 0)) {}

ExecutableCode& ExecutableCode::operator=(ExecutableCode&& other) noexcept {
    if (this != &other) {
        if (memory_) munmap(memory_, size_);
        memory_ = std::exchange(other.memory_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

ExecutableCode::~ExecutableCode() {
    if (memory_) munmap(memory_, size_);
}

}  // namespace rigor::pixel::expr::jit
