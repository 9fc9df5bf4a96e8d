#include "symbolic/expr/pi_turns.hpp"

#include <algorithm>
#include <cln/integer.h>
#include <cln/real.h>
#include <cmath>

namespace rigor::symbolic::expr {

namespace {

using cln::cl_I;
using cln::cl_RA;

// floor (up: ceiling) of t(v, p) = (v/p − o/2)/s, exactly.
cl_I turns(const cl_RA& v, const cl_RA& p, long o, long s, bool up) {
    const cl_I nv = cln::numerator(v), dv = cln::denominator(v), np = cln::numerator(p), dp = cln::denominator(p);
    const cl_I n = 2 * nv * dp - o * dv * np, d = 2 * s * dv * np;
    return up ? cln::ceiling1(n, d) : cln::floor1(n, d);
}

bool exactly(const cl_RA& lo, const cl_RA& hi, const Enclosure& pi, long o, long s) {
    const cl_I first = std::min(turns(lo, pi.lower, o, s, true), turns(lo, pi.upper, o, s, true));
    const cl_I last = std::max(turns(hi, pi.lower, o, s, false), turns(hi, pi.upper, o, s, false));
    return first <= last;
}

}  // namespace

PiTurns::PiTurns(const Enclosure& pi) : pi_(pi), lower_(cln::double_approx(pi.lower)), upper_(cln::double_approx(pi.upper)) {}

bool PiTurns::between(const cl_RA& lo, const cl_RA& hi, long o, long s) const {
    // Each double below is within a few units of 2^-53 (relative) of what it stands for,
    // and t within (|v/p| + |o|) 2^-48 of its value; a margin of 2^-40 of the magnitudes
    // covers that many times over.  Beyond 2^40 turns (or off the double range) exactly.
    const double l = cln::double_approx(lo), h = cln::double_approx(hi);
    auto t = [&](double v, double p) { return (v / p - 0.5 * double(o)) / double(s); };
    const double a = std::min(t(l, lower_), t(l, upper_)), b = std::max(t(h, lower_), t(h, upper_));
    const double margin = (std::fabs(a) + std::fabs(b) + double(std::labs(o)) + 1) * 0x1p-40;
    if (!std::isfinite(a) || !std::isfinite(b) || std::fabs(a) > 0x1p40 || std::fabs(b) > 0x1p40) return exactly(lo, hi, pi_, o, s);
    if (std::floor(b + margin) < std::ceil(a - margin)) return false;  // no integer in [a − m, b + m]
    if (std::ceil(a + margin) <= std::floor(b - margin)) return true;  // one in [a + m, b − m]
    return exactly(lo, hi, pi_, o, s);
}

}  // namespace rigor::symbolic::expr
