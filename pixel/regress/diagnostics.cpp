#include "pixel/regress/diagnostics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "filters/base/error.hpp"
#include "filters/base/output_file.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/regress/regression.hpp"

namespace rigor::pixel::regress {

namespace {

// A gray8 picture of `crop` of `src`, each sample mapped by `to_unit` to 0…1.
Frame gray8(const Plane& src, const Crop& crop, const std::function<double(float)>& to_unit) {
    Frame f({ColorFamily::Gray, SampleType::Integer, 8, 0, 0}, crop.width, crop.height);
    for (int y = 0; y < crop.height; ++y) {
        const float* s = src.row_as<float>(crop.y + y) + crop.x;
        std::uint8_t* d = f.plane(0).row_as<std::uint8_t>(y);
        for (int x = 0; x < crop.width; ++x) {
            const double u = to_unit(s[x]);
            d[x] = std::uint8_t(std::lround(std::clamp(std::isnan(u) ? 0.0 : u, 0.0, 1.0) * 255));
        }
    }
    return f;
}

void write_png(const std::string& path, const Frame& frame) {
    OutputFile out(path);
    write_picture(out.stream(), path, frame);
    out.commit();
}

}  // namespace

Crop diagnostic_crop(int width, int height, int size) {
    const int w = std::min(width, size), h = std::min(height, size);
    return {(width - w) / 2, (height - h) / 2, w, h};
}

std::vector<std::string> write_diagnostics(const std::string& dir, const ChromaReconstructSteps& steps,
                                           const rigor::regress::RegressParams& params, int threads) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir))
        throw IoError("cannot make the diagnostics folder '" + dir + "': " + (ec ? ec.message() : "not a folder"));
    std::vector<std::string> written;
    const char* names[] = {"u", "v"};
    for (std::size_t k = 0; k < steps.repaired.size() && k < 2; ++k) {
        const Plane& cd = steps.demangled_chroma[k];
        const RegressionPlanes r = regression(steps.demangled_luma, cd, params, threads);
        const Crop whole{0, 0, cd.width(), cd.height()};
        const std::string base = dir + "/" + names[k];
        write_png(base + "_correlation.png", gray8(r.correlation, whole, [](float c) { return double(c); }));
        write_png(base + "_slope.png", gray8(r.slope, whole, [](float a) { return 0.5 + a / 4.0; }));
        const Crop crop = diagnostic_crop(cd.width(), cd.height());
        float lo = INFINITY, hi = -INFINITY;
        for (const Plane* p : {&cd, &steps.repaired[k]})
            for (int y = crop.y; y < crop.y + crop.height; ++y)
                for (int x = crop.x; x < crop.x + crop.width; ++x) {
                    const float v = p->row_as<float>(y)[x];
                    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
                }
        const double span = hi > lo ? double(hi) - lo : 1.0;
        auto stretch = [&](float v) { return (double(v) - lo) / span; };
        write_png(base + "_before.png", gray8(cd, crop, stretch));
        write_png(base + "_after.png", gray8(steps.repaired[k], crop, stretch));
        for (const char* s : {"_correlation.png", "_slope.png", "_before.png", "_after.png"}) written.push_back(base + s);
    }
    return written;
}

}  // namespace rigor::pixel::regress
