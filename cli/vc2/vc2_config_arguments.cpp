#include "cli/vc2/vc2_config_arguments.hpp"

#include "filters/formats/vc2_wavelet_json.hpp"
#include "filters/vc2/wavelet.hpp"

namespace rigor::cli {

namespace {

std::string wavelet_list() {
    std::string s;
    for (int i = 0; i < vc2::kWaveletCount; ++i)
        s += (i ? ", " : "") + std::to_string(i) + " or " + std::string(vc2::wavelet(i).name);
    return s;
}

}  // namespace

ArgumentParser& add_vc2_config_options(ArgumentParser& p) {
    return p
        .option("-w", "--wavelet-index", "W", "the VC-2 wavelet (vertical and 2-D levels): one of " + wavelet_list() +
                    ",\n      or a wavelet file (JSON: data/vc2/wavelets/ has the seven)")
        .option("-W", "--wavelet-index-ho", "W", "the wavelet of the horizontal parts (default: --wavelet-index)")
        .option("-d", "--dwt-depth", "D", "2-D transform depth (default 0)")
        .option("-D", "--dwt-depth-ho", "D", "horizontal-only transform depth (default 0)");
}

ArgumentParser vc2_analysis_arguments(const std::string& program, const std::string& description) {
    ArgumentParser p(program, description);
    add_vc2_config_options(p);
    return p;
}

vc2::TransformConfig vc2_config_from(const Arguments& a) {
    vc2::TransformConfig c;
    const auto w = a.get("--wavelet-index");
    if (!w) throw UsageError("the argument --wavelet-index/-w is required");
    const vc2::Wavelet vertical = formats::wavelet_from_argument(*w);
    const auto w_ho = a.get("--wavelet-index-ho");
    c.set_vertical_wavelet(vertical);
    c.set_horizontal_wavelet(w_ho ? formats::wavelet_from_argument(*w_ho) : vertical);
    c.dwt_depth = static_cast<int>(a.get_int("--dwt-depth").value_or(0));
    c.dwt_depth_ho = static_cast<int>(a.get_int("--dwt-depth-ho").value_or(0));
    if (c.dwt_depth < 0) throw UsageError("--dwt-depth must not be negative");
    if (c.dwt_depth_ho < 0) throw UsageError("--dwt-depth-ho must not be negative");
    if (c.dwt_depth + c.dwt_depth_ho > 12)
        throw UsageError("transform depth " + std::to_string(c.dwt_depth + c.dwt_depth_ho) +
                         " is beyond what rigor supports (at most 12 levels in total)");
    return c;
}

}  // namespace rigor::cli
