#include "pixel/regress/reference_way.hpp"

#include <cmath>
#include <vector>

#include "filters/error.hpp"
#include "pixel/regress/fused.hpp"
#include "pixel/regress/parallel_rows.hpp"

namespace rigor::regress {

namespace {

// A formula flattened to postfix, evaluated a row at a time with a stack of row buffers.
struct Instruction {
    Formula::Op op;
    int input = 0;
    float value = 0;
};

void flatten(const Formula& f, std::vector<Instruction>& program) {
    for (const Formula& a : f.args()) flatten(a, program);
    program.push_back({f.op(), f.input_index(), float(f.value())});
}

void run_pointwise(const Step& step, const std::vector<const Plane*>& in, Plane& out, int threads) {
    std::vector<Instruction> program;
    flatten(step.formula, program);
    const int w = out.width();
    parallel_rows(out.height(), threads, [&](int begin, int end) {
        std::vector<std::vector<float>> stack(program.size(), std::vector<float>(w));
        for (int y = begin; y < end; ++y) {
            std::size_t top = 0;
            for (const Instruction& ins : program) {
                switch (ins.op) {
                    case Formula::Op::input: {
                        const float* s = in[ins.input]->row_as<float>(y);
                        std::copy(s, s + w, stack[top++].begin());
                        break;
                    }
                    case Formula::Op::number: std::fill(stack[top].begin(), stack[top].end(), ins.value), ++top; break;
                    case Formula::Op::sqrt:
                        for (float& v : stack[top - 1]) v = std::sqrt(v);
                        break;
                    default: {
                        float* a = stack[top - 2].data();
                        const float* b = stack[top - 1].data();
                        switch (ins.op) {
                            case Formula::Op::add: for (int i = 0; i < w; ++i) a[i] += b[i]; break;
                            case Formula::Op::sub: for (int i = 0; i < w; ++i) a[i] -= b[i]; break;
                            case Formula::Op::mul: for (int i = 0; i < w; ++i) a[i] *= b[i]; break;
                            case Formula::Op::div: for (int i = 0; i < w; ++i) a[i] /= b[i]; break;
                            case Formula::Op::max: for (int i = 0; i < w; ++i) a[i] = a[i] > b[i] ? a[i] : b[i]; break;
                            default: break;
                        }
                        --top;
                    }
                }
            }
            std::copy(stack[0].begin(), stack[0].end(), out.row_as<float>(y));
        }
    });
}

}  // namespace

NamedPlanes run_reference_way(const Model& model, const NamedPlanes& inputs, BorderMode border, int threads) {
    NamedPlanes planes;
    const Plane* first = nullptr;
    for (const std::string& name : model.inputs) {
        auto it = inputs.find(name);
        if (it == inputs.end()) throw UserError("missing input plane '" + name + "'");
        require_float(it->second, name);
        if (first) require_same_size(*first, model.inputs[0], it->second, name);
        first = &it->second;
    }
    auto find = [&](const std::string& name) -> const Plane& {
        if (auto it = planes.find(name); it != planes.end()) return it->second;
        return inputs.find(name)->second;
    };
    for (const Step& step : model.steps) {
        if (step.kind == Step::Kind::box_mean) {
            planes[step.name] = box_mean(find(step.inputs[0]), step.radius, border, threads);
            continue;
        }
        std::vector<const Plane*> in;
        for (const std::string& name : step.inputs) in.push_back(&find(name));
        Plane out = make_float_plane(first->width(), first->height());
        run_pointwise(step, in, out, threads);
        planes[step.name] = std::move(out);
    }
    return planes;
}

}  // namespace rigor::regress
