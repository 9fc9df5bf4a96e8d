// The engine (filters/expr/engine_probe.hpp) asked about the nodes of one point program:
// each node's sub-program is compiled once per output storage and run on point sets.
// What the engine returns for node k at a point is node k's value there as the program
// runs (point_program.hpp): the witnesses of every report come from here.
#pragma once
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "filters/expr/engine_probe.hpp"
#include "filters/expr/ir.hpp"
#include "symbolic/expr/point_set.hpp"

namespace rigor::symbolic::expr {

class EngineRunner {
public:
    EngineRunner(const rigor::expr::EngineProbe& probe, const rigor::expr::Expr& point_program,
                 std::vector<rigor::expr::SampleStorage> inputs);

    // Node `node`'s value at every point: binary32 (no store), or stored to `store`.
    std::vector<float> values(rigor::expr::NodeId node, const PointSet& points,
                              std::optional<rigor::expr::SampleStorage> store = std::nullopt);
    long evaluations() const { return evaluations_; }
    const rigor::expr::EngineProbe& probe() const { return *probe_; }

private:
    const rigor::expr::EngineProbe* probe_;
    rigor::expr::Expr program_;
    std::vector<rigor::expr::SampleStorage> inputs_;
    std::map<std::pair<rigor::expr::NodeId, int>, rigor::expr::EngineProbe::Run> compiled_;
    long evaluations_ = 0;
};

}  // namespace rigor::symbolic::expr
