// The four numbers that select a VC-2 transform (spec §2; the static-analysis documents'
// wavelet_index, wavelet_index_ho, dwt_depth, dwt_depth_ho) and the one check of them,
// used by everything that builds a transform from a configuration it was given.
#pragma once

namespace rigor::vc2 {

struct TransformConfig {
    int wavelet_index = 0;     // vertical (and 2-D) wavelet
    int wavelet_index_ho = 0;  // horizontal wavelet; its filter bit shift is used
    int dwt_depth = 0;
    int dwt_depth_ho = 0;

    bool operator==(const TransformConfig&) const = default;
};

// Each depth may be 0 … 16.  Every level halves the picture along x (and 2-D levels along
// y), so a picture must be a multiple of 2^(D + D_ho) wide: beyond 16 levels no picture a
// codec could hold splits evenly (the analysis commands stop at 12 levels in total).
inline constexpr int kMaxDwtDepth = 16;

// Throws rigor::UserError for a wavelet index outside 0…6 or a depth outside 0…16.
void check_transform_config(const TransformConfig& config);

}  // namespace rigor::vc2
