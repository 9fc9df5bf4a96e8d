// Frame selection by property expressions (akarin.Select; spec: expr-language.md,
// "Frame selection (Select)").
//
// For output frame N the program is evaluated once on the frame properties of the
// candidate clips' frame N (x.Name, y.Name, ...; a missing one is an error unless a default
// is given: filters/expr/properties.hpp), the frame number N and
// constants, with the semantics of filters/expr/ir.hpp (binary32, argminN / argmaxN /
// argsortN included).  The result is rounded half away from zero and clamped to
// [0, clips - 1]: that clip's frame N is output.  rigor: a NaN result selects clip 0
// (as NaN written to an integer plane becomes 0).
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "filters/expr/ir.hpp"
#include "filters/expr/properties.hpp"
#include "pixel/io/frame.hpp"

namespace rigor::pixel::select {

class FrameSelector {
public:
    // Parses the program for `clips` candidate clips.  Throws rigor::UserError for a
    // malformed program, a pixel reference (x, x[1,0], X, width, ...) or a clip beyond
    // the candidates, naming the token and its position.
    FrameSelector(std::string_view program, int clips);
    // The same, with what a property a frame lacks reads as (default: an error); `akarin`
    // refuses what akarin.Select does not have (ceil, sgn).
    FrameSelector(std::string_view program, int clips, rigor::expr::MissingProperties missing, bool akarin = false);

    int clips() const { return clips_; }
    // The (clip, name) pairs the program reads, each once: what a property source
    // must provide.
    const std::vector<std::pair<int, std::string>>& properties_read() const { return read_; }

    // The program's value; properties[i] belongs to clip i (properties.size() == clips()).
    // Throws rigor::UserError for a property that is missing and has no default.
    float evaluate(std::span<const FrameProperties* const> properties, long frame) const;
    // The chosen clip: evaluate() rounded and clamped by clip_index().
    int choose(std::span<const FrameProperties* const> properties, long frame) const;

private:
    rigor::expr::Expr program_;
    int clips_;
    rigor::expr::MissingProperties missing_;
    std::vector<std::pair<int, std::string>> read_;
};

// A program value as a clip index: round half away from zero (2.5 -> 3, -0.5 -> -1),
// clamp to [0, clips - 1]; NaN -> 0.
int clip_index(float value, int clips) noexcept;

}  // namespace rigor::pixel::select
