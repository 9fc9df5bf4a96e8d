#include "python/arrays.hpp"

#include "filters/base/error.hpp"

namespace rigor::python {

namespace py = pybind11;

pixel::VideoFormat gray_format_of(const py::dtype& dtype, const std::string& what) {
    const char kind = dtype.kind();
    const auto size = dtype.itemsize();
    if (kind == 'u' && size == 1) return pixel::parse_format_name("gray8");
    if (kind == 'u' && size == 2) return pixel::parse_format_name("gray16");
    if (kind == 'f' && size == 2) return pixel::parse_format_name("grayh");
    if (kind == 'f' && size == 4) return pixel::parse_format_name("grays");
    throw UserError(what + " has dtype " + dtype_name(dtype) +
                    "; rigor reads uint8, uint16, float16 and float32 planes");
}

py::dtype dtype_of(const pixel::VideoFormat& format) {
    if (format.is_float()) return format.bits == 16 ? py::dtype("float16") : py::dtype("float32");
    return format.bytes_per_sample() == 1 ? py::dtype("uint8") : py::dtype("uint16");
}

py::array plane_array(const py::handle& object, const std::string& what) {
    if (!py::isinstance<py::array>(object))
        throw UserError(what + " is a " + std::string(py::str(py::type::of(object).attr("__name__"))) +
                        ", not a numpy array");
    auto a = py::reinterpret_borrow<py::array>(object);
    if (a.ndim() != 2)
        throw UserError(what + " has " + std::to_string(a.ndim()) + " dimension(s); rigor works on 2-D planes " +
                        "(rows, columns): pass one plane at a time");
    if (a.shape(0) == 0 || a.shape(1) == 0) throw UserError(what + " is empty (" + shape_text(a) + ")");
    const auto item = a.itemsize();
    const bool in_place = a.strides(1) == item && a.strides(0) >= a.shape(1) * item &&
                          reinterpret_cast<std::uintptr_t>(a.data()) % std::uintptr_t(item) == 0 &&
                          a.strides(0) % item == 0;
    if (in_place) return a;
    return py::array::ensure(a, py::array::c_style | py::array::forcecast);
}

std::string dtype_name(const py::dtype& dtype) { return dtype.attr("name").cast<std::string>(); }

std::string shape_text(const py::array& a) {
    return std::to_string(a.shape(0)) + "x" + std::to_string(a.shape(1));
}

}  // namespace rigor::python
