// rigor._rigor: the compiled half of `import rigor` (python/rigor/__init__.py).
#include "python/bindings.hpp"

PYBIND11_MODULE(_rigor, m) {
    m.doc() = "rigor's libraries for Python (use the rigor package, not this module)";
    rigor::python::bind_errors(m);
    rigor::python::bind_command(m);
    auto expr = m.def_submodule("expr");
    rigor::python::bind_expr(expr);
    rigor::python::bind_bench(expr);
    auto vc2 = m.def_submodule("vc2");
    rigor::python::bind_vc2(vc2);
    auto regress = m.def_submodule("regress");
    rigor::python::bind_regress(regress);
}
