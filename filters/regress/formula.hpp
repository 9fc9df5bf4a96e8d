// A tiny immutable expression tree for the per-pixel steps of the regression model:
// inputs (by position), numbers, + − × ÷, max, sqrt.  It is the one definition the
// symbolic layer turns into Expr strings, infix text and exact ranges, and the pixel
// layer's reference way evaluates pass by pass.  Numbers keep their double value; their
// exact meaning is the shortest decimal that rounds to it (Python's repr), which is
// also how the reference prints them into Expr strings.
#pragma once
#include <memory>
#include <vector>

namespace rigor::regress {

class Formula {
public:
    enum class Op { input, number, add, sub, mul, div, max, sqrt };

    static Formula input(int index);
    static Formula number(double value);

    Op op() const { return node_->op; }
    int input_index() const { return node_->input; }  // Op::input
    double value() const { return node_->value; }     // Op::number
    const std::vector<Formula>& args() const { return node_->args; }

    // Same tree (inputs by index, numbers by value).
    bool same_as(const Formula& other) const;
    // Evaluates in double with the given inputs (max(a, b) as Expr: a > b ? a : b).
    double evaluate(const double* inputs) const;

    friend Formula operator+(const Formula& a, const Formula& b) { return make(Op::add, {a, b}); }
    friend Formula operator-(const Formula& a, const Formula& b) { return make(Op::sub, {a, b}); }
    friend Formula operator*(const Formula& a, const Formula& b) { return make(Op::mul, {a, b}); }
    friend Formula operator/(const Formula& a, const Formula& b) { return make(Op::div, {a, b}); }
    friend Formula max(const Formula& a, const Formula& b) { return make(Op::max, {a, b}); }
    friend Formula sqrt(const Formula& a) { return make(Op::sqrt, {a}); }

private:
    struct Node {
        Op op;
        int input = 0;
        double value = 0;
        std::vector<Formula> args;
    };
    explicit Formula(std::shared_ptr<const Node> node) : node_(std::move(node)) {}
    static Formula make(Op op, std::vector<Formula> args);
    std::shared_ptr<const Node> node_;
};

}  // namespace rigor::regress
