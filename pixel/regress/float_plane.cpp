#include "pixel/regress/float_plane.hpp"

#include "filters/base/error.hpp"

namespace rigor::pixel::regress {

void require_float(const Plane& p, const std::string& what) {
    if (!is_float_plane(p))
        throw UserError(what + " must be a float (32-bit) plane; convert integer video to float units first");
}

void require_same_size(const Plane& a, const std::string& a_name, const Plane& b, const std::string& b_name) {
    if (a.width() != b.width() || a.height() != b.height())
        throw UserError("planes of different sizes: " + a_name + " is " + std::to_string(a.width()) + "x" +
                        std::to_string(a.height()) + ", " + b_name + " is " + std::to_string(b.width()) + "x" +
                        std::to_string(b.height()));
}

}  // namespace rigor::pixel::regress
