// Frame properties given on the command line (y4m carries none): `--prop CLIP.NAME=VALUE`
// (the same value on every frame) and `--prop-file CLIP=FILE.json` (a list of objects,
// one per frame; see pixel/select/property_list.hpp).  CLIP is a clip name of the Expr
// language: x y z a b ... w (clips 0..25) or srcN.  A property a frame lacks is an error
// unless a default is given: `--prop-default NAME=VALUE` (that name, every clip) or
// `--missing-props nan|zero` (every name: akarin.Expr's NaN, akarin.Select's 0).
#pragma once
#include <optional>
#include <span>
#include <string>

#include "filters/expr/properties.hpp"

namespace rigor::cli {

// CLIP.NAME=VALUE
struct PropSetting {
    int clip = 0;
    std::string name;
    double value = 0;
};

// CLIP=FILE
struct PropFileSetting {
    int clip = 0;
    std::string path;
};

// A clip name ("x", "a", "src12") as its index; throws cli::UsageError naming `flag`.
int parse_clip_name(const std::string& text, const std::string& flag);

// Throw cli::UsageError with the expected form and the text given.  A VALUE that is no
// number but a word (not starting with a digit, sign or '.') is a string property, read
// as akarin reads strings (filters/expr/properties.hpp): x._PictType=I is 73.
PropSetting parse_prop_setting(const std::string& text);
PropFileSetting parse_prop_file_setting(const std::string& text);

// The defaults of every `--prop-default NAME=VALUE` (VALUE a number, nan or inf) and the
// `--missing-props` mode (error, nan or zero; the last one given wins); `flags_hint`
// names the flags that supply properties (for the error message).  Throws UsageError.
rigor::expr::MissingProperties parse_missing_properties(std::span<const std::string> defaults,
                                                        std::span<const std::string> modes,
                                                        const std::string& flags_hint);

// Throws rigor::UserError when `clip` is not one of the `clips` inputs.
void check_prop_clip(int clip, std::size_t clips, const std::string& flag);

}  // namespace rigor::cli
