#include "pixel/vc2_bit_widths/concrete_bounds.hpp"

#include <algorithm>
#include <bit>

#include "filters/base/error.hpp"
#include "pixel/vc2/quantisation.hpp"
#include "pixel/vc2_bit_widths/array_entries.hpp"

namespace rigor::pixel::vc2_bit_widths {

using pixel::vc2::maximum_dequantised_magnitude;
using pixel::vc2::smallest_zeroing_quantisation_index;
using rigor::vc2::band_layout;
using rigor::vc2::QuantisationMatrix;

namespace {

using boost::multiprecision::cpp_int;

std::string describe(const formats::ArrayPhase& w) {
    return "(" + std::to_string(w.level) + ", " + w.array_name + ") phase (" + std::to_string(w.x) + ", " +
           std::to_string(w.y) + ")";
}

std::map<formats::ArrayPhase, IntegerRange> evaluate_all(const std::vector<formats::SignalBound>& bounds,
                                                         const std::map<std::string, formats::Rational>& symbols,
                                                         const std::string& kind) {
    std::map<formats::ArrayPhase, IntegerRange> out;
    for (const formats::SignalBound& b : bounds) {
        try {
            out[b.where] = {round_away_from_zero(evaluate(b.lower, symbols)),
                            round_away_from_zero(evaluate(b.upper, symbols))};
        } catch (const UserError& e) {
            throw UserError(kind + " bound of " + describe(b.where) + ": " + e.what());
        }
    }
    return out;
}

}  // namespace

void check_picture_bits(int bits) {
    if (bits < kMinPictureBits || bits > kMaxPictureBits)
        throw UserError("picture bit width " + std::to_string(bits) + " is out of range (" +
                        std::to_string(kMinPictureBits) + " to " + std::to_string(kMaxPictureBits) + ")");
}

IntegerRange picture_range(int bits) {
    check_picture_bits(bits);
    return {-(std::int64_t{1} << (bits - 1)), (std::int64_t{1} << (bits - 1)) - 1};
}

std::int64_t round_away_from_zero(const formats::Rational& value) {
    const cpp_int n = boost::multiprecision::numerator(value);
    const cpp_int d = boost::multiprecision::denominator(value);
    cpp_int q = n / d;  // truncates toward zero
    if (q * d != n) q += n < 0 ? -1 : 1;
    if (q > cpp_int(INT64_MAX) || q < cpp_int(INT64_MIN + 1))
        throw UserError("a bound does not fit in 64 bits; use a smaller picture bit width");
    return static_cast<std::int64_t>(q);
}

formats::Rational evaluate(const formats::LinearExpression& e,
                           const std::map<std::string, formats::Rational>& symbols) {
    formats::Rational sum = 0;
    for (const formats::LinearTerm& t : e) {
        if (!t.symbol) {
            sum += t.coefficient;
            continue;
        }
        const auto it = symbols.find(*t.symbol);
        if (it == symbols.end()) throw UserError("unknown symbol '" + *t.symbol + "'");
        sum += t.coefficient * it->second;
    }
    return sum;
}

int signed_bits(std::int64_t v) {
    const auto u = static_cast<std::uint64_t>(v < 0 ? -(v + 1) : v);
    return static_cast<int>(std::bit_width(u)) + 1;
}

ConcreteBounds concrete_bounds(const formats::StaticAnalysis& a, int bits, const QuantisationMatrix& matrix) {
    ConcreteBounds out;
    out.picture = picture_range(bits);
    const std::map<std::string, formats::Rational> signal = {{"signal_min", formats::Rational(out.picture.lower)},
                                                             {"signal_max", formats::Rational(out.picture.upper)}};
    out.analysis = evaluate_all(a.analysis_bounds, signal, "analysis");

    // Each band's analysis range: the band is an analysis array (the DC band is level 1's
    // LL or L) that is not reported itself; follow it to its reported source.
    const auto analysis_entries = all_array_phases(a.config, false);
    std::map<std::string, formats::Rational> coeff;
    for (const auto& [level, orients] : band_layout(a.config))
        for (const auto& [orient, unused] : orients) {
            // A transform of depth 0 has no arrays: its one band, the DC band, is the
            // picture itself (spec 15.4: no level to analyse).
            // (Copies: a lambda may not capture structured bindings before C++20's P1091,
            // which clang 14, the fuzz build's compiler, lacks.)
            const int band_level = level;
            const std::string& band = orient;
            const IntegerRange r = analysis_entries.empty() ? out.picture : [&] {
                const formats::ArrayPhase band_array{band_level == 0 ? 1 : band_level, band, 0, 0};
                const auto entry = std::find_if(analysis_entries.begin(), analysis_entries.end(),
                                                [&](const ArrayEntry& e) { return e.where == band_array; });
                if (entry == analysis_entries.end()) throw InternalError("no analysis array for band " + band);
                const auto range = out.analysis.find(entry->reported);
                if (range == out.analysis.end())
                    throw UserError("the static analysis has no analysis bound for " + describe(entry->reported));
                return range->second;
            }();
            out.band_analysis[{level, orient}] = r;
            const IntegerRange widened{maximum_dequantised_magnitude(r.lower), maximum_dequantised_magnitude(r.upper)};
            out.band_synthesis[{level, orient}] = widened;
            const std::string prefix = "coeff_" + std::to_string(level) + "_" + orient;
            coeff[prefix + "_min"] = formats::Rational(widened.lower);
            coeff[prefix + "_max"] = formats::Rational(widened.upper);
            const int zeroing =
                std::max(smallest_zeroing_quantisation_index(r.lower), smallest_zeroing_quantisation_index(r.upper));
            out.maximum_quantisation_index =
                std::max(out.maximum_quantisation_index, zeroing + matrix.at(level).at(orient));
        }
    out.synthesis = evaluate_all(a.synthesis_bounds, coeff, "synthesis");
    return out;
}

}  // namespace rigor::pixel::vc2_bit_widths
