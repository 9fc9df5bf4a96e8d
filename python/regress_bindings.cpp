// rigor._rigor.regress: the fused regression kernels (pixel/regress/fused.hpp) on numpy
// float32 planes.  The kernels take rigor's own aligned planes, so inputs are copied in
// once; results are handed to numpy without a copy.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstring>
#include <optional>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/regress/fused.hpp"
#include "python/arrays.hpp"
#include "python/bindings.hpp"

namespace rigor::python {

namespace py = pybind11;
using pixel::Plane;

namespace {

Plane plane_of(const py::handle& object, const std::string& what) {
    const py::array a = plane_array(object, what);
    if (a.dtype().kind() != 'f' || a.itemsize() != 4)
        throw UserError(what + " has dtype " + dtype_name(a.dtype()) +
                        "; the regression works on float32 planes");
    Plane p(int(a.shape(1)), int(a.shape(0)), 4);
    for (int y = 0; y < p.height(); ++y)
        std::memcpy(p.row(y), static_cast<const std::byte*>(a.data()) + std::ptrdiff_t(y) * a.strides(0), p.row_bytes());
    return p;
}

py::object array_of(Plane&& p) {
    if (p.width() == 0) return py::none();
    auto* held = new Plane(std::move(p));
    py::capsule owner(held, [](void* q) { delete static_cast<Plane*>(q); });
    return py::array_t<float>({py::ssize_t(held->height()), py::ssize_t(held->width())},
                              {py::ssize_t(held->stride()), py::ssize_t(4)}, held->row_as<float>(0), owner);
}

int threads_of(const std::optional<int>& threads) {
    if (!threads) return int(hardware_threads());
    if (*threads < 1) throw UserError("threads must be at least 1, got " + std::to_string(*threads));
    return *threads;
}

}  // namespace

void bind_regress(py::module_& m) {
    // The border the Python functions default to: the library's (filters/regress/params.hpp).
    m.attr("default_border") = std::string(rigor::regress::to_string(rigor::regress::kDefaultBorder));
    m.def("regression", [](const py::object& x, const py::object& y, int radius, double alpha,
                           const std::string& weight_method, double intercept, double eps, const std::string& border,
                           std::optional<int> threads) {
        rigor::regress::RegressParams params;
        params.radius = radius;
        params.alpha = alpha;
        params.weight_method = rigor::regress::parse_weight_method(weight_method);
        params.intercept = intercept;
        params.eps = eps;
        params.border = rigor::regress::parse_border_mode(border);
        params.validate();
        const int n = threads_of(threads);
        const Plane xs = plane_of(x, "x"), ys = plane_of(y, "y");
        pixel::regress::RegressionPlanes r;
        {
            py::gil_scoped_release unlocked;
            r = pixel::regress::regress_fused(xs, ys, params, n);
        }
        return py::make_tuple(array_of(std::move(r.slope)), array_of(std::move(r.correlation)),
                              array_of(std::move(r.intercept)), r.weight);
    });
    m.def("reconstruct", [](const py::object& x, const py::object& slope, const py::object& correlation,
                            const py::object& intercept, int radius, double eps, const std::string& border,
                            std::optional<int> threads) {
        rigor::regress::ReconstructParams params;
        params.radius = radius;
        params.eps = eps;
        params.border = rigor::regress::parse_border_mode(border);
        params.validate();
        const int n = threads_of(threads);
        const Plane xs = plane_of(x, "x"), s = plane_of(slope, "slope"), c = plane_of(correlation, "correlation");
        std::optional<Plane> b;
        if (!intercept.is_none()) b = plane_of(intercept, "intercept");
        Plane out;
        {
            py::gil_scoped_release unlocked;
            out = pixel::regress::reconstruct_fused(xs, s, c, b ? &*b : nullptr, params, n);
        }
        return array_of(std::move(out));
    });
}

}  // namespace rigor::python
