// rigor._rigor.expr.cli_kernel_seconds: for bench/python only.  The CLI's kernel path
// (ExprFilter::process on rigor's own frames, 64-byte aligned rows, one output frame
// reused), timed in C++ on copies of numpy planes, so a benchmark compares rigor.expr
// with it in the same run.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <chrono>
#include <cstring>

#include "pixel/expr/expr_filter.hpp"
#include "python/arrays.hpp"
#include "python/bindings.hpp"

namespace rigor::python {

namespace py = pybind11;

void bind_bench(py::module_& m) {
    // frames: a list (one per frame) of lists (one plane per clip); returns the seconds
    // `rounds` passes over every frame took.
    m.def("cli_kernel_seconds", [](const std::string& expression, const py::list& frames, const std::string& format,
                                   int threads, int rounds) {
        std::vector<std::vector<pixel::Frame>> held;
        std::vector<pixel::VideoFormat> formats;
        for (const auto frame : frames) {
            held.emplace_back();
            formats.clear();
            for (const auto clip : frame.cast<py::list>()) {
                const py::array a = plane_array(clip, "plane");
                formats.push_back(gray_format_of(a.dtype(), "plane"));
                pixel::Frame f(formats.back(), int(a.shape(1)), int(a.shape(0)));
                for (int y = 0; y < f.height(); ++y)
                    std::memcpy(f.plane(0).row(y), static_cast<const std::byte*>(a.data()) + y * a.strides(0),
                                f.plane(0).row_bytes());
                held.back().push_back(std::move(f));
            }
        }
        pixel::expr::ExprSettings settings;
        settings.expressions = {expression};
        if (!format.empty()) settings.output_format = pixel::parse_format_name(format);
        settings.threads = threads;
        const pixel::expr::ExprFilter filter(settings, formats, held[0][0].width(), held[0][0].height());
        std::vector<std::vector<const pixel::Frame*>> inputs;
        for (const auto& frame : held) {
            inputs.emplace_back();
            for (const auto& f : frame) inputs.back().push_back(&f);
        }
        pixel::Frame out;
        filter.process(inputs[0], 0, out);  // first use: scratch, threads
        py::gil_scoped_release unlocked;
        const auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < rounds; ++r)
            for (std::size_t n = 0; n < inputs.size(); ++n) filter.process(inputs[n], long(n), out);
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    });
}

}  // namespace rigor::python
