#include "filters/regress/weights.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "filters/base/error.hpp"

namespace rigor::regress {

double reliability_weight(int radius, double alpha, WeightMethod method) {
    if (radius < 0) throw UserError("radius must be ≥ 0");
    if (!(alpha > 0 && alpha <= 1)) throw UserError("alpha must be in (0, 1]");
    const double n = double(2 * radius + 1) * double(2 * radius + 1);
    if (n <= 3) return 0.0;
    // 1 − α/2 is exact in binary for the α of interest; the quantile of 0.5 is 0,
    // which makes α = 1 give w = 1 in both methods.
    const double p = 1.0 - alpha / 2.0;
    if (method == WeightMethod::threshold) {
        const double df = n - 2;
        const double t = boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
        const double r_crit = t / std::sqrt(t * t + df);
        return std::clamp(1.0 - r_crit, 0.0, 1.0);
    }
    const double z = boost::math::quantile(boost::math::normal_distribution<double>(), p);
    return std::clamp(1.0 / (1.0 + 2.0 * z / std::sqrt(n - 3)), 0.0, 1.0);
}

}  // namespace rigor::regress
