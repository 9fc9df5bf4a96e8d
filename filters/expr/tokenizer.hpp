// Splits an Expr program into tokens at white space, remembering where each token is
// (for error messages: "token 3, column 7").
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace rigor::expr {

struct Token {
    std::string_view text;  // a view into the program text
    int index;              // 1-based position in the token list
    int column;             // 1-based character column of its first character
};

std::vector<Token> tokenize(std::string_view program);

// " (token 3 'foo', column 7)" — appended to parser messages.
std::string where(const Token& t);

}  // namespace rigor::expr
