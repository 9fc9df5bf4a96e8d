#include "symbolic/expr/running_range.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "filters/base/error.hpp"
#include "filters/expr/ir_text.hpp"
#include "filters/expr/point_program.hpp"
#include "symbolic/expr/engine_runner.hpp"
#include "symbolic/expr/number_text.hpp"

namespace rigor::symbolic::expr {

namespace {

using rigor::expr::SampleStorage;

std::vector<InputDomain> domains_for(const rigor::expr::PointProgram& p, const InputRanges& ranges, SampleStorage output,
                                     const EngineSetup& setup) {
    if (setup.inputs) return input_domains(p, ranges, *setup.inputs);
    ClipFormats like_output{{}, output};
    if (!output.is_float) {
        try {
            return input_domains(p, ranges, like_output);
        } catch (const UserError&) {
            // A range beyond the integer format (x=-1:1 on gray8): binary32 clips.
        }
    }
    return input_domains(p, ranges, ClipFormats{{}, {true, 32}});
}

nlohmann::ordered_json float_json(float v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return rational_text(binary32_rational(v));
}

nlohmann::ordered_json point_json(const std::vector<InputDomain>& domains, const std::vector<float>& point) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (std::size_t k = 0; k < domains.size() && k < point.size(); ++k) j[domains[k].name] = float_json(point[k]);
    return j;
}

nlohmann::ordered_json observed_json(const RunningRange& r, const ObservedRange& o) {
    nlohmann::ordered_json j;
    if (o.has_values) {
        j["min"] = float_json(o.lo), j["max"] = float_json(o.hi);
        j["min_approx"] = double(o.lo), j["max_approx"] = double(o.hi);
        j["min_at"] = point_json(r.domains, o.lo_at), j["max_at"] = point_json(r.domains, o.hi_at);
    } else {
        j["min"] = j["max"] = nullptr;
    }
    j["nan_inputs"] = o.nan_points;
    j["nan_at"] = o.nan_points ? point_json(r.domains, o.nan_at) : nlohmann::ordered_json(nullptr);
    j["infinite_inputs"] = o.infinite_points;
    j["infinite_at"] = o.infinite_points ? point_json(r.domains, o.infinite_at) : nlohmann::ordered_json(nullptr);
    return j;
}

nlohmann::ordered_json enclosed_json(const RunningRange& r, const EnclosedSide& e) {
    nlohmann::ordered_json j;
    auto end = [&](const EnclosedEnd& x) {
        nlohmann::ordered_json o;
        o["bound"] = float_json(x.bound);
        o["bound_approx"] = double(x.bound);
        o["exact"] = x.exact();
        o["at"] = x.at.empty() ? nlohmann::ordered_json(nullptr) : point_json(r.domains, x.at);
        o["reached"] = x.at.empty() ? nlohmann::ordered_json(nullptr) : float_json(x.reached);
        return o;
    };
    j["min"] = e.has_values ? end(e.lo) : nlohmann::ordered_json(nullptr);
    j["max"] = e.has_values ? end(e.hi) : nlohmann::ordered_json(nullptr);
    j["nan_possible"] = e.nan_possible;
    j["nan_at"] = e.nan_at.empty() ? nlohmann::ordered_json(nullptr) : point_json(r.domains, e.nan_at);
    return j;
}

// "exact" only for an end the engine reaches.
std::string end_text(const RunningRange& r, const EnclosedEnd& e) {
    if (e.at.empty()) return "no input with a value found";
    return point_text(r.domains, e.at) + "  ->  " + float_text(e.reached) +
           (e.exact() ? "" : " (the bound " + float_text(e.bound) + " not reached)");
}

nlohmann::ordered_json error_json(const RunningRange& r) {
    const RoundingError& e = r.error;
    nlohmann::ordered_json j;
    j["bounded"] = e.bounded;
    j["bound"] = e.bounded ? nlohmann::ordered_json(e.bound) : nlohmann::ordered_json(nullptr);
    j["reached"] = e.at.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.reached);
    j["at"] = e.at.empty() ? nlohmann::ordered_json(nullptr) : point_json(r.domains, e.at);
    j["boxes"] = e.boxes;
    j["exhaustive"] = e.exhaustive;
    if (e.store.applies) {
        nlohmann::ordered_json st;
        st["bounded"] = e.store.bounded;
        st["bound"] = e.store.bounded ? nlohmann::ordered_json(e.store.bound) : nlohmann::ordered_json(nullptr);
        st["reached"] = e.store.at.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(e.store.reached);
        st["at"] = e.store.at.empty() ? nlohmann::ordered_json(nullptr) : point_json(r.domains, e.store.at);
        j["after_binary16_store"] = st;
    }
    return j;
}

std::string error_text(const RunningRange& r) {
    const RoundingError& e = r.error;
    if (!e.bounded)
        return "rounding:   not bounded (the real model is undefined, or the engine gives inf or NaN, somewhere)\n";
    std::string s = "rounding:   |binary32 - real| <= " + bound_text(e.bound, true) + " before the store (certified" +
                    (e.exhaustive ? ": the largest, every input checked exactly)" : ")");
    if (!e.at.empty()) s += "; at least " + bound_text(e.reached, false) + " at " + point_text(r.domains, e.at);
    s += "\n";
    if (e.store.applies) {
        if (!e.store.bounded) return s + "stored:     |binary16 - real| not bounded (a value may round to inf: 65520 or beyond)\n";
        s += "stored:     |binary16 - real| <= " + bound_text(e.store.bound, true) + " after the store to " + r.output_name +
             " (certified)";
        if (!e.store.at.empty()) s += "; at least " + bound_text(e.store.reached, false) + " at " + point_text(r.domains, e.store.at);
        s += "\n";
    }
    return s;
}

std::string domain_text(const InputDomain& d) {
    const std::string kind = d.kind == DomainKind::Integer ? (d.storage.is_float ? "integers" : storage_name(d.storage) + " samples")
                                                           : storage_name(d.storage) + " values";
    return d.name + " " + float_text(d.lo) + ".." + float_text(d.hi) + " (" + kind + ")";
}

}  // namespace

RunningRange running_range(const rigor::expr::Expr& e, const InputRanges& ranges, SampleStorage output,
                           const std::string& output_name, const EngineSetup& setup) {
    RunningRange r;
    r.output = output;
    r.output_name = output_name;
    const rigor::expr::PointProgram p = rigor::expr::point_program(e);
    r.domains = domains_for(p, ranges, output, setup);
    if (!setup.probe) {
        r.why_not = "no engine was given to run the program";
        return r;
    }
    std::vector<SampleStorage> storage;
    for (const InputDomain& d : r.domains) storage.push_back(d.storage);
    EngineRunner engine(*setup.probe, p.program, storage);
    r.evaluated = true;
    r.exhaustive = joint_count(r.domains) <= kExhaustiveLimit;
    if (r.exhaustive) r.range = exhaustive_range(engine, p.program.root(), r.domains, output);
    else r.enclosed = enclosed_range(engine, p.program, r.domains, output);
    r.hazards = find_hazards(engine, e, p.program, r.domains, r.exhaustive);
    r.error = rounding_error(engine, p.program, r.domains);
    if (output.is_half()) {
        // The largest |binary32 result|: from every input run, or the enclosure's ends.
        double m = INFINITY;
        if (r.exhaustive && r.range.binary32.has_values)
            m = std::max(std::fabs(double(r.range.binary32.lo)), std::fabs(double(r.range.binary32.hi)));
        else if (!r.exhaustive && r.enclosed.binary32.has_values)
            m = std::max(std::fabs(double(r.enclosed.binary32.lo.bound)), std::fabs(double(r.enclosed.binary32.hi.bound)));
        r.error.store = binary16_store_error(engine, p.program, r.domains, r.error, m);
    }
    return r;
}

std::string float_text(float v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return std::signbit(v) ? "-0" : "0";
    return rigor::expr::shortest_decimal(v);
}

std::string bound_text(double v, bool up) {
    if (v == 0 || !std::isfinite(v)) return v == 0 ? "0" : v > 0 ? "inf" : "-inf";
    const double scale = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 2);
    double m = v / scale;
    m = up ? std::ceil(m * (1 - 1e-15)) : std::floor(m * (1 + 1e-15));
    double shown = m * scale;
    // The printed decimal must stay on the bound's side of v.
    char buf[32];
    for (int i = 0; i < 4; ++i) {
        std::snprintf(buf, sizeof buf, "%.3g", shown);
        const double back = std::strtod(buf, nullptr);
        if (up ? back >= v : back <= v) return buf;
        shown = up ? shown + scale : shown - scale;
    }
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string point_text(const std::vector<InputDomain>& domains, const std::vector<float>& point) {
    std::string s;
    for (std::size_t k = 0; k < domains.size() && k < point.size(); ++k)
        s += (s.empty() ? "" : ", ") + domains[k].name + "=" + float_text(point[k]);
    return s.empty() ? "(no inputs)" : s;
}

nlohmann::ordered_json to_json(const RunningRange& r) {
    nlohmann::ordered_json j;
    j["model"] = "binary32 as the engine runs it, then the store to " + r.output_name;
    nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
    for (const InputDomain& d : r.domains)
        inputs.push_back({{"name", d.name}, {"format", storage_name(d.storage)}, {"min", float_json(d.lo)},
                          {"max", float_json(d.hi)}, {"values", d.count()}});
    j["inputs"] = inputs;
    j["evaluated"] = r.evaluated;
    if (!r.evaluated) {
        j["method"] = nullptr;
        j["why_not"] = r.why_not;
        return j;
    }
    if (!r.exhaustive) {
        j["method"] = "enclosure";
        j["boxes"] = r.enclosed.boxes;
        j["engine_points"] = r.enclosed.engine_points;
        j["exact_min"] = r.enclosed.stored.has_values && r.enclosed.stored.lo.exact();
        j["exact_max"] = r.enclosed.stored.has_values && r.enclosed.stored.hi.exact();
        j["stored"] = enclosed_json(r, r.enclosed.stored);
        j["binary32"] = enclosed_json(r, r.enclosed.binary32);
        j["hazards"] = to_json(r.hazards, r.domains);
        j["rounding_error"] = error_json(r);
        return j;
    }
    j["method"] = "exhaustive";
    j["points"] = r.range.points;
    j["exact_min"] = r.range.stored.has_values;
    j["exact_max"] = r.range.stored.has_values;
    j["stored"] = observed_json(r, r.range.stored);
    j["binary32"] = observed_json(r, r.range.binary32);
    j["hazards"] = to_json(r.hazards, r.domains);
    j["rounding_error"] = error_json(r);
    return j;
}

std::string to_text(const RunningRange& r) {
    std::ostringstream s;
    std::string inputs;
    for (const InputDomain& d : r.domains) inputs += (inputs.empty() ? "" : "; ") + domain_text(d);
    if (r.evaluated || !r.domains.empty()) s << "inputs:     " << (inputs.empty() ? "none" : inputs) << "\n";
    if (!r.evaluated) {
        s << "range:      not established for the program as it runs (" << r.why_not
          << "); the algebra range below is real arithmetic, which binary32 may leave\n";
        return s.str();
    }
    const bool stores = !(r.output.is_float && r.output.bits == 32);
    if (!r.exhaustive) {
        const EnclosedSide& st = r.enclosed.stored;
        const EnclosedSide& b = r.enclosed.binary32;
        auto word = [](const EnclosedEnd& e) { return e.exact() ? "exact" : "enclosure"; };
        if (st.has_values) {
            s << "range:      [" << float_text(st.lo.bound) << ", " << float_text(st.hi.bound) << "]  (min " << word(st.lo)
              << ", max " << word(st.hi) << ": a sound binary32 enclosure (" << r.enclosed.boxes
              << " boxes of branch and bound), ends searched on the engine (" << r.enclosed.engine_points << " inputs)"
              << (stores ? ", stored as " + r.output_name : "") << ")\n";
            s << "minimum at: " << end_text(r, st.lo) << "\n";
            s << "maximum at: " << end_text(r, st.hi) << "\n";
        } else {
            s << "range:      every input gives NaN\n";
        }
        if (stores && b.has_values)
            s << "binary32:   [" << float_text(b.lo.bound) << ", " << float_text(b.hi.bound) << "] before the store (min "
              << word(b.lo) << ", max " << word(b.hi) << ")\n";
        if (b.nan_possible)
            s << "NaN:        " << (b.nan_at.empty() ? "not ruled out by the enclosure; no input found that gives it"
                                                     : "e.g. at " + point_text(r.domains, b.nan_at))
              << (stores ? " (written as 0)" : "") << "\n";
        s << error_text(r) << to_text(r.hazards, r.domains);
        return s.str();
    }
    const ObservedRange& st = r.range.stored;
    const ObservedRange& b = r.range.binary32;
    if (st.has_values) {
        s << "range:      [" << float_text(st.lo) << ", " << float_text(st.hi) << "]  (min exact, max exact: all "
          << r.range.points << " inputs run through the engine" << (stores ? ", stored as " + r.output_name : "") << ")\n";
        s << "minimum at: " << point_text(r.domains, st.lo_at) << "  ->  " << float_text(st.lo) << "\n";
        s << "maximum at: " << point_text(r.domains, st.hi_at) << "  ->  " << float_text(st.hi) << "\n";
    } else {
        s << "range:      every one of the " << r.range.points << " inputs gives NaN\n";
    }
    if (stores && b.has_values)
        s << "binary32:   [" << float_text(b.lo) << ", " << float_text(b.hi) << "] before the store (min at "
          << point_text(r.domains, b.lo_at) << ", max at " << point_text(r.domains, b.hi_at) << ")\n";
    if (b.nan_points)
        s << "NaN:        at " << b.nan_points << " of the inputs, e.g. " << point_text(r.domains, b.nan_at)
          << (stores ? " (written as 0)" : "") << "\n";
    if (b.infinite_points)
        s << "infinite:   at " << b.infinite_points << " of the inputs, e.g. " << point_text(r.domains, b.infinite_at) << "\n";
    s << error_text(r) << to_text(r.hazards, r.domains);
    return s.str();
}

}  // namespace rigor::symbolic::expr
