// The extension rigor._rigor, one function per part: each fills its submodule
// (rigor._rigor.expr, .vc2, .regress) and the package's .py files wrap them.
#pragma once
#include <pybind11/pybind11.h>

namespace rigor::python {

// rigor.Error and its subclasses, and the translation of rigor's exceptions into them.
void bind_errors(pybind11::module_& m);
void bind_expr(pybind11::module_& m);
void bind_vc2(pybind11::module_& m);
void bind_regress(pybind11::module_& m);
// command(name, args): a `rigor` command run in-process.
void bind_command(pybind11::module_& m);
// Timing of the CLI's kernel path, for bench/python.
void bind_bench(pybind11::module_& m);

}  // namespace rigor::python
