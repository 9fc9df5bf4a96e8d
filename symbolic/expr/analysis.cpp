#include "symbolic/expr/analysis.hpp"

#include <cstdint>
#include <cstdio>
#include <random>
#include <sstream>
#include <stdexcept>

#include "filters/base/error.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/lower_extensions.hpp"
#include "filters/expr/optimize.hpp"
#include "symbolic/expr/affine_form.hpp"
#include "symbolic/expr/algebra.hpp"
#include "symbolic/expr/algebra_text.hpp"
#include "symbolic/expr/bisection.hpp"
#include "symbolic/expr/interval_evaluation.hpp"
#include "symbolic/expr/number_text.hpp"
#include "symbolic/expr/piecewise.hpp"
#include "symbolic/expr/program_text.hpp"
#include "symbolic/expr/variables.hpp"

namespace rigor::symbolic::expr {

namespace {

using cln::cl_RA;

constexpr long kSearchBudget = 4096;  // evaluations of the bounded search

const Interval& source_range(const rigor::expr::Expr& e, const InputRanges& ranges, const std::string& variable) {
    for (const rigor::expr::Node& n : e.nodes())
        if (variable_name(n) == variable) return ranges.at(source_name(n));
    throw std::logic_error("unknown variable " + variable);
}

Extreme at(const rigor::expr::Expr& e, std::map<std::string, cl_RA> point, EnclosureMemo& memo) {
    PointValue v = evaluate_at(e, point, memo);
    return {std::move(point), v.value, v.exact, false};
}

bool better(const Extreme& candidate, const Extreme& best, bool maximum) {
    if (!candidate.value) return false;
    if (!best.value) return true;
    return maximum ? *best.value < *candidate.value : *candidate.value < *best.value;
}

std::string affine_text(const AffineForm& f) {
    std::string s;
    for (const auto& [name, k] : f.coefficients) {
        bool negative = cln::minusp(k);
        std::string mag = cln::abs(k) == 1 ? name : rational_text(cln::abs(k)) + " * " + name;
        s += s.empty() ? (negative ? "-" + mag : mag) : (negative ? " - " : " + ") + mag;
    }
    if (!cln::zerop(f.constant) || s.empty())
        s += s.empty() ? rational_text(f.constant) : (cln::minusp(f.constant) ? " - " : " + ") + rational_text(cln::abs(f.constant));
    return s;
}

}  // namespace

Analysis analyse(const rigor::expr::Expr& given, const InputRanges& ranges, const OutputFormat& format,
                 const EngineSetup& setup) {
    // ceil and sgn as the core operations they equal bit for bit (ir.hpp), so every model
    // below (binary32, enclosure, hazards, algebra) covers them; the texts show the program given.
    const rigor::expr::Expr e = rigor::expr::lower_extensions(given);
    check_ranges(e, ranges);
    Analysis a;
    a.running.output = {format.is_float, format.bits};
    a.running.output_name = format.name;
    if (setup.probe) a.running = running_range(e, ranges, {format.is_float, format.bits}, format.name, setup);
    else a.running.why_not = "no engine was given to run the program";
    a.postfix = report_postfix(given);
    a.infix = report_infix(given);
    a.optimised_postfix = rigor::expr::to_postfix_stored(rigor::expr::optimize(given));
    a.variables = used_variables(e);
    try {
        Algebra alg = to_algebra(given);  // sgn and ceil as themselves (algebra.hpp models both)
        a.algebra = algebra_infix(alg.value);
        for (const auto& [name, d] : partial_derivatives(alg)) a.derivatives[name] = algebra_infix(d);
    } catch (const rigor::UserError& err) {
        a.notes.push_back(std::string("no algebra: ") + err.what());
    } catch (const std::domain_error& err) {  // GiNaC: a pole (log 0) or another undefined constant
        a.notes.push_back(std::string("no algebra: GiNaC: ") + err.what());
    }

    EnclosureMemo memo;  // for every exact evaluation below: grids and boxes meet the same arguments
    IntervalResult iv = interval_ranges(e, ranges, memo);
    a.range = iv.root(e);
    a.notes.insert(a.notes.end(), iv.notes.begin(), iv.notes.end());
    a.transcendental = iv.transcendental;

    std::optional<AffineForm> affine = affine_form(e);
    if (affine) {
        // Exact: each variable independently at the end its coefficient favours.
        a.method = "affine";
        a.search = "test pattern: each input at its minimum or maximum by the sign of its coefficient";
        Bound lo = Bound::of(affine->constant), hi = lo;
        for (const std::string& v : a.variables) {
            const Interval& r = source_range(e, ranges, v);
            auto it = affine->coefficients.find(v);
            cl_RA k = it == affine->coefficients.end() ? cl_RA(0) : it->second;
            bool up = cln::plusp(k);
            a.minimum.inputs[v] = up ? r.lo.value : r.hi.value;
            a.maximum.inputs[v] = up ? r.hi.value : r.lo.value;
            lo = lo + Bound::of(k) * (up ? r.lo : r.hi);
            hi = hi + Bound::of(k) * (up ? r.hi : r.lo);
        }
        a.range = {lo, hi, false};
        a.minimum = at(e, a.minimum.inputs, memo);
        a.maximum = at(e, a.maximum.inputs, memo);
        a.evaluations = 2;
    }
    std::optional<PiecewiseExtremes> pieces;
    if (!affine) {
        std::map<std::string, Interval> box;
        for (const std::string& v : a.variables) box[v] = source_range(e, ranges, v);
        pieces = piecewise_extremes(e, box);
    }
    if (pieces) {
        // Exact where reached: the program is affine on each cell of the box cut by the
        // hyperplanes its tests compare on; extremes at the cells' vertices (piecewise.hpp).
        a.method = "piecewise";
        a.range = {pieces->lo, pieces->hi, false};
        a.minimum = at(e, pieces->min_at, memo);
        a.maximum = at(e, pieces->max_at, memo);
        a.evaluations = pieces->evaluations;
        a.search = "the input box split into " + std::to_string(pieces->regions) +
                   " cells where the program is affine (on its comparisons, min/max, abs, clip, ?); every cell vertex a "
                   "candidate, evaluated exactly";
    } else if (!affine) {
        a.method = "interval";
        // Bounded search: a grid of G points per variable (G = 2: the corners) when it
        // fits the budget, else random corners (fixed seed: the report is reproducible).
        const std::size_t nv = a.variables.size();
        long g = 2;
        auto fits = [&](long levels) {
            long total = 1;
            for (std::size_t i = 0; i < nv; ++i)
                if ((total *= levels) > kSearchBudget) return false;
            return true;
        };
        while (fits(g + 1) && g < 257) ++g;
        std::vector<std::map<std::string, cl_RA>> points;
        auto level = [&](const std::string& v, long i, long levels) {
            const Interval& r = source_range(e, ranges, v);
            return r.lo.value + (r.hi.value - r.lo.value) * cl_RA(i) / cl_RA(levels - 1);
        };
        if (fits(2)) {
            long total = 1;
            for (std::size_t i = 0; i < nv; ++i) total *= g;
            for (long k = 0; k < total; ++k) {
                std::map<std::string, cl_RA> p;
                long rest = k;
                for (const std::string& v : a.variables) p[v] = level(v, rest % g, g), rest /= g;
                points.push_back(std::move(p));
            }
            a.search = g == 2 ? "all " + std::to_string(total) + " corners of the input box"
                              : "a grid of " + std::to_string(g) + " values per input (" + std::to_string(total) +
                                    " points, corners included)";
        } else {
            std::mt19937_64 rng(20240601);
            for (long k = 0; k < kSearchBudget; ++k) {
                std::map<std::string, cl_RA> p;
                for (const std::string& v : a.variables) p[v] = level(v, long(rng() & 1), 2);
                points.push_back(std::move(p));
            }
            a.search = std::to_string(kSearchBudget) + " random corners of the input box (seed 20240601)";
        }
        if (points.empty()) points.emplace_back();
        a.evaluations = long(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            Extreme x = at(e, points[i], memo);
            if (i == 0) a.minimum = a.maximum = x;
            if (better(x, a.minimum, false)) a.minimum = x;
            if (better(x, a.maximum, true)) a.maximum = x;
        }
        // Branch and bound on the input box tightens a bound the search did not reach
        // (bisection.hpp); it stays an enclosure unless an exact value reaches it.
        std::map<std::string, Interval> box;
        for (const std::string& v : a.variables) box[v] = source_range(e, ranges, v);
        long bisected = 0;
        for (bool up : {false, true}) {
            Extreme& x = up ? a.maximum : a.minimum;
            Bound& b = up ? a.range.hi : a.range.lo;
            if (a.variables.empty() || (x.value && x.exact && b.finite() && *x.value == b.value)) continue;
            std::optional<cl_RA> seed;
            if (x.value && x.exact) seed = x.value;
            BisectedBound r = bisect_bound(e, ranges, box, up, seed, x.inputs, kSearchBudget, memo);
            bisected += r.evaluations;
            if (up ? r.bound < b : b < r.bound) b = r.bound;
            if (r.reached && (!seed || *r.reached != *seed)) {
                Extreme found = at(e, r.at, memo);
                if (better(found, x, up)) x = found;
            }
        }
        if (bisected) {
            a.evaluations += bisected;
            a.search += "; then branch and bound on the input box (" + std::to_string(bisected) +
                        " interval and exact evaluations)";
        }
    }
    a.minimum.attains_bound = a.minimum.value && a.range.lo.finite() && *a.minimum.value == a.range.lo.value;
    a.maximum.attains_bound = a.maximum.value && a.range.hi.finite() && *a.maximum.value == a.range.hi.value;

    // FLT_MAX: beyond it the numeric engine (binary32) gives ±inf.
    const Bound flt_max = Bound::of(cl_RA(cln::expt_pos(cln::cl_I(2), 104)) * (cln::expt_pos(cln::cl_I(2), 24) - 1));
    if (flt_max < a.range.hi || a.range.lo < -flt_max)
        a.notes.push_back("the range exceeds binary32 (about 3.4e38): the numeric engine gives inf there");

    Clipping& c = a.clipping;
    c.applies = !format.is_float;
    if (c.applies) {
        c.high = cl_RA(cln::expt_pos(cln::cl_I(2), format.bits) - 1);
        auto verdict = [](bool bound_crosses, bool found_crosses) {
            return found_crosses ? "yes" : bound_crosses ? "possibly" : "no";
        };
        c.below = verdict(a.range.lo < Bound::of(c.low), a.minimum.value && *a.minimum.value < c.low);
        c.above = verdict(Bound::of(c.high) < a.range.hi, a.maximum.value && *a.maximum.value > c.high);
        if (affine) {
            if (c.below != "no") c.below_when = affine_text(*affine) + " < 0";
            if (c.above != "no") c.above_when = affine_text(*affine) + " > " + rational_text(c.high);
        }
        if (a.range.may_be_nan) a.notes.push_back("NaN possible: written as 0 to an integer plane");
        // As it runs: whether some input's binary32 result leaves the format, decided.
        const ObservedRange& b = a.running.range.binary32;
        const EnclosedSide& eb = a.running.enclosed.binary32;
        if (a.running.evaluated && !a.running.exhaustive && eb.has_values) {
            const float top = float(cln::double_approx(c.high));
            c.below = eb.lo.bound >= 0 ? "no" : !eb.lo.at.empty() && eb.lo.reached < 0 ? "yes" : "possibly";
            c.above = eb.hi.bound <= top ? "no" : !eb.hi.at.empty() && eb.hi.reached > top ? "yes" : "possibly";
            if (c.below == "yes") c.below_at = point_text(a.running.domains, eb.lo.at);
            if (c.above == "yes") c.above_at = point_text(a.running.domains, eb.hi.at);
            if (c.below == "no") c.below_when.clear();
            if (c.above == "no") c.above_when.clear();
        }
        if (a.running.evaluated && a.running.exhaustive && b.has_values) {
            const bool below = b.lo < 0, above = b.hi > float(cln::double_approx(c.high));
            c.below = below ? "yes" : "no", c.above = above ? "yes" : "no";
            if (below) c.below_at = point_text(a.running.domains, b.lo_at);
            if (above) c.above_at = point_text(a.running.domains, b.hi_at);
            if (!below) c.below_when.clear();
            if (!above) c.above_when.clear();
        }
    }
    return a;
}

namespace {

std::string value_text(const Extreme& x) {
    if (!x.value) return "NaN/inf";
    if (x.exact) return readable_text(*x.value);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", to_double(*x.value));
    return std::string(buf) + " (approximately)";
}

nlohmann::ordered_json extreme_json(const Extreme& x) {
    nlohmann::ordered_json j;
    nlohmann::ordered_json inputs = nlohmann::ordered_json::object();
    for (const auto& [k, v] : x.inputs) inputs[k] = rational_text(v);
    j["inputs"] = inputs;
    j["value"] = x.value ? nlohmann::ordered_json(x.exact ? rational_text(*x.value) : value_text(x)) : nlohmann::ordered_json(nullptr);
    j["value_approx"] = x.value ? nlohmann::ordered_json(to_double(*x.value)) : nlohmann::ordered_json(nullptr);
    j["exact"] = x.exact;
    j["attains_bound"] = x.attains_bound;
    return j;
}

std::string bound_json(const Bound& b) { return to_string(b); }

std::string inputs_text(const Extreme& x) {
    std::string s;
    for (const auto& [k, v] : x.inputs) s += (s.empty() ? "" : ", ") + k + "=" + readable_text(v);
    s += "  ->  " + value_text(x);
    return s;
}

}  // namespace

nlohmann::ordered_json to_json(const Analysis& a) {
    nlohmann::ordered_json j;
    j["postfix"] = a.postfix;
    j["infix"] = a.infix;
    j["algebra"] = a.algebra;
    j["optimised_postfix"] = a.optimised_postfix;
    j["variables"] = a.variables;
    j["range"] = to_json(a.running);
    j["algebra_range"] = {{"model", "real arithmetic (the algebra)"},
                  {"min", bound_json(a.range.lo)},
                  {"max", bound_json(a.range.hi)},
                  {"min_approx", to_double(a.range.lo)},
                  {"max_approx", to_double(a.range.hi)},
                  {"may_be_nan", a.range.may_be_nan},
                  {"method", a.method},
                  {"attained_min", a.minimum.attains_bound && a.minimum.exact},
                  {"attained_max", a.maximum.attains_bound && a.maximum.exact},
                  {"transcendental", a.transcendental},
                  {"evaluations", a.evaluations}};
    auto gap = [](const Bound& b, const Extreme& x, bool up) -> nlohmann::ordered_json {
        if (!b.finite() || !x.value) return nullptr;
        return to_double(up ? Bound::of(b.value - *x.value) : Bound::of(*x.value - b.value));
    };
    j["algebra_range"]["min_gap"] = gap(a.range.lo, a.minimum, false);
    j["algebra_range"]["max_gap"] = gap(a.range.hi, a.maximum, true);
    j["notes"] = a.notes;
    j["search"] = a.search;
    j["algebra_minimum"] = extreme_json(a.minimum);
    j["algebra_maximum"] = extreme_json(a.maximum);
    if (a.clipping.applies)
        j["clipping"] = {{"low", rational_text(a.clipping.low)},   {"high", rational_text(a.clipping.high)},
                         {"below", a.clipping.below},              {"above", a.clipping.above},
                         {"below_when", a.clipping.below_when},    {"above_when", a.clipping.above_when},
                         {"below_at", a.clipping.below_at},        {"above_at", a.clipping.above_at}};
    else
        j["clipping"] = nullptr;
    nlohmann::ordered_json d = nlohmann::ordered_json::object();
    for (const auto& [k, v] : a.derivatives) d[k] = v;
    j["derivatives"] = d;
    return j;
}

std::string to_text(const Analysis& a) {
    std::ostringstream s;
    s << "postfix:    " << a.postfix << "\n"
      << "infix:      " << a.infix << "\n"
      << "algebra:    " << a.algebra << "\n"
      << "optimised:  " << a.optimised_postfix << "\n";
    s << to_text(a.running);
    // The algebra: "attained" (in real arithmetic), never "exact", which is the engine's.
    auto status = [&](const Extreme& x) { return x.attains_bound && x.exact ? "attained" : a.transcendental ? "certified enclosure" : "enclosure"; };
    auto real_bound = [](const Bound& b) { return b.infinity ? to_string(b) : readable_text(b.value); };
    s << "real range: [" << real_bound(a.range.lo) << ", " << real_bound(a.range.hi) << "]  (the algebra, real arithmetic, "
      << (a.method == "affine"      ? "affine in the inputs"
          : a.method == "piecewise" ? "piecewise affine"
                                    : "interval arithmetic")
      << ": min " << status(a.minimum) << ", max " << status(a.maximum) << ")\n";
    if (a.range.lo.finite() && a.range.hi.finite())
        s << "            ~ [" << to_double(a.range.lo) << ", " << to_double(a.range.hi) << "]\n";
    for (const std::string& n : a.notes) s << "note:       " << n << "\n";
    s << "search:     " << a.search << "\n";
    s << "real min at: " << inputs_text(a.minimum) << "\n";
    s << "real max at: " << inputs_text(a.maximum) << "\n";
    if (a.clipping.applies) {
        s << "clips below " << rational_text(a.clipping.low) << ": " << a.clipping.below;
        if (!a.clipping.below_when.empty()) s << " (when " << a.clipping.below_when << ")";
        if (!a.clipping.below_at.empty()) s << ", e.g. at " << a.clipping.below_at;
        else if (a.clipping.below == "yes") s << ", e.g. at the real minimum's inputs";
        s << "\nclips above " << rational_text(a.clipping.high) << ": " << a.clipping.above;
        if (!a.clipping.above_when.empty()) s << " (when " << a.clipping.above_when << ")";
        if (!a.clipping.above_at.empty()) s << ", e.g. at " << a.clipping.above_at;
        else if (a.clipping.above == "yes") s << ", e.g. at the real maximum's inputs";
        s << "\n";
    } else {
        s << "clipping:   none (float output)\n";
    }
    for (const auto& [k, v] : a.derivatives) s << "d/d" << k << ": " << v << "\n";
    return s.str();
}

}  // namespace rigor::symbolic::expr
