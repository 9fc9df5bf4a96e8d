#include "symbolic/expr/hazard_search.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "filters/expr/ir_text.hpp"
#include "filters/expr/point_program.hpp"
#include "symbolic/expr/binary32_enclosure.hpp"
#include "symbolic/expr/box_search.hpp"
#include "symbolic/expr/exhaustive_range.hpp"
#include "symbolic/expr/program_text.hpp"
#include "symbolic/expr/running_range.hpp"
#include "symbolic/expr/witness_search.hpp"

namespace rigor::symbolic::expr {

namespace {

using rigor::expr::NodeId;

// Engine values of the nodes the checks read, at every point of a set.
struct NodeValues {
    std::vector<std::vector<float>> by_node;
    NodeValues(EngineRunner& engine, const rigor::expr::Expr& p, const std::vector<HazardCheck>& checks, const PointSet& points)
        : by_node(p.size()) {
        for (const HazardCheck& h : checks)
            for (NodeId id : needed_nodes(h, p))
                if (by_node[id].empty()) by_node[id] = engine.values(id, points);
    }
    EngineValues at(std::size_t i) const { return {&by_node, i}; }
};

// Whether the hazard happens at point i: the engine's verdict, a decision settled by the
// real model (budget: real_checks).
bool happens(const HazardCheck& h, const rigor::expr::Expr& p, const NodeValues& v, const PointSet& points, std::size_t i,
             std::size_t& real_checks, bool& unsettled) {
    const Verdict verdict = check(h, p, v.at(i));
    if (verdict != Verdict::Exact) return verdict == Verdict::Yes;
    if (real_checks >= kRealChecks) return unsettled = true, false;
    ++real_checks;
    const std::vector<float> point = points.point(i);
    const std::optional<double> real = real_decision(h, p, point);
    if (!real) return unsettled = true, false;
    return *real != decision_of(h, v.at(i)(h.subject));
}

void exhaustive_check(EngineRunner& engine, const rigor::expr::Expr& p, const std::vector<InputDomain>& domains,
                      std::vector<HazardCheck>& checks, std::vector<HazardFinding>& out) {
    const std::uint64_t total = joint_count(domains);
    std::vector<std::size_t> real_checks(checks.size(), 0);
    std::vector<bool> unsettled(checks.size(), false);
    for (std::uint64_t first = 0; first < total; first += kExhaustiveChunk) {
        const PointSet points = joint_points(domains, first, std::min(kExhaustiveChunk, total - first));
        const NodeValues v(engine, p, checks, points);
        for (std::size_t c = 0; c < checks.size(); ++c) {
            HazardFinding& f = out[c];
            for (std::size_t i = 0; i < points.size(); ++i) {
                bool u = false;
                if (happens(checks[c], p, v, points, i, real_checks[c], u)) {
                    if (f.count++ == 0) f.at = points.point(i);
                }
                if (u) unsettled[c] = true;
            }
            f.checked += points.size();
        }
    }
    for (std::size_t c = 0; c < checks.size(); ++c) out[c].unsettled = unsettled[c];
    for (std::size_t c = 0; c < checks.size(); ++c)
        out[c].status = out[c].count ? HazardStatus::Witnessed : unsettled[c] ? HazardStatus::Possible : HazardStatus::RuledOut;
}

void search_check(EngineRunner& engine, const rigor::expr::Expr& p, const std::vector<InputDomain>& domains,
                  const HazardCheck& h, HazardFinding& f) {
    const std::vector<HazardCheck> one{h};
    std::size_t real_checks = 0;
    bool unsettled = false;
    const Score score = [&](const PointSet& points, std::vector<double>& s) {
        const NodeValues v(engine, p, one, points);
        s.resize(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) s[i] = closeness(h, p, v.at(i));
        f.checked += points.size();
    };
    const PointSet start = candidate_points(domains, {}, 2048);
    std::vector<double> scores;
    score(start, scores);
    // The closest inputs first: the engine's verdict there, a decision by the real model.
    std::vector<std::size_t> order(start.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return (std::isnan(scores[a]) ? -INFINITY : scores[a]) > (std::isnan(scores[b]) ? -INFINITY : scores[b]);
    });
    const NodeValues v(engine, p, one, start);
    for (std::size_t k = 0; k < order.size() && real_checks < kRealChecks; ++k)
        if (happens(h, p, v, start, order[k], real_checks, unsettled)) {
            f.at = start.point(order[k]);
            f.status = HazardStatus::Witnessed;
            return;
        }
    const Found best = improve(domains, score, start, scores, 2048);
    if (!best.point.empty()) {
        PointSet one_point(domains.size());
        one_point.add(best.point);
        const NodeValues bv(engine, p, one, one_point);
        if (happens(h, p, bv, one_point, 0, real_checks, unsettled)) {
            f.at = best.point;
            f.status = HazardStatus::Witnessed;
        }
    }
}

// A candidate neither witnessed nor settled by running every input: branch and bound
// over the input box (box_search.hpp) with "may it happen here" (possible_on_box) as the
// objective, 1 or 0.  Ruled out when no box that may hold it is left; possible when the
// budget runs out first, or a single input is left that the enclosure cannot decide.
void try_to_rule_out(const Binary32Enclosure& enclosure, const std::vector<InputDomain>& domains, const HazardCheck& h,
                     HazardFinding& f) {
    BoxObjective objective;
    objective.upper = [&](const std::vector<NodeEnclosure>& n) { return possible_on_box(h, enclosure.program(), n) ? 1.0 : 0.0; };
    objective.at_point = [](const std::vector<NodeEnclosure>&) { return 0.0; };  // witnesses come from the engine only
    const BoxSearch b = maximise(enclosure, domains, objective, 0.0, {}, kRuleOutBoxes);
    f.boxes = b.boxes;
    if (b.complete && b.bound <= 0) f.status = HazardStatus::RuledOut, f.unsettled = false;
}

}  // namespace

HazardReport find_hazards(EngineRunner& engine, const rigor::expr::Expr& program, const rigor::expr::Expr& point_program,
                          const std::vector<InputDomain>& domains, bool exhaustive) {
    std::vector<int> grids;
    for (const InputDomain& d : domains) grids.push_back(d.grid());
    const Binary32Enclosure enclosure(point_program, grids, engine.probe());
    std::vector<NodeEnclosure> whole;
    enclosure.evaluate(box_ranges(domains, whole_box(domains)), whole);
    std::vector<HazardCheck> checks = hazard_checks(point_program, whole);
    HazardReport r;
    r.exhaustive = exhaustive;
    for (const HazardCheck& h : checks) {
        HazardFinding f;
        f.kind = h.kind, f.node = h.node, f.where = report_infix(rigor::expr::subprogram(program, h.node));
        r.findings.push_back(std::move(f));
    }
    if (exhaustive) exhaustive_check(engine, point_program, domains, checks, r.findings);
    else
        for (std::size_t c = 0; c < checks.size(); ++c) search_check(engine, point_program, domains, checks[c], r.findings[c]);
    for (std::size_t c = 0; c < checks.size(); ++c)
        if (r.findings[c].status == HazardStatus::Possible) try_to_rule_out(enclosure, domains, checks[c], r.findings[c]);
    return r;
}

nlohmann::ordered_json to_json(const HazardReport& r, const std::vector<InputDomain>& domains) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const HazardFinding& f : r.findings) {
        nlohmann::ordered_json o;
        o["kind"] = hazard_name(f.kind);
        o["node"] = f.node;
        o["where"] = f.where;
        o["status"] = f.status == HazardStatus::Witnessed ? "witnessed" : f.status == HazardStatus::RuledOut ? "ruled out" : "possible";
        nlohmann::ordered_json at = nlohmann::ordered_json::object();
        for (std::size_t k = 0; k < f.at.size() && k < domains.size(); ++k) at[domains[k].name] = double(f.at[k]);
        o["at"] = f.at.empty() ? nlohmann::ordered_json(nullptr) : at;
        o["at_text"] = f.at.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(point_text(domains, f.at));
        o["inputs_triggering"] = r.exhaustive ? nlohmann::ordered_json(f.count) : nlohmann::ordered_json(nullptr);
        o["count_complete"] = r.exhaustive && !f.unsettled;
        o["inputs_checked"] = f.checked;
        o["boxes"] = f.boxes;
        j.push_back(o);
    }
    return j;
}

std::string to_text(const HazardReport& r, const std::vector<InputDomain>& domains) {
    std::string s;
    for (const HazardFinding& f : r.findings) {
        if (f.status == HazardStatus::RuledOut) continue;  // listed below in one line
        s += "hazard:     " + hazard_name(f.kind) + " at " + f.where + ": ";
        if (f.status == HazardStatus::Witnessed)
            s += (r.exhaustive ? (f.unsettled ? "at least " : "") + std::to_string(f.count) + " of " + std::to_string(f.checked) + " inputs, "
                               : std::string()) +
                 "e.g. at " +
                 point_text(domains, f.at);
        else
            s += "possible (not ruled out by the enclosure of " + std::to_string(f.boxes) +
                 " boxes of branch and bound; no input found among " + std::to_string(f.checked) +
                 (r.exhaustive ? ", some decisions not settled)" : " searched)");
        s += "\n";
    }
    std::size_t ruled = 0;
    for (const HazardFinding& f : r.findings) ruled += f.status == HazardStatus::RuledOut;
    s += "hazards:    " + std::string(s.empty() ? "none: " : "no others: ") +
         "division by zero, log/sqrt/pow/asin/acos domain, overflow, NaN and binary32 decisions ruled out by the enclosure" +
         (ruled ? std::string(r.exhaustive ? " or by running all inputs" : " or by branch and bound") + " (" +
                      std::to_string(ruled) + " candidates)"
                : std::string()) +
         "\n";
    return s;
}

}  // namespace rigor::symbolic::expr
