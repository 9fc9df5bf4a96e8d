// `rigor infix POSTFIX`: a postfix Expr program as infix text (the in-order walk of the
// parsed tree with parentheses; stack operations and variables resolved).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/command.hpp"
#include "filters/expr/parser.hpp"
#include "filters/expr/ir_text.hpp"

namespace rigor::cli {

int infix_main(std::span<const std::string> args) {
    ArgumentParser p("rigor infix", "Prints a postfix Expr program (akarin.Expr language) as infix.");
    p.positional("EXPR", "the postfix program, e.g. 'x 0.3 * y 0.7 * +'")
        .epilog("example: rigor infix 'x 40 - dup * 32 *'   ->   ((x - 40) * (x - 40)) * 32");
    const auto a = p.parse(args);
    if (!a) return 0;
    std::cout << expr::to_infix(expr::parse(a->positional("EXPR").at(0))) << '\n';
    return 0;
}

}  // namespace rigor::cli
