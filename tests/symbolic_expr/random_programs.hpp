// Random postfix programs over clips x and y for the analysis tests: every operation of
// the language except order statistics of many values and absolute pixels, constants
// that are and are not binary32 numbers (0.1, 1e-3), stack depth at most 4.
#pragma once
#include <random>
#include <string>
#include <vector>

namespace rigor::test {

inline std::string random_program(std::mt19937& rng, int clips, bool transcendental = true, int max_steps = 14) {
    auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    std::vector<std::string> unary = {"abs", "sqrt", "trunc", "floor", "round", "not", "-1 *", "0.1 *", "3 /"};
    if (transcendental) unary.insert(unary.end(), {"exp", "log", "sin", "cos"});
    const std::vector<std::string> binary = {"+", "-", "*", "/", "%", "max", "min", ">", "<", "=", ">=", "<=",
                                             "and", "or", "xor", "bitand", "bitor", "+", "*", "-"};
    const std::vector<std::string> consts = {"0", "1", "2", "0.5", "-3", "255", "1e-3", "7.25", "0.1", "0.7", "100"};
    const std::string names = "xy";
    std::string out;
    int depth = 0;
    auto emit = [&](const std::string& t) { out += t + " "; };
    const int steps = 2 + pick(max_steps);
    for (int i = 0; i < steps; ++i) {
        const int kind = pick(10);
        if (depth == 0 || (kind <= 3 && depth < 4)) {
            emit(pick(3) ? std::string(1, names[std::size_t(pick(clips))]) : consts[std::size_t(pick(int(consts.size())))]);
            ++depth;
        } else if (kind <= 5) {
            emit(unary[std::size_t(pick(int(unary.size())))]);
        } else if (kind <= 8 && depth >= 2) {
            emit(binary[std::size_t(pick(int(binary.size())))]);
            --depth;
        } else if (depth >= 3) {
            emit(pick(2) ? "?" : "clamp");
            depth -= 2;
        } else if (transcendental && depth >= 2 && pick(4) == 0) {
            emit("pow");
            --depth;
        }
    }
    while (depth > 1) emit(binary[std::size_t(pick(int(binary.size())))]), --depth;
    // Every program reads x (and y when two clips are asked for).
    if (out.find("x ") != 0 && out.find(" x ") == std::string::npos) out += "x + ";
    if (clips > 1 && out.find("y ") != 0 && out.find(" y ") == std::string::npos) out += "y - ";
    return out;
}

}  // namespace rigor::test
