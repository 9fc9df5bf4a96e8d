// Random custom VC-2 wavelets for property tests: 1–4 lifting stages of 1–4 taps (shifts
// 0–6, taps −40…40, tap offsets −2…1, filter bit shift 0–2), drawn again until filters/
// vc2's check_wavelet accepts one (gains small enough for one level of a 32-bit picture).
// Header-only; seed the generator and print the seed in the test.
#pragma once
#include <random>
#include <string>

#include "filters/base/error.hpp"
#include "filters/vc2/transform_config.hpp"
#include "filters/vc2/wavelet.hpp"

namespace rigor::test {

inline vc2::Wavelet random_wavelet(std::mt19937& rng, const std::string& name = "random") {
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    for (;;) {
        vc2::Wavelet w{vc2::kCustomWavelet, name, pick(0, 2), {}};
        const int stages = pick(1, 4);
        for (int k = 0; k < stages; ++k) {
            vc2::LiftingStage s{};
            s.type = static_cast<vc2::LiftType>(pick(1, 4));
            s.shift = pick(0, 6);
            s.delay = pick(-2, 1);
            s.length = pick(1, 4);
            for (int i = 0; i < s.length; ++i) s.taps.push_back(pick(-40, 40));
            w.synthesis_stages.push_back(s);
        }
        try {
            vc2::check_wavelet(w);
            return w;
        } catch (const UserError&) {  // too large a gain: draw again
        }
    }
}

// A configuration of custom (or standard) wavelets.
inline vc2::TransformConfig config_of(const vc2::Wavelet& vertical, const vc2::Wavelet& horizontal, int depth,
                                      int depth_ho) {
    vc2::TransformConfig c;
    c.set_vertical_wavelet(vertical);
    c.set_horizontal_wavelet(horizontal);
    c.dwt_depth = depth;
    c.dwt_depth_ho = depth_ho;
    return c;
}

}  // namespace rigor::test
