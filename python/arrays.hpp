// numpy arrays as the libraries' planes: a 2-D array is read in place when its rows are
// contiguous, aligned runs of samples (any row stride), else copied once.
#pragma once
#include <pybind11/numpy.h>

#include <string>

#include "pixel/io/format.hpp"

namespace rigor::python {

// The gray format of a numpy dtype: uint8 gray8, uint16 gray16, float16 grayh, float32
// grays; throws rigor::UserError naming `what` for any other.
pixel::VideoFormat gray_format_of(const pybind11::dtype& dtype, const std::string& what);

// The numpy dtype that stores samples of `format` (a gray format).
pybind11::dtype dtype_of(const pixel::VideoFormat& format);

// `object` as a 2-D array, in place where its layout allows (see above), else a C-order
// copy; throws rigor::UserError naming `what` when it is not a 2-D array or is empty.
pybind11::array plane_array(const pybind11::handle& object, const std::string& what);

// numpy's name of a dtype ("uint8").
std::string dtype_name(const pybind11::dtype& dtype);

// "1080x1920" (rows x columns, numpy's order).
std::string shape_text(const pybind11::array& a);

}  // namespace rigor::python
