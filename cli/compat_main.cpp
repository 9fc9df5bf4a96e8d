// The compatibility programs (vc2-static-filter-analysis, …): the same command as
// `rigor <name>`, under the reference tool's own name.  CMake sets RIGOR_COMMAND (the
// name) and RIGOR_COMMAND_ENTRY (its entry in cli/commands.hpp), so each program links
// only the library of its own command.
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common/command.hpp"
#include "filters/base/output_file.hpp"

int main(int argc, char** argv) {
    using namespace rigor::cli;
    rigor::install_interrupt_cleanup();  // an interrupted run leaves no temporary output behind
    const Command command{RIGOR_COMMAND, "", RIGOR_COMMAND_ENTRY};
    std::vector<std::string> args(argv + 1, argv + argc);
    return run_command(command, RIGOR_COMMAND, args);
}
