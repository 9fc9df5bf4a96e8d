// rigor._rigor.command(name, args): a `rigor` command run in-process, exactly as the
// program runs it (cli/command_table.hpp), the GIL released.  The package uses it where
// a result is a document the CLI writes (analyse --json, the bit-width table, the
// regression model, the static analysis), so Python gets the CLI's own results.
#include <pybind11/stl.h>

#include "cli/command_table.hpp"
#include "filters/base/error.hpp"
#include "python/bindings.hpp"

namespace rigor::python {

namespace py = pybind11;

void bind_command(py::module_& m) {
    m.def("command", [](const std::string& name, const std::vector<std::string>& args) {
        const cli::Command* c = cli::find_command(name);
        if (!c) throw InternalError("rigor._rigor.command: no command '" + name + "'");
        py::gil_scoped_release unlocked;
        return c->run(args);
    });
}

}  // namespace rigor::python
