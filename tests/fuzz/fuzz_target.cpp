// One libFuzzer target: the entry point RIGOR_FUZZ_ENTRY of entries.hpp (set per target
// by CMakeLists.txt).  A rejected input throws rigor::UserError; anything else escaping —
// another exception, a crash, a sanitizer report — is a finding.
#include "filters/base/error.hpp"
#include "tests/fuzz/entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        rigor::fuzz::RIGOR_FUZZ_ENTRY({data, size});
    } catch (const rigor::UserError&) {
    }
    return 0;
}
