// `rigor <command> [args…]`: dispatches to the commands of cli/command_table.cpp.
#include <iostream>
#include <string>
#include <vector>

#include "cli/command_table.hpp"
#include "filters/base/output_file.hpp"

int main(int argc, char** argv) {
    using namespace rigor::cli;
    rigor::install_interrupt_cleanup();  // an interrupted run leaves no temporary output behind
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::cout << "usage: rigor <command> [options]   (rigor <command> --help for details)\n\n"
                     "rigor analyses video filters exactly (GiNaC) and runs them on pictures.\n\ncommands:\n";
        for (const Command& c : all_commands()) {
            std::cout << "  " << c.name;
            for (std::size_t i = c.name.size(); i < 38; ++i) std::cout << ' ';
            std::cout << c.summary << "\n";
        }
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "rigor 0.1.0\n";
        return 0;
    }
    const Command* command = find_command(args[0]);
    if (!command) {
        std::cerr << "rigor: error: unknown command '" << args[0] << "' (see rigor --help)\n";
        return 2;
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());
    return run_command(*command, "rigor " + args[0], rest);
}
