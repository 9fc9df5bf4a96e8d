#include "pixel/vc2/integer_transform.hpp"

#include <algorithm>
#include <string>

#include "filters/base/error.hpp"
#include "filters/vc2/integer_range.hpp"
#include "filters/vc2/wavelet.hpp"
#include "pixel/vc2/lifting.hpp"

namespace rigor::pixel::vc2 {

using rigor::vc2::Coefficients;
using rigor::vc2::SampleArray;
using rigor::vc2::TransformConfig;
using rigor::vc2::Wavelet;

namespace {

std::string primes(std::size_t n) { return std::string(n, '\''); }

// How a run computes: plainly when filters/vc2/integer_range proves that no value leaves
// 64-bit integers (the bound ignores cancellations, so it is loose), otherwise with every
// operation checked, so that only a run that really overflows is refused.
struct Range {
    bool checked = false;
    const char* what = "";      // "picture samples" or "coefficients"
    std::uint64_t largest = 0;  // their largest magnitude

    [[noreturn]] void overflowed(int level) const {
        throw UserError(std::string(what) + " up to " + std::to_string(largest) +
                        " in magnitude: this transform (wavelets and depth) exceeds 64-bit integers on them at "
                        "level " + std::to_string(level) + ", so its integer arithmetic cannot be exact; use "
                        "fewer levels or smaller values");
    }
    void lift(std::int64_t* line, long n, long stride, const rigor::vc2::LiftingStage& s, int level) const {
        if (!checked)
            lift_line(line, n, stride, s);
        else if (!lift_line_checked(line, n, stride, s))
            overflowed(level);
    }
};

void lift_rows(SampleArray& p, const rigor::vc2::LiftingStage& s, const Range& r, int level) {
    for (long y = 0; y < p.height; ++y) r.lift(&p.at(0, y), p.width, 1, s, level);
}

// Unchecked: every column at once, along the rows (cache-friendly); checked: column by
// column, to stop at the first overflow.
void lift_columns(SampleArray& p, const rigor::vc2::LiftingStage& s, const Range& r, int level) {
    if (!r.checked) return lift_lines(p.samples.data(), p.height, p.width, p.width, s);
    for (long x = 0; x < p.width; ++x) r.lift(&p.at(x, 0), p.height, p.width, s, level);
}

SampleArray columns(const SampleArray& p, long parity) {
    SampleArray out(p.width / 2, p.height);
    for (long y = 0; y < p.height; ++y)
        for (long x = 0; x < out.width; ++x) out.at(x, y) = p.at(2 * x + parity, y);
    return out;
}

SampleArray rows(const SampleArray& p, long parity) {
    SampleArray out(p.width, p.height / 2);
    for (long y = 0; y < out.height; ++y)
        for (long x = 0; x < p.width; ++x) out.at(x, y) = p.at(x, 2 * y + parity);
    return out;
}

SampleArray interleave_columns(const SampleArray& even, const SampleArray& odd) {
    SampleArray out(2 * even.width, even.height);
    for (long y = 0; y < out.height; ++y)
        for (long x = 0; x < even.width; ++x) {
            out.at(2 * x, y) = even.at(x, y);
            out.at(2 * x + 1, y) = odd.at(x, y);
        }
    return out;
}

SampleArray interleave_rows(const SampleArray& even, const SampleArray& odd) {
    SampleArray out(even.width, 2 * even.height);
    for (long y = 0; y < even.height; ++y)
        for (long x = 0; x < out.width; ++x) {
            out.at(x, 2 * y) = even.at(x, y);
            out.at(x, 2 * y + 1) = odd.at(x, y);
        }
    return out;
}

void call(const ArrayVisitor& visit, int level, std::string_view name, const SampleArray& p) {
    if (visit) visit(level, name, p);
}

const SampleArray& band(const Coefficients& c, int level, const std::string& orient, long width, long height) {
    const auto l = c.find(level);
    if (l == c.end()) throw UserError("coefficients: level " + std::to_string(level) + " is missing");
    const auto b = l->second.find(orient);
    if (b == l->second.end())
        throw UserError("coefficients: band " + orient + " of level " + std::to_string(level) + " is missing");
    if (width >= 0 && (b->second.width != width || b->second.height != height))
        throw UserError("coefficients: band " + orient + " of level " + std::to_string(level) + " is " +
                        std::to_string(b->second.width) + "x" + std::to_string(b->second.height) + ", expected " +
                        std::to_string(width) + "x" + std::to_string(height));
    return b->second;
}

std::uint64_t magnitude(std::int64_t v) {
    return v < 0 ? std::uint64_t(0) - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

std::uint64_t largest_magnitude(const SampleArray& a, std::uint64_t largest = 0) {
    for (std::int64_t v : a.samples) largest = std::max(largest, magnitude(v));
    return largest;
}

}  // namespace

void check_picture_size(const TransformConfig& c, long width, long height) {
    const long wx = 1L << (c.dwt_depth + c.dwt_depth_ho);
    const long wy = 1L << c.dwt_depth;
    if (width <= 0 || height <= 0 || width % wx != 0 || height % wy != 0)
        throw UserError("picture is " + std::to_string(width) + "x" + std::to_string(height) +
                        ": its width must be a positive multiple of " + std::to_string(wx) +
                        " and its height of " + std::to_string(wy) + " for this transform depth");
}

Coefficients analyse(const TransformConfig& c, SampleArray picture, const ArrayVisitor& visit) {
    check_picture_size(c, picture.width, picture.height);
    const std::uint64_t largest = largest_magnitude(picture);
    const Range range{!rigor::vc2::analysis_magnitude_bound(c, largest), "picture samples", largest};
    const Wavelet& h = c.horizontal_wavelet();
    const auto h_stages = h.analysis_stages();
    const auto v_stages = c.vertical_wavelet().analysis_stages();
    const int b = h.filter_bit_shift;
    const int top = c.dwt_depth + c.dwt_depth_ho;

    Coefficients out;
    SampleArray dc = std::move(picture);
    for (int level = top; level >= 1; --level) {
        call(visit, level, "Input", dc);
        for (auto& s : dc.samples)  // x << b (exact)
            if (__builtin_mul_overflow(s, std::int64_t{1} << b, &s)) range.overflowed(level);
        call(visit, level, "DC", dc);
        for (std::size_t k = 0; k < h_stages.size(); ++k) {
            lift_rows(dc, h_stages[k], range, level);
            call(visit, level, "DC" + primes(k + 1), dc);
        }
        SampleArray l = columns(dc, 0), hi = columns(dc, 1);
        call(visit, level, "L", l);
        call(visit, level, "H", hi);
        if (level <= c.dwt_depth_ho) {
            out[level]["H"] = std::move(hi);
            dc = std::move(l);
            continue;
        }
        for (std::size_t k = 0; k < v_stages.size(); ++k) {
            lift_columns(l, v_stages[k], range, level);
            lift_columns(hi, v_stages[k], range, level);
            call(visit, level, "L" + primes(k + 1), l);
            call(visit, level, "H" + primes(k + 1), hi);
        }
        SampleArray ll = rows(l, 0), lh = rows(l, 1), hl = rows(hi, 0), hh = rows(hi, 1);
        call(visit, level, "LL", ll);
        call(visit, level, "LH", lh);
        call(visit, level, "HL", hl);
        call(visit, level, "HH", hh);
        out[level]["LH"] = std::move(lh);
        out[level]["HL"] = std::move(hl);
        out[level]["HH"] = std::move(hh);
        dc = std::move(ll);
    }
    out[0][c.dwt_depth_ho > 0 ? "L" : "LL"] = std::move(dc);
    return out;
}

SampleArray synthesise(const TransformConfig& c, const Coefficients& coeffs, const ArrayVisitor& visit,
                       int last_level) {
    const Wavelet& h = c.horizontal_wavelet();
    const auto& h_stages = h.synthesis_stages;
    const auto& v_stages = c.vertical_wavelet().synthesis_stages;
    const int b = h.filter_bit_shift;
    const int top = c.dwt_depth + c.dwt_depth_ho;
    if (last_level < 0 || last_level > top) last_level = top;
    std::uint64_t largest = 0;
    for (const auto& [level, bands] : coeffs)
        for (const auto& [orient, b] : bands) largest = largest_magnitude(b, largest);
    const Range range{!rigor::vc2::synthesis_magnitude_bound(c, largest), "coefficients", largest};

    SampleArray low = band(coeffs, 0, c.dwt_depth_ho > 0 ? "L" : "LL", -1, -1);
    for (int level = 1; level <= last_level; ++level) {
        const long w = low.width, hgt = low.height;
        SampleArray col_l, col_h;
        if (level <= c.dwt_depth_ho) {
            call(visit, level, "L", low);
            const SampleArray& hb = band(coeffs, level, "H", w, hgt);
            call(visit, level, "H", hb);
            col_l = std::move(low);
            col_h = hb;
        } else {
            call(visit, level, "LL", low);
            const SampleArray& lh = band(coeffs, level, "LH", w, hgt);
            const SampleArray& hl = band(coeffs, level, "HL", w, hgt);
            const SampleArray& hh = band(coeffs, level, "HH", w, hgt);
            call(visit, level, "LH", lh);
            call(visit, level, "HL", hl);
            call(visit, level, "HH", hh);
            const std::size_t n = v_stages.size();
            col_l = interleave_rows(low, lh);
            col_h = interleave_rows(hl, hh);
            call(visit, level, "L" + primes(n), col_l);
            call(visit, level, "H" + primes(n), col_h);
            for (std::size_t k = 0; k < n; ++k) {
                lift_columns(col_l, v_stages[k], range, level);
                lift_columns(col_h, v_stages[k], range, level);
                call(visit, level, "L" + primes(n - k - 1), col_l);
                call(visit, level, "H" + primes(n - k - 1), col_h);
            }
        }
        SampleArray dc = interleave_columns(col_l, col_h);
        const std::size_t n = h_stages.size();
        call(visit, level, "DC" + primes(n), dc);
        for (std::size_t k = 0; k < n; ++k) {
            lift_rows(dc, h_stages[k], range, level);
            call(visit, level, "DC" + primes(n - k - 1), dc);
        }
        if (b > 0) {
            const std::int64_t o = std::int64_t{1} << (b - 1);
            for (auto& s : dc.samples) {
                if (__builtin_add_overflow(s, o, &s)) range.overflowed(level);
                s >>= b;
            }
        }
        call(visit, level, "Output", dc);
        low = std::move(dc);
    }
    return low;
}

}  // namespace rigor::pixel::vc2
