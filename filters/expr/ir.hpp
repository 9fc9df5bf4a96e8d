// The Expr intermediate representation: an immutable DAG of operations on binary32.
//
// A postfix program (spec: ../shared/spec/expr-language.md) is parsed once into this
// graph; stack shuffles (dup, swap, drop, sort) and variables (name!, name@) are resolved
// at parse time, so what remains is pure data flow.  Nodes are stored in topological
// order (every argument before its user) and referred to by index (NodeId); the graph is
// never modified, passes build a new one.  Nothing here knows about pixels or files: the
// same graph is evaluated by pixel/expr and converted to algebra by symbolic/expr.
//
// Semantics (the one place they are written down; every evaluator follows them):
// - Values are IEEE-754 binary32; each operation rounds once to nearest-even, no fused
//   multiply-add, no reassociation.  Division by zero gives ±inf, 0/0 NaN.
// - Constants are parsed to the nearest binary32.  FrameNumber, X, Y, Width, Height are
//   exact integers (below 2^24).  X/Y/Width/Height refer to the plane being computed.
// - Truth: a value is true when > 0 (NaN is false).  Comparisons and logic ops give
//   1 or 0.  Not(a) = (a <= 0).  Select(c, t, f) = c > 0 ? t : f, both evaluated.
// - Mod = C fmodf (sign of the dividend).  Min/Max: a < b ? a : b / a > b ? a : b.
//   Clamp(v, lo, hi) = Max(Min(v, hi), lo).
// - Pow(a, b) = exp(b log|a|) in the engine's exp and log (pixel/expr/vector_math.hpp,
//   vmath::pow, vectorised, the same bits in the interpreter and generated code), with C
//   powf's signs and special cases (C11 F.10.4.4): an odd integer b keeps the sign of a,
//   a finite a < 0 with a non-integer b is NaN, pow(a, ±0) = pow(1, b) = pow(-1, ±inf) = 1;
//   the exponents 2, 1 and 0.5 are exactly a * a, a and sqrt (correctly rounded); other
//   results within about |b log a| 2^-22 relative of powf.  Every NaN is one quiet NaN.
// - Sqrt(a) = a > 0 ? sqrtf(a) : 0 (negatives and NaN give 0).  Log, Exp, Sin, Cos as
//   logf, expf, sinf, cosf (evaluators may use approximations within 1e-4 relative or
//   1e-6 absolute; integer results of the golden cases must still match).  That bound
//   holds for |a| < 2^22 pi/2 only: beyond, no binary32 reduction by pi/2 is meaningful,
//   and rigor's engine gives numbers of magnitude about 1 up to about 2^26, then ever
//   larger ones and ±inf (past about 2^42; vector_math.hpp sincos_parts).  Its accuracy
//   table flags those slices, and `rigor analyse` bounds such arguments by it.
// - Trunc/Floor as C; Round = round half to even (2.5 -> 2, 3.5 -> 4).
// - Ceil as C ceilf; it is exactly -Floor(-a), signed zeros included (ceil(-0.5) = -0).
//   Sign(a) = (a > 0) - (a < 0): 1, -1, or +0 for ±0 and NaN.  Both are rigor extensions
//   (cranexpr/llvmexpr have ceil and sgn; akarin does not): ParseOptions::akarin refuses them.
// - Tan, Asin, Acos, Atan as tanf, asinf, acosf, atanf; Atan2(y, x) (postfix `y x atan2`)
//   as atan2f(y, x), C's special cases included (C11 F.10.1.4: atan2(±0, +0) = ±0,
//   atan2(±0, -0) = ±pi, atan2(±0, 0) is no error).  |a| > 1 for asin/acos gives NaN; tan
//   of |a| >= 2^22 pi/2 (no meaningful binary32 reduction) and of ±inf gives NaN.  Like
//   sin and cos, evaluators may approximate them (rigor's engine: within 3 ulp of the real
//   function for asin, acos, atan, atan2; tan 5 ulp below 2^10 away from its poles, up to
//   about 2^-14 relative next to them; pixel/expr/vector_math_trig.hpp).  Rigor extensions: akarin has
//   none of them, ParseOptions::akarin refuses them.
// - Bit ops: operands rounded half to even to int32 (saturating; NaN -> 0); result is
//   that int32 as a float.  BitNot(0) = -1.
// - SortedNth{k}(v0..vn-1): the k-th smallest (k = 0 smallest) by `<` with ties kept in
//   argument order (a stable sort); a NaN argument makes the results unspecified but
//   deterministic.  ArgMin/ArgMax: index of the first minimum/maximum.
//   ArgSortNth{k}: index (in argument order) of the k-th smallest.
// - Load{clip, dx, dy, boundary}: sample of clip at (X+dx, Y+dy) of the current plane.
//   Outside the plane, Clamp repeats the edge; Mirror reflects edge-inclusively (-1 -> 0,
//   -2 -> 1, w -> w-1, w+1 -> w-2), repeatedly for offsets beyond the plane size.
//   Boundary::Default means the filter's setting (default Clamp).
// - LoadAbsolute{clip}(cx, cy): coordinates rounded half to even, then clamped to the
//   plane (NaN -> 0).
// - Property{clip, name}: the frame property of clip's current frame as binary32.  A
//   string property reads the code of its first byte, as akarin does (a signed char:
//   "I" = 73, "P" = 80, "B" = 66, "" = 0, bytes >= 0x80 read byte - 256).  A property the
//   frame lacks is an error unless a default is given (akarin: NaN in Expr, 0 in Select);
//   filters/expr/properties.hpp holds both rules.
// - WindowSum{clip, dx, dy, window_width, window_height, boundary}: the sum of the
//   samples Load{clip, dx+i, dy+j, boundary} over the window 0 <= i < window_width,
//   0 <= j < window_height.  Never parsed: the window-sum pass (window_sum.hpp) forms it
//   from an add chain over exactly those loads only where the samples are integers and
//   every partial sum stays below 2^24, so each binary32 addition of the chain is exact
//   and the sum is the same in any order (evaluators may use running sums).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rigor::expr {

enum class Op : std::uint8_t {
    // leaves
    Constant, Load, Property, FrameNumber, X, Y, Width, Height,
    // arithmetic
    Add, Sub, Mul, Div, Mod, Pow, Max, Min, Clamp,
    Abs, Sqrt, Exp, Log, Sin, Cos, Trunc, Round, Floor,
    // comparisons and logic (results 0/1)
    Gt, Lt, Eq, Ge, Le, And, Or, Xor, Not,
    // bit operations on int32
    BitAnd, BitOr, BitXor, BitNot,
    // Select(c, t, f)
    Select,
    // absolute pixel access: LoadAbsolute(cx, cy)
    LoadAbsolute,
    // order statistics over any number of arguments
    SortedNth, ArgMin, ArgMax, ArgSortNth,
    // rounding up and the sign (rigor extensions, after the peers cranexpr and llvmexpr)
    Ceil, Sign,
    // the other trigonometric functions (rigor extensions, as cranexpr and llvmexpr)
    Tan, Asin, Acos, Atan, Atan2,
    // the sum of a rectangle of loads (formed by the window-sum pass, never parsed)
    WindowSum,
};

enum class Boundary : std::uint8_t { Default, Clamp, Mirror };

// The clip names: clips 0..25 are these letters (x y z a b ... w), every clip also srcN.
inline constexpr std::string_view kClipLetters = "xyzabcdefghijklmnopqrstuvw";

using NodeId = std::uint32_t;

struct Node {
    Op op = Op::Constant;
    float value = 0;                       // Constant
    int clip = 0;                          // Load, LoadAbsolute, Property
    int dx = 0, dy = 0;                    // Load; WindowSum: the window's first offset
    int window_width = 0, window_height = 0;  // WindowSum: columns and rows summed
    Boundary boundary = Boundary::Default; // Load, WindowSum
    int rank = 0;                          // SortedNth, ArgSortNth
    std::string name;                      // Property
    std::vector<NodeId> args;              // operands, in stack order (deepest first)

    friend bool operator==(const Node&, const Node&) = default;
};

// Fixed facts about an operation.  arity -1: any number of arguments (order statistics).
struct OpInfo {
    std::string_view name;  // the postfix token ("+", "sqrt", "?"), or a descriptive name
    int arity;
    bool commutative;       // of two arguments, exactly (IEEE add/mul/min/max/eq/and/or...)
};
const OpInfo& op_info(Op op);

// An immutable expression graph with one root.
class Expr {
public:
    Expr(std::vector<Node> nodes, NodeId root);

    const std::vector<Node>& nodes() const { return nodes_; }
    const Node& node(NodeId id) const { return nodes_[id]; }
    NodeId root() const { return root_; }
    std::size_t size() const { return nodes_.size(); }

    // Largest clip index referenced, or -1 when none.
    int max_clip() const;
    // Whether any node has operation op.
    bool uses(Op op) const;

private:
    std::vector<Node> nodes_;
    NodeId root_;
};

// Appends nodes in topological order (each argument must already exist).
class ExprBuilder {
public:
    NodeId add(Node node);
    NodeId constant(float v);
    NodeId op(Op o, std::vector<NodeId> args);
    const Node& node(NodeId id) const { return nodes_[id]; }
    // Keeps only the nodes reachable from root, renumbered in order.
    Expr finish(NodeId root) &&;

private:
    std::vector<Node> nodes_;
};

}  // namespace rigor::expr
