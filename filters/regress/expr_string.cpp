#include "filters/regress/expr_string.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <cstdlib>

#include "filters/base/error.hpp"

namespace rigor::regress {

std::string python_float_repr(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string sci(buf, res.ptr);  // "-d.ddde±XX"
    const bool negative = sci[0] == '-';
    if (negative) sci.erase(0, 1);
    const std::size_t e = sci.find('e');
    std::string digits = sci.substr(0, e);
    const int exponent = std::atoi(sci.c_str() + e + 1);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    std::string out;
    if (exponent >= -5 + 1 && exponent < 16) {  // Python: fixed when −4 ≤ exp < 16
        if (exponent >= 0) {
            if (int(digits.size()) <= exponent + 1) out = digits + std::string(exponent + 1 - digits.size(), '0') + ".0";
            else out = digits.substr(0, exponent + 1) + "." + digits.substr(exponent + 1);
        } else {
            out = "0." + std::string(-exponent - 1, '0') + digits;
        }
    } else {
        out = digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out += ebuf;
    }
    return negative ? "-" + out : out;
}

std::string expr_number(double value) {
    if (value == std::floor(value) && std::abs(value) < 1e15) return std::to_string(static_cast<long long>(value));
    return python_float_repr(value);
}

namespace {

std::string input_name(int index, bool letters) {
    if (!letters) return "src" + std::to_string(index);
    static const char* kLetters[] = {"x", "y", "z", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l",
                                     "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w"};
    return kLetters[index];
}

void emit(const Formula& f, bool letters, std::string& out) {
    auto word = [&](const std::string& w) {
        if (!out.empty()) out += ' ';
        out += w;
    };
    using Op = Formula::Op;
    switch (f.op()) {
        case Op::input: word(input_name(f.input_index(), letters)); return;
        case Op::number:
            // The reference formats its literals with Python: integers (0, the intercept
            // divisor) as ints, the others (eps, w, 1 − w) as repr(float).
            word(expr_number(f.value()));
            return;
        case Op::sqrt: emit(f.args()[0], letters, out); word("sqrt"); return;
        default: break;
    }
    const Formula& a = f.args()[0];
    const Formula& b = f.args()[1];
    if (f.op() == Op::mul && a.same_as(b)) {
        emit(a, letters, out);
        word("dup *");
        return;
    }
    emit(a, letters, out);
    emit(b, letters, out);
    switch (f.op()) {
        case Op::add: word("+"); break;
        case Op::sub: word("-"); break;
        case Op::mul: word("*"); break;
        case Op::div: word("/"); break;
        case Op::max: word("max"); break;
        default: break;
    }
}

}  // namespace

std::string expr_string(const Step& step) {
    if (step.kind != Step::Kind::pointwise)
        throw InternalError("step '" + step.name + "' is a box mean, not an Expr");
    std::string out;
    emit(step.formula, step.letter_names, out);
    return out;
}

}  // namespace rigor::regress
