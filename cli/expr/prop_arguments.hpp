// Frame properties given on the command line (y4m carries none): `--prop CLIP.NAME=VALUE`
// (the same value on every frame) and `--prop-file CLIP=FILE.json` (a list of objects,
// one per frame; see pixel/select/property_list.hpp).  CLIP is a clip name of the Expr
// language: x y z a b ... w (clips 0..25) or srcN.
#pragma once
#include <string>

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

// Throw cli::UsageError with the expected form and the text given.
PropSetting parse_prop_setting(const std::string& text);
PropFileSetting parse_prop_file_setting(const std::string& text);

// Throws rigor::UserError when `clip` is not one of the `clips` inputs.
void check_prop_clip(int clip, std::size_t clips, const std::string& flag);

}  // namespace rigor::cli
