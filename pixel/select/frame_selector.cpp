#include "pixel/select/frame_selector.hpp"

#include <algorithm>
#include <cmath>

#include "filters/base/error.hpp"
#include "filters/expr/parser.hpp"
#include "filters/expr/scalar.hpp"

namespace rigor::pixel::select {

using rigor::expr::Node;
using rigor::expr::NodeId;
using rigor::expr::Op;

namespace {

rigor::expr::Expr parse_select(std::string_view program, int clips, bool akarin) {
    if (clips < 1) throw UserError("select needs at least one candidate clip");
    rigor::expr::ParseOptions options;
    options.akarin = akarin;
    options.clips = clips;
    options.pixels = false;
    try {
        return rigor::expr::parse(program, options);
    } catch (const InternalError&) {
        throw;
    } catch (const UserError& e) {
        std::string message = std::string("select expression: ") + e.what();
        // The parser's words are generic; say what select can read instead.
        if (message.find("pixel values are not available") != std::string::npos)
            message += "; select reads only frame properties (x.Name), N and constants";
        throw UserError(message);
    }
}

}  // namespace

FrameSelector::FrameSelector(std::string_view program, int clips)
    : FrameSelector(program, clips, rigor::expr::MissingProperties{}) {}

FrameSelector::FrameSelector(std::string_view program, int clips, rigor::expr::MissingProperties missing, bool akarin)
    : program_(parse_select(program, clips, akarin)), clips_(clips), missing_(std::move(missing)) {
    for (const Node& n : program_.nodes())
        if (n.op == Op::Property &&
            std::find(read_.begin(), read_.end(), std::pair(n.clip, n.name)) == read_.end())
            read_.emplace_back(n.clip, n.name);
}

float FrameSelector::evaluate(std::span<const FrameProperties* const> properties, long frame) const {
    if (properties.size() != std::size_t(clips_))
        throw InternalError("FrameSelector::evaluate: properties for " + std::to_string(properties.size()) +
                            " clips, expected " + std::to_string(clips_));
    // Nodes are in topological order: one pass, each value computed once.
    std::vector<float> value(program_.size());
    std::vector<float> args;
    for (NodeId id = 0; id < program_.size(); ++id) {
        const Node& n = program_.node(id);
        switch (n.op) {
            case Op::Constant: value[id] = n.value; break;
            case Op::FrameNumber: value[id] = float(frame); break;
            case Op::Property: {
                value[id] = float(rigor::expr::read_property(*properties[std::size_t(n.clip)], n.name, n.clip, frame,
                                                             missing_, "the select expression"));
                break;
            }
            default:
                args.clear();
                for (NodeId a : n.args) args.push_back(value[a]);
                value[id] = rigor::expr::apply_scalar(n, args);
        }
    }
    return value[program_.root()];
}

int FrameSelector::choose(std::span<const FrameProperties* const> properties, long frame) const {
    return clip_index(evaluate(properties, frame), clips_);
}

int clip_index(float value, int clips) noexcept {
    if (!(value == value)) return 0;
    float r = std::round(value);  // half away from zero
    if (r <= 0) return 0;
    if (r >= float(clips - 1)) return clips - 1;
    return int(r);
}

}  // namespace rigor::pixel::select
