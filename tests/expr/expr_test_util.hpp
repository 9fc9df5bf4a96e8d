// Small helpers shared by the Expr tests: build frames, run ExprFilter, read samples.
#pragma once
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "pixel/expr/expr_filter.hpp"
#include "pixel/io/frame.hpp"

namespace rigor::test_expr {

using pixel::Frame;
using pixel::VideoFormat;

inline constexpr float kInf = std::numeric_limits<float>::infinity();
inline const float kNaN = std::numeric_limits<float>::quiet_NaN();
// A binary32's bits, for comparisons that tell -0 from +0 and NaNs apart.
inline std::uint32_t bits(float v) { return std::bit_cast<std::uint32_t>(v); }

inline double sample(const Frame& f, int p, int x, int y) {
    const pixel::Plane& pl = f.plane(p);
    if (f.format().is_float()) return pl.row_as<float>(y)[x];
    if (f.format().bytes_per_sample() == 1) return pl.row_as<std::uint8_t>(y)[x];
    return pl.row_as<std::uint16_t>(y)[x];
}

inline void set_sample(Frame& f, int p, int x, int y, double v) {
    pixel::Plane& pl = f.plane(p);
    if (f.format().is_float()) pl.row_as<float>(y)[x] = float(v);
    else if (f.format().bytes_per_sample() == 1) pl.row_as<std::uint8_t>(y)[x] = std::uint8_t(v);
    else pl.row_as<std::uint16_t>(y)[x] = std::uint16_t(v);
}

// A frame whose every sample is value(plane, x, y).
inline Frame make_frame(const std::string& format, int w, int h, const std::function<double(int, int, int)>& value) {
    Frame f(pixel::parse_format_name(format), w, h);
    for (int p = 0; p < f.planes(); ++p)
        for (int y = 0; y < f.plane(p).height(); ++y)
            for (int x = 0; x < f.plane(p).width(); ++x) set_sample(f, p, x, y, value(p, x, y));
    return f;
}

struct RunOptions {
    std::optional<std::string> format;
    expr::Boundary boundary = expr::Boundary::Clamp;
    int threads = 1;
    long frame_number = 0;
    // A property a frame lacks reads NaN (akarin.Expr's rule, which the references here
    // follow); false: rigor's default, an error.
    bool missing_properties_nan = true;
};

inline RunOptions fmt(const std::string& format) {
    RunOptions o;
    o.format = format;
    return o;
}
inline RunOptions bnd(expr::Boundary b) {
    RunOptions o;
    o.boundary = b;
    return o;
}
inline RunOptions frame_at(RunOptions o, long n) {
    o.frame_number = n;
    return o;
}

inline Frame run(const std::vector<std::string>& exprs, const std::vector<Frame>& inputs, const RunOptions& o = {}) {
    pixel::expr::ExprSettings s;
    s.expressions = exprs;
    if (o.format) s.output_format = pixel::parse_format_name(*o.format);
    s.boundary = o.boundary;
    s.threads = o.threads;
    if (o.missing_properties_nan) s.missing_properties.otherwise = NAN;
    std::vector<VideoFormat> formats;
    std::vector<const Frame*> ptrs;
    for (const Frame& f : inputs) formats.push_back(f.format()), ptrs.push_back(&f);
    pixel::expr::ExprFilter filter(s, formats, inputs.at(0).width(), inputs.at(0).height());
    Frame out;
    filter.process(ptrs, o.frame_number, out);
    return out;
}

// The value of a program that does not depend on the pixel, as a float output.
inline double eval_scalar(const std::string& program) {
    Frame in = make_frame("grays", 1, 1, [](int, int, int) { return 0.0; });
    return sample(run({program}, {in}), 0, 0, 0);
}

}  // namespace rigor::test_expr
