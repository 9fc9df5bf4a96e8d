// rigor._rigor.vc2: static analysis documents as text for the package to deserialise
// (read and checked by filters/formats), and the integer transform (pixel/vc2) on numpy
// arrays of int64.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <sstream>

#include "cli/vc2/vc2_config_arguments.hpp"
#include "filters/base/error.hpp"
#include "filters/formats/vc2_static_analysis_reader.hpp"
#include "filters/formats/vc2_static_analysis_writer.hpp"
#include "pixel/vc2/integer_transform.hpp"
#include "python/arrays.hpp"
#include "python/bindings.hpp"

namespace rigor::python {

namespace py = pybind11;
using rigor::vc2::SampleArray;

namespace {

// The transform the reference's arguments select, with the CLI's checks and messages
// (wavelets by index, name or wavelet file).
rigor::vc2::TransformConfig config_of(const std::string& w, const std::string& w_ho, int d, int d_ho) {
    std::vector<std::string> args{"-w", w, "-d", std::to_string(d), "-D", std::to_string(d_ho)};
    if (!w_ho.empty()) args.insert(args.end(), {"-W", w_ho});
    const auto a = cli::vc2_analysis_arguments("rigor.vc2", "").parse(args);
    return cli::vc2_config_from(*a);
}

SampleArray samples_of(const py::handle& object, const std::string& what) {
    const py::array plane = plane_array(object, what);
    if (plane.dtype().kind() != 'i' && plane.dtype().kind() != 'u')
        throw UserError(what + " has dtype " + dtype_name(plane.dtype()) + "; VC-2 samples are integers");
    const auto values = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(plane);
    SampleArray s(long(values.shape(1)), long(values.shape(0)));
    std::copy(values.data(), values.data() + values.size(), s.samples.begin());
    return s;
}

py::array_t<std::int64_t> array_of(SampleArray&& s) {
    auto* held = new SampleArray(std::move(s));
    py::capsule owner(held, [](void* p) { delete static_cast<SampleArray*>(p); });
    return py::array_t<std::int64_t>({py::ssize_t(held->height), py::ssize_t(held->width)}, held->samples.data(),
                                     owner);
}

}  // namespace

void bind_vc2(py::module_& m) {
    // The document at `path` read and checked as the companion tools read it, then written
    // in the reference's layout (so a caller parses one known form).
    m.def("analysis_text", [](const std::string& path) {
        const formats::StaticAnalysis a = formats::read_static_analysis(path);
        std::ostringstream s;
        formats::write_static_analysis(s, a);
        return s.str();
    });
    m.def("dwt", [](const py::object& picture, const std::string& w, const std::string& w_ho, int d, int d_ho) {
        const auto config = config_of(w, w_ho, d, d_ho);
        SampleArray samples = samples_of(picture, "picture");
        pixel::vc2::check_picture_size(config, samples.width, samples.height);
        rigor::vc2::Coefficients c;
        {
            py::gil_scoped_release unlocked;
            c = pixel::vc2::analyse(config, std::move(samples));
        }
        py::dict out;
        for (auto& [level, bands] : c) {
            py::dict level_bands;
            for (auto& [name, band] : bands) level_bands[py::str(name)] = array_of(std::move(band));
            out[py::int_(level)] = level_bands;
        }
        return out;
    });
    m.def("idwt", [](const py::dict& coefficients, const std::string& w, const std::string& w_ho, int d, int d_ho) {
        const auto config = config_of(w, w_ho, d, d_ho);
        rigor::vc2::Coefficients c;
        for (auto [level, bands] : coefficients) {
            if (!py::isinstance<py::int_>(level)) throw UserError("coefficients: level keys are integers");
            if (!py::isinstance<py::dict>(bands))
                throw UserError("coefficients[" + std::string(py::str(level)) + "] is not a dict of bands");
            for (auto [name, band] : bands.cast<py::dict>()) {
                const std::string where =
                    "coefficients[" + std::string(py::str(level)) + "]['" + std::string(py::str(name)) + "']";
                c[level.cast<int>()][py::str(name)] = samples_of(band, where);
            }
        }
        SampleArray picture;
        {
            py::gil_scoped_release unlocked;
            picture = pixel::vc2::synthesise(config, c);
        }
        return array_of(std::move(picture));
    });
}

}  // namespace rigor::python
