// The program as it runs — the second of `rigor analyse`'s two models (analysis.hpp
// holds the first, the algebra in real arithmetic): every operation in binary32 as
// filters/expr/ir.hpp defines it, then the output format's rounding and clamping, on the
// values the inputs can take in their sample formats (input_domain.hpp).
//
// Where the joint domain of the inputs is small (exhaustive_range.hpp: up to 2^24
// points) every input goes through the engine, and the minimum and maximum reported are
// values the engine writes, each with the first input giving it: exact.  Otherwise a
// sound enclosure of the binary32 result with a witness search on the engine
// (enclosed_range.hpp): an end is exact only when the engine reaches it.  Hazards
// (hazard_search.hpp) are settled on the engine in the same way; the rounding error
// before the store is certified (rounding_error.hpp).
//
// The engine comes from the front end (filters/expr/engine_probe.hpp): symbolic/expr
// does not link pixel/expr.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "filters/expr/engine_probe.hpp"
#include "filters/expr/ir.hpp"
#include "symbolic/expr/enclosed_range.hpp"
#include "symbolic/expr/exhaustive_range.hpp"
#include "symbolic/expr/hazard_search.hpp"
#include "symbolic/expr/rounding_error.hpp"
#include "symbolic/expr/input_domain.hpp"
#include "symbolic/expr/input_ranges.hpp"

namespace rigor::symbolic::expr {

// What `analyse` needs to run the program: the engine, and the inputs' sample formats.
struct EngineSetup {
    const rigor::expr::EngineProbe* probe = nullptr;  // none: the running range is not evaluated
    // The clips' sample formats; when not given, clips are stored like the output where
    // their ranges fit an integer output format, else as binary32.
    std::optional<ClipFormats> inputs;
};

struct RunningRange {
    bool evaluated = false;                 // a range was established (exhaustive or enclosed)
    bool exhaustive = false;                // every input run: `range`; else `enclosed`
    std::string why_not;                    // when not evaluated
    std::vector<InputDomain> domains;       // the inputs (empty when not set up)
    rigor::expr::SampleStorage output;      // the store
    std::string output_name;                // e.g. "gray8"
    ExhaustiveRange range;                  // when exhaustive
    EnclosedRange enclosed;                 // when evaluated but not exhaustive
    HazardReport hazards;                   // when evaluated
    RoundingError error;                    // when evaluated: |binary32 − real| before the store
};

RunningRange running_range(const rigor::expr::Expr& e, const InputRanges& ranges, rigor::expr::SampleStorage output,
                           const std::string& output_name, const EngineSetup& setup);

// A binary32 value for the screen: its shortest decimal (the exact value is that float).
std::string float_text(float v);
// A bound for the screen in 3 significant digits, rounded up (or down), so still a bound.
std::string bound_text(double v, bool up);
// "x=13, y=0" for a point of the domains.
std::string point_text(const std::vector<InputDomain>& domains, const std::vector<float>& point);

nlohmann::ordered_json to_json(const RunningRange& r);
// The report's lines for the running program ("range:", "minimum at:", ...).
std::string to_text(const RunningRange& r);

}  // namespace rigor::symbolic::expr
