#include "symbolic/expr/input_domain.hpp"

#include <algorithm>
#include <bit>
#include <cln/dfloat.h>
#include <cln/integer.h>
#include <cln/real.h>
#include <cmath>
#include <limits>

#include "filters/base/error.hpp"
#include "symbolic/expr/double_rounding.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/variables.hpp"

namespace rigor::symbolic::expr {

using rigor::expr::Op;
using rigor::expr::SampleStorage;

namespace {

// Order-preserving integer keys of binary32 and binary16 numbers (-0 just below +0).
std::int64_t float_key(float v) {
    const std::uint32_t b = std::bit_cast<std::uint32_t>(v);
    return b >> 31 ? -1 - std::int64_t(b & 0x7fffffffu) : std::int64_t(b);
}
float float_of_key(std::int64_t k) {
    return std::bit_cast<float>(k >= 0 ? std::uint32_t(k) : 0x80000000u | std::uint32_t(-1 - k));
}
// binary16 bits -> its value (exact in binary32).
float half_value(std::uint32_t h) {
    const std::uint32_t e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
    const float mag = e == 0 ? std::ldexp(float(m), -24) : std::ldexp(float(m | 0x400u), int(e) - 25);
    return h & 0x8000u ? -mag : mag;
}
std::int64_t half_key_bits(std::int64_t k) { return k >= 0 ? k : (0x8000 | (-1 - k)); }
float half_of_key(std::int64_t k) { return half_value(std::uint32_t(half_key_bits(k))); }
constexpr std::int64_t kHalfKeyMin = -1 - 0x7bff, kHalfKeyMax = 0x7bff;  // -65504 .. 65504

cln::cl_RA exact(float v) { return binary32_rational(v); }

// The first key of [lo, hi] whose value is >= v (hi + 1 when none).
template <class Value>
std::int64_t first_key_at_least(std::int64_t lo, std::int64_t hi, double v, Value value) {
    while (lo <= hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (double(value(mid)) >= v) hi = mid - 1;
        else lo = mid + 1;
    }
    return lo;
}

bool is_clip(Op op) { return op == Op::Load || op == Op::LoadAbsolute; }

}  // namespace

std::uint64_t InputDomain::count() const {
    switch (kind) {
        case DomainKind::Integer: return std::uint64_t(double(hi) - double(lo)) + 1;
        case DomainKind::Float: return std::uint64_t(float_key(hi) - float_key(lo)) + 1;
        default: {
            auto key = [](float v) {
                return first_key_at_least(kHalfKeyMin, kHalfKeyMax, double(v), half_of_key);
            };
            return std::uint64_t(key(hi) - key(lo)) + 1;
        }
    }
}

float InputDomain::at(std::uint64_t i) const {
    switch (kind) {
        case DomainKind::Integer: return float(double(lo) + double(i));
        case DomainKind::Float: return float_of_key(float_key(lo) + std::int64_t(i));
        default: return half_of_key(first_key_at_least(kHalfKeyMin, kHalfKeyMax, double(lo), half_of_key) + std::int64_t(i));
    }
}

std::uint64_t InputDomain::index_of(float v) const {
    v = std::clamp(v, lo, hi);
    switch (kind) {
        case DomainKind::Integer: return std::uint64_t(double(v) - double(lo));
        case DomainKind::Float: return std::uint64_t(float_key(v) - float_key(lo));
        default: {
            const std::int64_t first = first_key_at_least(kHalfKeyMin, kHalfKeyMax, double(lo), half_of_key);
            std::int64_t k = first_key_at_least(kHalfKeyMin, kHalfKeyMax, double(v), half_of_key);
            if (std::signbit(v) && v == 0 && k > first) --k;  // -0 precedes +0
            return std::uint64_t(k - first);
        }
    }
}

float InputDomain::nearest(double v) const {
    if (!(v > double(lo))) return lo;
    if (!(v < double(hi))) return hi;
    if (kind == DomainKind::Integer) return float(std::floor(v + 0.5) - (std::floor(v + 0.5) - v == 0.5 ? 1 : 0));
    // The two domain values around v.
    const std::uint64_t n = count();
    std::uint64_t a = 0, b = n - 1;
    while (b - a > 1) {
        const std::uint64_t m = a + (b - a) / 2;
        (double(at(m)) <= v ? a : b) = m;
    }
    return v - double(at(a)) <= double(at(b)) - v ? at(a) : at(b);
}

SampleStorage ClipFormats::of(const std::string& clip) const {
    auto it = by_clip.find(clip);
    return it == by_clip.end() ? fallback : it->second;
}

SampleStorage storage_of(bool is_float, int bits) { return {is_float, bits}; }
std::string storage_name(const SampleStorage& s) {
    if (s.is_float) return s.bits == 16 ? "half-float" : "float";
    return std::to_string(s.bits) + "-bit";
}

std::vector<InputDomain> input_domains(const rigor::expr::PointProgram& p, const InputRanges& ranges,
                                       const ClipFormats& formats) {
    std::vector<InputDomain> out;
    std::map<std::string, int> absolute_count;
    for (const rigor::expr::Node& leaf : p.inputs) {
        InputDomain d;
        d.source = source_name(leaf);
        d.name = variable_name(leaf);
        if (leaf.op == Op::LoadAbsolute && ++absolute_count[d.name] > 1)
            d.name.append("#").append(std::to_string(absolute_count[d.name]));  // another absolute pixel
        auto range = ranges.find(variable_name(leaf));
        if (range == ranges.end()) range = ranges.find(d.source);
        const bool given = range != ranges.end();
        if (given && (!range->second.lo.finite() || !range->second.hi.finite()))
            throw UserError("range of " + d.source + " must be finite");
        const std::string shown = given ? readable_text(range->second.lo.value) + ":" + readable_text(range->second.hi.value) : "";
        if (is_clip(leaf.op)) {
            d.storage = formats.of(d.source);
            if (!d.storage.is_float) {
                d.kind = DomainKind::Integer;
                const long top = (1L << d.storage.bits) - 1;
                cln::cl_RA lo = 0, hi = top;
                if (given) {
                    lo = range->second.lo.value, hi = range->second.hi.value;
                    if (lo < 0 || hi > top)
                        throw UserError("range of " + d.source + " (" + shown + ") is beyond " + std::to_string(d.storage.bits) +
                                        "-bit samples (0:" + std::to_string(top) + ")");
                }
                const cln::cl_I first = cln::ceiling1(lo), last = cln::floor1(hi);
                if (first > last)
                    throw UserError("range of " + d.source + " (" + shown + ") holds no integer sample value");
                d.lo = float(cln::cl_I_to_long(first)), d.hi = float(cln::cl_I_to_long(last));
            } else {
                if (!given)
                    throw UserError("no range given for the input " + d.source + " (" + storage_name(d.storage) +
                                    " samples): add --range " + d.source + "=MIN:MAX");
                const cln::cl_RA lo = range->second.lo.value, hi = range->second.hi.value;
                const bool half = d.storage.is_half();
                const cln::cl_RA limit = half ? cln::cl_RA(65504) : exact(std::numeric_limits<float>::max());
                if (lo < -limit || hi > limit)
                    throw UserError("range of " + d.source + " (" + shown + ") is beyond " + storage_name(d.storage) + " samples");
                d.kind = half ? DomainKind::Half : DomainKind::Float;
                d.lo = float_at_least(lo), d.hi = float_at_most(hi);
                if (d.lo == 0) d.lo = -0.0f;  // a float clip holding 0 may hold -0
                if (half) {
                    const std::int64_t a = first_key_at_least(kHalfKeyMin, kHalfKeyMax, double(d.lo), half_of_key);
                    const std::int64_t b = first_key_at_least(kHalfKeyMin, kHalfKeyMax, std::nextafter(double(d.hi), INFINITY), half_of_key) - 1;
                    if (a > b) throw UserError("range of " + d.source + " (" + shown + ") holds no half-float value");
                    d.lo = half_of_key(a), d.hi = half_of_key(b);
                }
                if (d.lo > d.hi) throw UserError("range of " + d.source + " (" + shown + ") holds no binary32 value");
            }
        } else if (leaf.op == Op::Property) {
            if (!given) throw UserError("no range given for the input " + d.source + ": add --range " + d.source + "=MIN:MAX");
            d.kind = DomainKind::Float;
            d.storage = {true, 32};
            const cln::cl_RA limit = exact(std::numeric_limits<float>::max());
            if (range->second.lo.value < -limit || range->second.hi.value > limit)  // (fuzz_analyse: CLN overflowed)
                throw UserError("range of " + d.source + " (" + shown + ") is beyond binary32 values");
            d.lo = float_at_least(range->second.lo.value), d.hi = float_at_most(range->second.hi.value);
            if (d.lo > d.hi) throw UserError("range of " + d.source + " (" + shown + ") holds no binary32 value");
        } else {  // X, Y, N, width, height
            if (!given) throw UserError("no range given for the input " + d.source + ": add --range " + d.source + "=MIN:MAX");
            const bool size = leaf.op == Op::Width || leaf.op == Op::Height;
            const cln::cl_I first = cln::ceiling1(range->second.lo.value), last = cln::floor1(range->second.hi.value);
            if (first < (size ? 1 : 0) || last > 16777216)
                throw UserError("range of " + d.source + " (" + shown + ") must lie in " + (size ? "1" : "0") + ":16777216");
            if (first > last) throw UserError("range of " + d.source + " (" + shown + ") holds no integer");
            d.kind = DomainKind::Integer;
            d.storage = {true, 32};
            d.lo = float(cln::cl_I_to_long(first)), d.hi = float(cln::cl_I_to_long(last));
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::uint64_t joint_count(const std::vector<InputDomain>& domains) {
    std::uint64_t n = 1;
    constexpr std::uint64_t kCap = std::uint64_t(1) << 63;
    for (const InputDomain& d : domains) {
        const std::uint64_t c = d.count();
        n = n > kCap / c ? kCap : n * c;
    }
    return n;
}

}  // namespace rigor::symbolic::expr
