// The reference's Expr (postfix) text of a pointwise model step, exactly as vs-jetpack
// emits it (spec: the tables of local-regression.md): inputs as src0 src1 … (or x y z a
// … for reconstruct), x·x as "x dup *", numbers as Python's repr of the double.
#pragma once
#include <string>

#include "filters/regress/model.hpp"

namespace rigor::regress {

// Python repr(float): the shortest round-trip digits, fixed notation for exponents
// −4 … 15, otherwise d.ddde±XX ("1e-07", "0.5284113412690119", "1.0").
std::string python_float_repr(double value);
// Integers print without ".0" when the reference formats them as ints (the intercept).
std::string expr_number(double value);

// Throws InternalError for a box_mean step (those are BoxBlur calls, not Expr).
std::string expr_string(const Step& step);

}  // namespace rigor::regress
