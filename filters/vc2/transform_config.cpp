#include "filters/vc2/transform_config.hpp"

#include <string>
#include <utility>

#include "filters/base/error.hpp"
#include "filters/vc2/wavelet.hpp"

namespace rigor::vc2 {

void check_transform_config(const TransformConfig& c) {
    wavelet(c.wavelet_index);
    wavelet(c.wavelet_index_ho);
    for (const auto& [what, depth] :
         {std::pair{"dwt depth", c.dwt_depth}, std::pair{"horizontal-only dwt depth", c.dwt_depth_ho}}) {
        const std::string range = std::string(what) + " " + std::to_string(depth) + " is out of range (0 to " +
                                  std::to_string(kMaxDwtDepth) + ")";
        if (depth < 0) throw UserError(range + ": a depth cannot be negative");
        if (depth > kMaxDwtDepth) throw UserError(range);
    }
}

}  // namespace rigor::vc2
