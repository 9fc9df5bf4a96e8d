// The compatibility programs (vc2-static-filter-analysis, …): the same command as
// `rigor <name>`, under the reference tool's own name.  RIGOR_COMMAND is set by CMake.
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/output_file.hpp"

int main(int argc, char** argv) {
    using namespace rigor::cli;
    install_interrupt_cleanup();  // an interrupted run leaves no temporary output behind
    const Command* command = find_command(RIGOR_COMMAND);
    if (!command) {
        std::cerr << RIGOR_COMMAND << ": not built into this rigor\n";
        return 70;
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    return run_command(*command, RIGOR_COMMAND, args);
}
