#include "symbolic/expr/number_text.hpp"

#include <cln/integer.h>
#include <cln/integer_io.h>
#include <cln/rational_io.h>
#include <cln/dfloat.h>
#include <cln/float.h>
#include <cln/real_io.h>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "filters/base/error.hpp"
#include "filters/expr/ir_text.hpp"

namespace rigor::symbolic::expr {

cln::cl_RA parse_rational(const std::string& text) {
    // mantissa digits with an optional point, optional exponent; or p/q
    std::size_t slash = text.find('/');
    if (slash != std::string::npos) {
        const cln::cl_RA q = parse_rational(text.substr(slash + 1));
        if (cln::zerop(q)) throw UserError("not a number: '" + text + "' (division by zero)");
        return parse_rational(text.substr(0, slash)) / q;
    }
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    cln::cl_I mantissa = 0;
    long scale = 0;
    bool digits = false, point = false;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            mantissa = mantissa * 10 + (c - '0');
            digits = true;
            if (point) --scale;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        char* end = nullptr;
        long e = std::strtol(text.c_str() + i + 1, &end, 10);
        if (end == text.c_str() + i + 1) throw UserError("not a number: '" + text + "'");
        scale += e;
        i = std::size_t(end - text.c_str());
    }
    if (!digits || i != text.size()) throw UserError("not a number: '" + text + "'");
    cln::cl_RA r = mantissa;
    if (scale > 0) r = r * cln::expt_pos(cln::cl_I(10), scale);
    if (scale < 0) r = r / cln::expt_pos(cln::cl_I(10), -scale);
    return negative ? cln::cl_RA(-r) : r;
}

cln::cl_RA decimal_rational(float v) {
    if (!std::isfinite(v)) throw UserError("the constant " + rigor::expr::shortest_decimal(v) + " has no exact value");
    return parse_rational(rigor::expr::shortest_decimal(v));
}

std::string rational_text(const cln::cl_RA& r) {
    std::ostringstream out;
    cln::cl_I num = cln::numerator(r), den = cln::denominator(r);
    if (den == 1) {
        out << num;
        return out.str();
    }
    // Terminating decimal iff den = 2^a 5^b.
    cln::cl_I d = den;
    long twos = 0, fives = 0;
    while (cln::evenp(d)) d = cln::exquo(d, 2), ++twos;
    while (cln::mod(d, 5) == 0) d = cln::exquo(d, 5), ++fives;
    long places = std::max(twos, fives);
    if (d == 1 && places <= 15) {
        cln::cl_I scaled = cln::exquo(num * cln::expt_pos(cln::cl_I(10), places), den);
        bool negative = cln::minusp(scaled);
        std::ostringstream digits;
        digits << cln::abs(scaled);
        std::string s = digits.str();
        if (s.size() <= std::size_t(places)) s = std::string(std::size_t(places) + 1 - s.size(), '0') + s;
        s.insert(s.size() - std::size_t(places), ".");
        if (s.size() <= 17) return (negative ? "-" : "") + s;
    }
    out << num << "/" << den;
    return out.str();
}

double to_double(const cln::cl_RA& r) { return cln::double_approx(r); }

std::string readable_text(const cln::cl_RA& r) {
    std::string exact = rational_text(r);
    if (exact.size() <= 24) return exact;
    constexpr long kDigits = 12;
    const cln::cl_RA a = cln::abs(r);
    // e = floor(log10 a): estimated from the bit lengths, then settled exactly.
    long e = long(double(long(cln::integer_length(cln::numerator(a))) - long(cln::integer_length(cln::denominator(a)))) *
                  0.30102999566398120);
    const cln::cl_RA ten = 10;
    while (cln::expt(ten, e) > a) --e;
    while (cln::expt(ten, e + 1) <= a) ++e;
    const cln::cl_I digits = cln::floor1(a * cln::expt(ten, kDigits - 1 - e));  // kDigits digits, truncated
    std::ostringstream d;
    d << digits;
    std::string m = d.str();
    return (cln::minusp(r) ? "-" : "") + m.substr(0, 1) + "." + m.substr(1) + "...e" + std::to_string(e);
}

cln::cl_RA binary32_rational(float v) { return cln::rational(cln::cl_DF(double(v))); }

}  // namespace rigor::symbolic::expr
