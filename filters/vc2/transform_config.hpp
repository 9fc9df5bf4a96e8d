// The numbers that select a VC-2 transform (spec §2; the static-analysis documents'
// wavelet_index, wavelet_index_ho, dwt_depth, dwt_depth_ho) and the one check of them,
// used by everything that builds a transform from a configuration it was given.
//
// A wavelet is one of the seven standard ones by its index, or a custom lifting filter
// (research use): then its index is kCustomWavelet and its definition is held here, so a
// configuration is a complete description of a transform and every document carrying it
// is self-contained.  Code that builds a transform asks vertical_wavelet() and
// horizontal_wavelet(), which serve both kinds.
#pragma once
#include <optional>

#include "filters/vc2/wavelet.hpp"

namespace rigor::vc2 {

struct TransformConfig {
    int wavelet_index = 0;     // vertical (and 2-D) wavelet: 0…6, or kCustomWavelet
    int wavelet_index_ho = 0;  // horizontal wavelet; its filter bit shift is used
    int dwt_depth = 0;
    int dwt_depth_ho = 0;
    // The definitions of custom wavelets, set exactly when the index is kCustomWavelet.
    std::optional<Wavelet> custom_wavelet = std::nullopt, custom_wavelet_ho = std::nullopt;

    // wavelet(wavelet_index) or the custom definition (throws rigor::UserError for an
    // index outside 0…6 without one).
    const Wavelet& vertical_wavelet() const;
    const Wavelet& horizontal_wavelet() const;
    // Sets index and definition from a wavelet (a standard one by its index).
    void set_vertical_wavelet(const Wavelet& w);
    void set_horizontal_wavelet(const Wavelet& w);

    // The same transform: the same depths and the same filters (custom ones compared by
    // filter, their names aside).
    bool operator==(const TransformConfig& other) const;
};

// Each depth may be 0 … 16.  Every level halves the picture along x (and 2-D levels along
// y), so a picture must be a multiple of 2^(D + D_ho) wide: beyond 16 levels no picture a
// codec could hold splits evenly (the analysis commands stop at 12 levels in total).
inline constexpr int kMaxDwtDepth = 16;

// Throws rigor::UserError for a wavelet index outside 0…6 (and not a checked custom
// wavelet, check_wavelet) or a depth outside 0…16.
void check_transform_config(const TransformConfig& config);

}  // namespace rigor::vc2
