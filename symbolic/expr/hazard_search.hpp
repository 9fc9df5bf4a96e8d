// Hazards of a program as it runs (hazards.hpp: division by zero, log/sqrt/pow/asin/acos outside
// their domain, overflow to inf, NaN, decisions taken differently in binary32 than in
// real arithmetic), each settled on the engine: an input that triggers it, or a proof
// that none does — the enclosure of the whole input box ruling it out, or every input
// of a small joint domain run and checked.
//
// Where the domain is too large to run, a candidate the enclosure does not rule out is
// searched for (witness_search.hpp, scored by hazards.hpp's closeness); when no input is
// found, branch and bound over the box tries to rule it out (the enclosures of smaller
// boxes), and what is left is reported as possible: neither witnessed nor ruled out,
// never dropped and never called certain.  A decision at an input
// whose engine margin is within the certified rounding error is settled by the real model
// exactly (real_decision), at most kRealChecks times per hazard.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "filters/expr/ir.hpp"
#include "symbolic/expr/engine_runner.hpp"
#include "symbolic/expr/hazards.hpp"
#include "symbolic/expr/input_domain.hpp"

namespace rigor::symbolic::expr {

inline constexpr std::size_t kRealChecks = 1024;
inline constexpr long kRuleOutBoxes = 1000;  // boxes of branch and bound per candidate left

enum class HazardStatus { Witnessed, RuledOut, Possible };

struct HazardFinding {
    HazardKind kind = HazardKind::NaN;
    rigor::expr::NodeId node = 0;
    std::string where;          // the operation's sub-program, infix
    HazardStatus status = HazardStatus::Possible;
    std::vector<float> at;      // the witness
    std::uint64_t count = 0;    // exhaustive: the inputs that trigger it
    std::uint64_t checked = 0;  // inputs checked on the engine
    long boxes = 0;             // boxes of branch and bound spent trying to rule it out
    bool unsettled = false;     // some decisions left to the real model were not settled (budget)
};

struct HazardReport {
    std::vector<HazardFinding> findings;  // the candidates the whole box's enclosure left
    bool exhaustive = false;
};

// program: the analysed graph (for the texts); point_program: its point program
// (filters/expr/point_program.hpp: same node ids), the engine's.
HazardReport find_hazards(EngineRunner& engine, const rigor::expr::Expr& program, const rigor::expr::Expr& point_program,
                          const std::vector<InputDomain>& domains, bool exhaustive);

nlohmann::ordered_json to_json(const HazardReport& r, const std::vector<InputDomain>& domains);
std::string to_text(const HazardReport& r, const std::vector<InputDomain>& domains);

}  // namespace rigor::symbolic::expr
