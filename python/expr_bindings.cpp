// rigor._rigor.expr: the Expr filter (pixel/expr/expr_filter.hpp) on numpy planes, read
// and written in place, the GIL released while it runs.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <climits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/expr/prop_arguments.hpp"
#include "filters/base/error.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/optimize.hpp"
#include "filters/expr/parser.hpp"
#include "pixel/expr/expr_filter.hpp"
#include "python/arrays.hpp"
#include "python/bindings.hpp"

namespace rigor::python {

namespace py = pybind11;
using pixel::VideoFormat;

namespace {

// format=: None (the first array's), a format name ("gray10") or a numpy dtype.
std::optional<VideoFormat> output_format_of(const py::object& format) {
    if (format.is_none()) return std::nullopt;
    VideoFormat f;
    if (py::isinstance<py::str>(format)) f = pixel::parse_format_name(format.cast<std::string>());
    else {
        py::dtype d;
        try {
            d = py::dtype::from_args(format);
        } catch (const py::error_already_set&) {
            throw UserError("format= takes a format name such as 'gray10' or a numpy dtype, not " +
                            std::string(py::repr(format)));
        }
        f = gray_format_of(d, "format=");
    }
    if (f.planes() != 1)
        throw UserError("format " + f.name() + " has 3 planes; rigor.expr works on one plane: give a gray format " +
                        "(gray8 … gray16, grayh, grays)");
    return f;
}

// missing_props=: what a property the frame lacks reads as (filters/expr/properties.hpp):
// "error" (the CLI's default), "nan" (akarin.Expr's rule) or "zero" (akarin.Select's).
rigor::expr::MissingProperties missing_of(const std::string& m) {
    rigor::expr::MissingProperties missing;
    missing.hint = "give it in props= or a default (missing_props='nan' or 'zero')";
    missing.otherwise = rigor::expr::missing_properties_mode(m, "missing_props");
    return missing;
}

rigor::expr::Boundary boundary_of(const std::string& b) {
    if (b == "clamp") return rigor::expr::Boundary::Clamp;
    if (b == "mirror") return rigor::expr::Boundary::Mirror;
    throw UserError("boundary expects 'clamp' or 'mirror', got '" + b + "'");
}

// props=: {"x.Name": value, ...} (clip names as in the language) or one {"Name": value}
// dict per array.
std::vector<pixel::FrameProperties> properties_of(const py::object& props, std::size_t clips) {
    std::vector<pixel::FrameProperties> out(clips);
    if (props.is_none()) return out;
    auto number = [](const py::handle& v, const std::string& key) {
        if (!py::isinstance<py::int_>(v) && !py::isinstance<py::float_>(v) &&
            !py::hasattr(v, "__float__"))
            throw UserError("property " + key + " is " + std::string(py::repr(v)) + ", not a number");
        return v.cast<double>();
    };
    if (py::isinstance<py::dict>(props)) {
        for (auto [k, v] : props.cast<py::dict>()) {
            const std::string key = py::str(k);
            const auto dot = key.find('.');
            if (dot == std::string::npos || dot == 0 || dot + 1 == key.size())
                throw UserError("props= keys are CLIP.NAME (e.g. 'x._Combed'), got '" + key + "'");
            const int clip = cli::parse_clip_name(key.substr(0, dot), "props=");
            cli::check_prop_clip(clip, clips, "props=");
            out[std::size_t(clip)][key.substr(dot + 1)] = number(v, key);
        }
        return out;
    }
    if (!py::isinstance<py::sequence>(props) || py::isinstance<py::str>(props))
        throw UserError("props= is a dict {'x.Name': value} or a list of one dict per array");
    const auto list = props.cast<py::sequence>();
    if (list.size() != clips)
        throw UserError("props= has " + std::to_string(list.size()) + " dicts for " + std::to_string(clips) +
                        " array(s)");
    for (std::size_t i = 0; i < clips; ++i) {
        if (!py::isinstance<py::dict>(list[i])) throw UserError("props[" + std::to_string(i) + "] is not a dict");
        for (auto [k, v] : list[i].cast<py::dict>()) {
            const std::string name = py::str(k);
            out[i][name] = number(v, "props[" + std::to_string(i) + "]['" + name + "']");
        }
    }
    return out;
}

pixel::expr::PlaneSource source_of(const py::array& a, const VideoFormat& f) {
    return {static_cast<const std::byte*>(a.data()), a.strides(0), int(a.shape(1)), int(a.shape(0)),
            int(a.itemsize()), f.is_float()};
}

// One expression for planes of one size and formats, compiled on the first call and again
// only when the arrays' dtypes or shape change.  Calls from several Python threads take
// turns (ExprFilter::process is not reentrant).
class Filter {
public:
    Filter(std::string expression, const py::object& format, const std::string& boundary, int threads, bool jit,
           const std::string& missing_props)
        : output_format_(output_format_of(format)) {
        settings_.missing_properties = missing_of(missing_props);
        settings_.expressions = {std::move(expression)};
        settings_.output_format = output_format_;
        settings_.boundary = boundary_of(boundary);
        if (threads < 1) throw UserError("threads must be at least 1, got " + std::to_string(threads));
        settings_.threads = threads;
        settings_.jit = jit;
    }

    py::array call(const py::args& objects, const py::object& props, long frame, const py::object& out_object) {
        if (objects.size() == 0) throw UserError("no array given: Expr needs at least one input plane");
        std::vector<py::array> arrays;
        std::vector<VideoFormat> formats;
        for (std::size_t i = 0; i < objects.size(); ++i) {
            const std::string what = "array " + std::to_string(i);
            arrays.push_back(plane_array(objects[i], what));
            formats.push_back(gray_format_of(arrays.back().dtype(), what));
            if (arrays[i].shape(0) != arrays[0].shape(0) || arrays[i].shape(1) != arrays[0].shape(1))
                throw UserError(what + " is " + shape_text(arrays[i]) + " but array 0 is " + shape_text(arrays[0]));
        }
        if (arrays[0].shape(0) > INT_MAX / 2 || arrays[0].shape(1) > INT_MAX / 2)
            throw UserError("array 0 is " + shape_text(arrays[0]) + ": too large a plane");
        const VideoFormat out_format = output_format_.value_or(formats[0]);
        const auto properties = properties_of(props, arrays.size());
        py::array out = output_array(out_object, out_format, arrays[0]);

        std::vector<pixel::expr::PlaneSource> sources;
        for (std::size_t i = 0; i < arrays.size(); ++i) sources.push_back(source_of(arrays[i], formats[i]));
        std::vector<pixel::expr::ExprFilter::ClipPlanes> clips;
        for (std::size_t i = 0; i < arrays.size(); ++i) clips.push_back({{&sources[i], 1}, &properties[i]});
        const pixel::expr::PlaneTarget target{static_cast<std::byte*>(out.mutable_data()), out.strides(0),
                                              int(out.shape(1)), int(out.shape(0)), int(out.itemsize()),
                                              out_format.is_float(), out_format.bits};
        {
            py::gil_scoped_release unlocked;
            std::lock_guard<std::mutex> turn(lock_);
            const int w = int(arrays[0].shape(1)), h = int(arrays[0].shape(0));
            if (!filter_ || formats != formats_ || w != filter_->width() || h != filter_->height()) {
                filter_.reset();
                filter_ = std::make_unique<pixel::expr::ExprFilter>(settings_, formats, w, h);
                formats_ = formats;
            }
            filter_->process(clips, frame, {&target, 1});
        }
        return out;
    }

    // The generated-code state of the last compilation: (planes run as machine code, of
    // those in fixed point); (0, 0) before the first call.
    std::pair<int, int> jit_planes() const {
        std::lock_guard<std::mutex> turn(lock_);
        return filter_ ? std::pair{filter_->jit_planes(), filter_->fixed_point_planes()} : std::pair{0, 0};
    }

private:
    static py::array output_array(const py::object& given, const VideoFormat& format, const py::array& like) {
        const py::dtype dtype = dtype_of(format);
        if (given.is_none()) return py::array(dtype, std::vector<py::ssize_t>{like.shape(0), like.shape(1)});
        if (!py::isinstance<py::array>(given)) throw UserError("out= is not a numpy array");
        auto out = py::reinterpret_borrow<py::array>(given);
        if (out.ndim() != 2 || out.shape(0) != like.shape(0) || out.shape(1) != like.shape(1))
            throw UserError("out= must be a " + shape_text(like) + " array");
        if (!out.dtype().is(dtype))
            throw UserError("out= has dtype " + dtype_name(out.dtype()) + " but the output " +
                            format.name() + " is " + dtype_name(dtype));
        if (!out.writeable()) throw UserError("out= is read-only");
        if (out.strides(1) != out.itemsize() || out.strides(0) < out.shape(1) * out.itemsize() ||
            reinterpret_cast<std::uintptr_t>(out.data()) % std::uintptr_t(out.itemsize()) != 0)
            throw UserError("out= must have contiguous, aligned rows");
        return out;
    }

    pixel::expr::ExprSettings settings_;
    std::optional<VideoFormat> output_format_;
    mutable std::mutex lock_;
    std::unique_ptr<pixel::expr::ExprFilter> filter_;
    std::vector<VideoFormat> formats_;
};

}  // namespace

void bind_expr(py::module_& m) {
    py::class_<Filter>(m, "Filter")
        .def(py::init<std::string, py::object, std::string, int, bool, std::string>(), py::arg("expr"),
             py::arg("format"), py::arg("boundary"), py::arg("threads"), py::arg("jit"), py::arg("missing_props"))
        .def("__call__", &Filter::call, py::arg("props") = py::none(), py::arg("frame") = 0,
             py::arg("out") = py::none())
        .def_property_readonly("jit_planes", &Filter::jit_planes);
    m.def("infix", [](const std::string& text) { return rigor::expr::to_infix(rigor::expr::parse(text)); });
    m.def("postfix", [](const std::string& text, bool stored) {
        const rigor::expr::Expr e = rigor::expr::parse_infix(text);
        return stored ? rigor::expr::to_postfix_stored(rigor::expr::optimize(e)) : rigor::expr::to_postfix(e);
    });
}

}  // namespace rigor::python
