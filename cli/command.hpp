// A subcommand of `rigor` (and, for the compatibility tools, a program of its own).
// Each command parses its own arguments (args excludes the command name), prints
// `--help`, and returns an exit code; errors it cannot handle are thrown as
// rigor::UserError and turned into a one-line message by run_command().
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rigor::cli {

struct Command {
    std::string_view name;
    std::string_view summary;  // one line for `rigor --help`
    int (*run)(std::span<const std::string> args);
};

// Every command, in the order `rigor --help` lists them (cli/command_table.cpp).
std::span<const Command> all_commands();

const Command* find_command(std::string_view name);

// Runs a command with the error policy of every rigor program: UserError → message on
// stderr prefixed with the program name, exit 1 (UsageError: 2); anything else → "internal error", 70.
int run_command(const Command& command, std::string_view program, std::span<const std::string> args);

}  // namespace rigor::cli
