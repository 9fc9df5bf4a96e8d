// Evaluates an Expr graph at one pixel on the numeric engine (pixel/expr): every clip a
// float plane big enough that all x[dx,dy] of the graph are distinct interior pixels
// around the centre, each set to its variable's value.
#pragma once
#include <cstddef>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "filters/expr/optimize.hpp"
#include "pixel/expr/evaluate.hpp"
#include "pixel/expr/program.hpp"
#include "symbolic/expr/variables.hpp"

namespace rigor::test {

struct Probe {
    const expr::Expr& e;
    int radius = 1;
    pixel::expr::Program program;

    explicit Probe(const expr::Expr& expr) : e(expr), program(pixel::expr::compile(rigor::expr::optimize(expr))) {
        for (const auto& n : e.nodes())
            if (n.op == expr::Op::Load) radius = std::max({radius, std::abs(n.dx), std::abs(n.dy)});
    }
    int size() const { return 2 * radius + 1; }

    // values: by variable name (x, x[1,0], ...); clip samples not named are 0.
    float operator()(const std::map<std::string, float>& values, float frame = 0) const {
        int clips = std::max(1, e.max_clip() + 1), w = size();
        std::vector<std::vector<float>> planes(std::size_t(clips), std::vector<float>(std::size_t(w * w), 0.0f));
        for (const auto& n : e.nodes()) {
            std::string v = symbolic::expr::variable_name(n);
            auto it = values.find(v);
            if (n.op != expr::Op::Load || it == values.end()) continue;
            planes[std::size_t(n.clip)][std::size_t((radius + n.dy) * w + radius + n.dx)] = it->second;
        }
        // An absolute pixel reads the centre too (its coordinates are free).
        for (const auto& n : e.nodes())
            if (n.op == expr::Op::LoadAbsolute && values.count(symbolic::expr::variable_name(n)))
                for (float& s : planes[std::size_t(n.clip)]) s = values.at(symbolic::expr::variable_name(n));
        std::vector<pixel::expr::PlaneSource> sources;
        for (auto& p : planes)
            sources.push_back({reinterpret_cast<const std::byte*>(p.data()), std::ptrdiff_t(w * sizeof(float)), w, w, 4, true});
        std::vector<float> out(std::size_t(w * w), 0.0f);
        pixel::expr::PlaneJob job;
        job.clips = sources;
        job.target = {reinterpret_cast<std::byte*>(out.data()), std::ptrdiff_t(w * sizeof(float)), w, w, 4, true, 32};
        job.frame_number = frame;
        pixel::expr::Registers regs(program);
        pixel::expr::load_constants(program, regs);
        pixel::expr::evaluate_rows(program, job, regs, radius, radius + 1);
        return out[std::size_t(radius * w + radius)];
    }
};

}  // namespace rigor::test
