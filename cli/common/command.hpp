// A subcommand of `rigor` (and, for the compatibility tools, a program of its own): its
// name, one line of help and its entry (cli/commands.hpp), and the one error policy every
// rigor program runs its commands with.
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

// Runs a command with the error policy of every rigor program: UserError → message on
// stderr prefixed with the program name, exit 1 (UsageError: 2); anything else → "internal error", 70.
int run_command(const Command& command, std::string_view program, std::span<const std::string> args);

}  // namespace rigor::cli
