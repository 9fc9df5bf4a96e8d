#include "filters/regress/formula.hpp"

#include <cmath>

namespace rigor::regress {

Formula Formula::input(int index) { return Formula(std::make_shared<const Node>(Node{Op::input, index, 0, {}})); }
Formula Formula::number(double value) { return Formula(std::make_shared<const Node>(Node{Op::number, 0, value, {}})); }
Formula Formula::make(Op op, std::vector<Formula> args) {
    return Formula(std::make_shared<const Node>(Node{op, 0, 0, std::move(args)}));
}

bool Formula::same_as(const Formula& other) const {
    if (op() != other.op()) return false;
    if (op() == Op::input) return input_index() == other.input_index();
    if (op() == Op::number) return value() == other.value();
    if (args().size() != other.args().size()) return false;
    for (std::size_t i = 0; i < args().size(); ++i)
        if (!args()[i].same_as(other.args()[i])) return false;
    return true;
}

double Formula::evaluate(const double* inputs) const {
    switch (op()) {
        case Op::input: return inputs[input_index()];
        case Op::number: return value();
        case Op::sqrt: return std::sqrt(args()[0].evaluate(inputs));
        default: break;
    }
    const double a = args()[0].evaluate(inputs), b = args()[1].evaluate(inputs);
    switch (op()) {
        case Op::add: return a + b;
        case Op::sub: return a - b;
        case Op::mul: return a * b;
        case Op::div: return a / b;
        case Op::max: return a > b ? a : b;
        default: return 0;
    }
}

}  // namespace rigor::regress
