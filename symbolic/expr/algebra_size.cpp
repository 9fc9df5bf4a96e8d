#include "symbolic/expr/algebra_size.hpp"

#include <algorithm>
#include <sstream>
#include <string>
#include <unordered_map>

#include "filters/base/error.hpp"

namespace rigor::symbolic::expr {

namespace {

long number_bits(const GiNaC::numeric& n) {
    if (!n.is_rational()) return 64;  // a float: its own fixed size
    if (n.is_equal(1) || n.is_equal(-1)) return 0;
    return long(n.numer().int_length()) + long(n.denom().int_length());
}

// Memoised by GiNaC's shared nodes, so a DAG is walked once however often it repeats.
AlgebraSize measure(const GiNaC::ex& e, std::unordered_map<const GiNaC::basic*, AlgebraSize>& known) {
    const GiNaC::basic* key = &GiNaC::ex_to<GiNaC::basic>(e);
    if (auto it = known.find(key); it != known.end()) return it->second;
    AlgebraSize s{1, 0};
    if (GiNaC::is_a<GiNaC::numeric>(e)) s.number_bits = number_bits(GiNaC::ex_to<GiNaC::numeric>(e));
    for (std::size_t i = 0; i < e.nops(); ++i) {
        const AlgebraSize c = measure(e.op(i), known);
        s.nodes = std::min(kAlgebraNodes + 1, s.nodes + c.nodes);
        s.number_bits = std::max(s.number_bits, c.number_bits);
    }
    known.emplace(key, s);
    return s;
}

}  // namespace

AlgebraSize algebra_size(const GiNaC::ex& e) {
    std::unordered_map<const GiNaC::basic*, AlgebraSize> known;
    return measure(e, known);
}

void check_algebra_size(const GiNaC::ex& e, const char* what) {
    const AlgebraSize s = algebra_size(e);
    if (s.nodes > kAlgebraNodes)
        throw UserError(std::string(what) + " has more than " + std::to_string(kAlgebraNodes) + " terms written out");
    if (s.number_bits > kAlgebraBits)
        throw UserError(std::string(what) + " has a number of more than " + std::to_string(kAlgebraBits) + " bits");
}

void check_power_size(const GiNaC::ex& base, const GiNaC::ex& exponent) {
    if (!GiNaC::is_a<GiNaC::numeric>(exponent) || !GiNaC::ex_to<GiNaC::numeric>(exponent).is_rational()) return;
    const long bits = algebra_size(base).number_bits;
    if (bits == 0) return;
    const GiNaC::numeric n = GiNaC::abs(GiNaC::ex_to<GiNaC::numeric>(exponent).numer());
    if (n > GiNaC::numeric(kAlgebraBits / bits))
    {
        std::ostringstream text;
        text << "a power with the exponent " << GiNaC::ex_to<GiNaC::numeric>(exponent) << " would have numbers of more than "
             << kAlgebraBits << " bits";
        throw UserError(text.str());
    }
}

}  // namespace rigor::symbolic::expr
