#include "pixel/regress/reference_way.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "filters/base/error.hpp"
#include "filters/base/worker_pool.hpp"
#include "pixel/expr/expr_filter.hpp"
#include "pixel/regress/window_mean.hpp"

namespace rigor::pixel::regress {

using rigor::regress::BorderMode;
using rigor::regress::Formula;
using rigor::regress::Model;
using rigor::regress::Step;

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
    const int w = out.width(), h = out.height();
    // Rows handed out one at a time; each thread keeps its stack of row buffers.
    WorkerPool pool(std::clamp(threads, 1, std::max(1, h)));
    std::vector<std::vector<std::vector<float>>> stacks(std::size_t(pool.size()));
    parallel_for(pool, std::size_t(h), [&](std::size_t row, int thread) {
        std::vector<std::vector<float>>& stack = stacks[std::size_t(thread)];
        if (stack.empty()) stack.assign(program.size(), std::vector<float>(w));
        const int y = int(row);
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
    });
}

}  // namespace

namespace {

void run_pointwise_expr(const std::string& text, const std::vector<const Plane*>& in, Plane& out, int threads) {
    const pixel::VideoFormat grays{pixel::ColorFamily::Gray, pixel::SampleType::Float, 32, 0, 0};
    pixel::expr::ExprSettings settings;
    settings.expressions = {text};
    settings.threads = threads;
    const std::vector<pixel::VideoFormat> formats(in.size(), grays);
    const pixel::expr::ExprFilter filter(settings, formats, out.width(), out.height());
    // Frames wrap copies of the planes (the Expr engine reads frames); the copies are
    // part of what a chain of separate filters costs.
    std::vector<pixel::Frame> frames;
    std::vector<const pixel::Frame*> pointers;
    frames.reserve(in.size());
    for (const Plane* p : in) {
        frames.emplace_back(grays, p->width(), p->height());
        frames.back().plane(0) = *p;
    }
    for (const auto& f : frames) pointers.push_back(&f);
    pixel::Frame result;
    filter.process(pointers, 0, result);
    out = std::move(result.plane(0));
}

NamedPlanes run_steps(const Model& model, const NamedPlanes& inputs, BorderMode border, int threads,
                      const std::function<std::string(const Step&)>* expr_text) {
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
            planes[step.name] = window_mean(find(step.inputs[0]), step.radius, step.mean, border, threads);
            continue;
        }
        std::vector<const Plane*> in;
        for (const std::string& name : step.inputs) in.push_back(&find(name));
        Plane out = make_float_plane(first->width(), first->height());
        if (expr_text) run_pointwise_expr((*expr_text)(step), in, out, threads);
        else run_pointwise(step, in, out, threads);
        planes[step.name] = std::move(out);
    }
    return planes;
}

}  // namespace

NamedPlanes run_reference_way(const Model& model, const NamedPlanes& inputs, BorderMode border, int threads) {
    return run_steps(model, inputs, border, threads, nullptr);
}

NamedPlanes run_reference_way_expr(const Model& model, const NamedPlanes& inputs, BorderMode border, int threads,
                                   const std::function<std::string(const Step&)>& expr_text) {
    return run_steps(model, inputs, border, threads, &expr_text);
}

}  // namespace rigor::pixel::regress
