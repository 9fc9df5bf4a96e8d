// Machine code in pages of its own: written while writable, then made read-only and
// executable (never both at once), unmapped on destruction.  Move-only.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace rigor::pixel::expr::jit {

class ExecutableCode {
public:
    ExecutableCode() = default;
    // Copies `code` into fresh pages; throws rigor::IoError when the system refuses
    // executable memory (the caller then evaluates without generated code).
    explicit ExecutableCode(const std::vector<std::uint8_t>& code);
    ExecutableCode(ExecutableCode&& other) noexcept;
    ExecutableCode& operator=(ExecutableCode&& other) noexcept;
    ExecutableCode(const ExecutableCode&) = delete;
    ExecutableCode& operator=(const ExecutableCode&) = delete;
    ~ExecutableCode();

    const void* entry() const { return memory_; }

private:
    void* memory_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace rigor::pixel::expr::jit
