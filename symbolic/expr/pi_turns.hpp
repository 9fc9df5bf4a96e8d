// Whether a point of the form (k + o/2)·s·π, k an integer, may lie in [lo, hi] with π
// anywhere in its enclosure [p0, p1]: a pole of tan (s = 1, o = 1: (k + 1/2)π) or a peak
// of sin and cos (s = 2: (2k + o/2)π) inside an interval, where they stop being monotone.
//
// Exactly: with t(v, p) = (v/p − o/2)/s, some integer k has
//   min_p ceiling t(lo, p) <= k <= max_p floor t(hi, p)      (p in {p0, p1}),
// that is ceiling(min_p t(lo, p)) <= floor(max_p t(hi, p)) (floor and ceiling are
// monotone).  Decided in doubles when every t is far (a relative 2^-40) from where the
// answer changes, else by one division of integers per t
//   (2 num(v) den(p) − o den(v) num(p)) / (2 s den(v) num(p)),
// never by rational division, whose gcds were a third of analyse's time on chains of sin
// and cos.  The answer is the exact one either way.
#pragma once
#include <cln/rational.h>

#include "symbolic/expr/interval.hpp"

namespace rigor::symbolic::expr {

class PiTurns {
public:
    explicit PiTurns(const Enclosure& pi);
    // Whether some (k + o/2)·s·π lies in [lo, hi] (s > 0).
    bool between(const cln::cl_RA& lo, const cln::cl_RA& hi, long o, long s) const;

private:
    Enclosure pi_;
    double lower_, upper_;  // pi_'s ends as doubles
};

}  // namespace rigor::symbolic::expr
