// The commands of the `rigor` program (cli/main.cpp), in the order `rigor --help` lists them.
#pragma once
#include <span>
#include <string_view>

#include "cli/common/command.hpp"

namespace rigor::cli {

std::span<const Command> all_commands();
const Command* find_command(std::string_view name);  // nullptr: no such command

}  // namespace rigor::cli
