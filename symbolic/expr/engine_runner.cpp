#include "symbolic/expr/engine_runner.hpp"

#include "filters/expr/point_program.hpp"

namespace rigor::symbolic::expr {

EngineRunner::EngineRunner(const rigor::expr::EngineProbe& probe, const rigor::expr::Expr& point_program,
                           std::vector<rigor::expr::SampleStorage> inputs)
    : probe_(&probe), program_(point_program), inputs_(std::move(inputs)) {}

std::vector<float> EngineRunner::values(rigor::expr::NodeId node, const PointSet& points,
                                        std::optional<rigor::expr::SampleStorage> store) {
    const rigor::expr::SampleStorage out = store.value_or(rigor::expr::SampleStorage{true, 32});
    const int key = out.is_float ? -out.bits : out.bits;
    auto it = compiled_.find({node, key});
    if (it == compiled_.end())
        it = compiled_.emplace(std::pair{node, key}, probe_->compile(rigor::expr::subprogram(program_, node), inputs_, out)).first;
    std::vector<float> result(points.size());
    if (points.size() == 0) return result;
    std::vector<const float*> columns;
    for (const auto& c : points.columns) columns.push_back(c.data());
    it->second(columns, points.size(), result.data());
    evaluations_ += long(points.size());
    return result;
}

}  // namespace rigor::symbolic::expr
