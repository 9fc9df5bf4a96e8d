// `rigor postfix INFIX`: infix text as a postfix Expr program that std.Expr/akarin.Expr
// accept (the post-order walk of the parsed tree).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common/arguments.hpp"
#include "cli/common/command.hpp"
#include "filters/expr/infix_parser.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/optimize.hpp"

namespace rigor::cli {

int postfix_main(std::span<const std::string> args) {
    ArgumentParser p("rigor postfix",
                     "Prints an infix expression as a postfix Expr program.  Operators + - * / % **,\n"
                     "comparisons > < >= <= == !=, c ? t : f, unary minus (no -- needed), calls max(a, b), clip(v, lo, hi),\n"
                     "abs sqrt exp log sin cos tan asin acos atan atan2(y, x) pow trunc round floor ceil sgn\n"
                     "and or xor not bit*, && || !, "
                     "pixels x[dx,dy].");
    p.positional("EXPR", "the infix expression, e.g. '(x - 128) * 1.1 + 128'")
        .flag("", "--stored", "fold constants and compute repeated subexpressions once (name!/name@)")
        .epilog("example: rigor postfix '(x - 128) * 1.1 + 128'   ->   x 128 - 1.1 * 128 +");
    const auto a = p.parse(args);
    if (!a) return 0;
    expr::Expr e = expr::parse_infix(a->positional("EXPR").at(0));
    std::cout << (a->has("--stored") ? expr::to_postfix_stored(expr::optimize(e)) : expr::to_postfix(e)) << '\n';
    return 0;
}

}  // namespace rigor::cli
