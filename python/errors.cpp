// rigor's exceptions as Python's: the message is the CLI's one line, the class says the
// kind, and each is also the built-in a Python caller would catch without knowing rigor:
//   rigor.Error(Exception)
//     rigor.UserError(rigor.Error, ValueError)      bad input (CLI exit code 1 or 2)
//       rigor.IoError(rigor.UserError, OSError)     a file that cannot be read or written
//     rigor.InternalError(rigor.Error, RuntimeError) a bug in rigor (CLI exit code 70)
#include <Python.h>

#include "filters/base/error.hpp"
#include "python/bindings.hpp"

namespace rigor::python {

namespace py = pybind11;

namespace {

// Created once per interpreter by bind_errors; owned by the module's attributes.
PyObject* g_user_error = nullptr;
PyObject* g_io_error = nullptr;
PyObject* g_internal_error = nullptr;

PyObject* new_class(py::module_& m, const char* name, py::tuple bases, const char* doc) {
    const std::string qualified = std::string("rigor.") + name;
    PyObject* c = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (!c) throw py::error_already_set();
    m.attr(name) = py::reinterpret_borrow<py::object>(c);
    return c;
}

}  // namespace

void bind_errors(py::module_& m) {
    PyObject* base = new_class(m, "Error", py::make_tuple(py::handle(PyExc_Exception)),
                               "Every error rigor raises.");
    g_user_error = new_class(m, "UserError", py::make_tuple(py::handle(base), py::handle(PyExc_ValueError)),
                             "Bad input: a malformed expression, array, document or argument.");
    g_io_error = new_class(m, "IoError", py::make_tuple(py::handle(g_user_error), py::handle(PyExc_OSError)),
                           "A file that cannot be read or written.");
    g_internal_error = new_class(m, "InternalError", py::make_tuple(py::handle(base), py::handle(PyExc_RuntimeError)),
                                 "A bug in rigor (please report it).");
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const IoError& e) {
            PyErr_SetString(g_io_error, e.what());
        } catch (const UserError& e) {
            PyErr_SetString(g_user_error, e.what());
        } catch (const InternalError& e) {
            PyErr_SetString(g_internal_error, e.what());
        }
    });
}

}  // namespace rigor::python
