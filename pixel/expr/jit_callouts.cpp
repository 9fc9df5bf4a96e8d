#include "pixel/expr/jit_callouts.hpp"

#include <cmath>
#include <cstdint>

#include "pixel/expr/vector_math.hpp"

// Only ever called from AVX2 code generated on CPUs that have it, so compiled for AVX2.
// No FMA: results equal the interpreter's lane by lane.  `lanes` is a multiple of 8.
#define RIGOR_AVX2 [[gnu::target("avx2")]]
#define RIGOR_LANES _Pragma("GCC ivdep") for (long i = 0; i < lanes; ++i)
#define B_ (io + kMaxLanes)

namespace rigor::pixel::jit_callouts {

RIGOR_AVX2 void exp_n(float* io, long lanes) noexcept { RIGOR_LANES io[i] = vmath::exp(io[i]); }
RIGOR_AVX2 void log_n(float* io, long lanes) noexcept { RIGOR_LANES io[i] = vmath::log(io[i]); }
RIGOR_AVX2 void sin_n(float* io, long lanes) noexcept { RIGOR_LANES io[i] = vmath::sin(io[i]); }
RIGOR_AVX2 void cos_n(float* io, long lanes) noexcept { RIGOR_LANES io[i] = vmath::cos(io[i]); }
RIGOR_AVX2 void sincos_n(float* io, long lanes) noexcept {
    RIGOR_LANES {
        const float a = io[i];
        const vmath::SinCosParts parts = vmath::sincos_parts(a);
        io[i] = vmath::sincos_result(a, parts, 0);
        B_[i] = vmath::sincos_result(a, parts, 1);
    }
}
RIGOR_AVX2 void pow_n(float* io, long lanes) noexcept { RIGOR_LANES io[i] = vmath::pow(io[i], B_[i]); }
RIGOR_AVX2 void fmod_n(float* io, long lanes) noexcept { RIGOR_LANES io[i] = std::fmod(io[i], B_[i]); }
RIGOR_AVX2 void bitand_n(float* io, long lanes) noexcept {
    RIGOR_LANES io[i] = float(vmath::to_int32(io[i]) & vmath::to_int32(B_[i]));
}
RIGOR_AVX2 void bitor_n(float* io, long lanes) noexcept {
    RIGOR_LANES io[i] = float(vmath::to_int32(io[i]) | vmath::to_int32(B_[i]));
}
RIGOR_AVX2 void bitxor_n(float* io, long lanes) noexcept {
    RIGOR_LANES io[i] = float(vmath::to_int32(io[i]) ^ vmath::to_int32(B_[i]));
}
RIGOR_AVX2 void bitnot_n(float* io, long lanes) noexcept { RIGOR_LANES io[i] = float(~vmath::to_int32(io[i])); }

}  // namespace rigor::pixel::jit_callouts
