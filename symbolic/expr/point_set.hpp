// Points of a program's inputs, stored by input (column k holds input k at every point),
// as the engine probe takes them.
#pragma once
#include <cstddef>
#include <span>
#include <vector>

namespace rigor::symbolic::expr {

struct PointSet {
    std::vector<std::vector<float>> columns;

    explicit PointSet(std::size_t inputs = 0) : columns(inputs) {}
    std::size_t inputs() const { return columns.size(); }
    std::size_t size() const { return columns.empty() ? size_ : columns[0].size(); }
    void add(std::span<const float> point) {
        if (columns.empty()) ++size_;
        for (std::size_t k = 0; k < columns.size(); ++k) columns[k].push_back(point[k]);
    }
    std::vector<float> point(std::size_t i) const {
        std::vector<float> p(columns.size());
        for (std::size_t k = 0; k < columns.size(); ++k) p[k] = columns[k][i];
        return p;
    }
    void clear() {
        for (auto& c : columns) c.clear();
        size_ = 0;
    }

private:
    std::size_t size_ = 0;  // points of a program without inputs
};

}  // namespace rigor::symbolic::expr
