#include "filters/expr/tokenizer.hpp"

#include <string>

namespace rigor::expr {

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
}  // namespace

std::vector<Token> tokenize(std::string_view program) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < program.size()) {
        while (i < program.size() && is_space(program[i])) ++i;
        std::size_t start = i;
        while (i < program.size() && !is_space(program[i])) ++i;
        if (i > start)
            tokens.push_back({program.substr(start, i - start), int(tokens.size()) + 1, int(start) + 1});
    }
    return tokens;
}

std::string where(const Token& t) {
    return " (token " + std::to_string(t.index) + ", column " + std::to_string(t.column) + ")";
}

}  // namespace rigor::expr
