#include "cli/common/command.hpp"

#include <exception>
#include <iostream>
#include <new>

#include "cli/common/arguments.hpp"
#include "filters/base/error.hpp"

namespace rigor::cli {

int run_command(const Command& command, std::string_view program, std::span<const std::string> args) {
    try {
        return command.run(args);
    } catch (const UsageError& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
        return 2;
    } catch (const UserError& e) {
        std::cerr << program << ": error: " << e.what() << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << program << ": error: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << program << ": internal error: " << e.what() << "\n";
        return 70;
    }
}

}  // namespace rigor::cli
