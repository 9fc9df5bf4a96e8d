// The options of the commands that write video (expr, select): how the output is
// written (--container, --codec, --codec-option) and what it says about its frames
// (--chromaloc, --range, --matrix, --primaries, --transfer, --fps, --sar,
// --field-order), each overriding what the first video input says
// (pixel/io/video_metadata.hpp).  Names are FFmpeg's where FFmpeg has them.
#pragma once
#include <string>

#include "cli/common/arguments.hpp"
#include "pixel/io/ffmpeg_writer.hpp"
#include "pixel/io/video_metadata.hpp"

namespace rigor::cli {

// Adds the options to a command's parser.
void add_video_output_options(ArgumentParser& parser);
// Their lines for a command's hand-written --help.
extern const char* const kVideoOutputHelp;

// What the options ask for; throws UsageError for a malformed value, and for encoder
// options given with an output that is not a container (y4m, pictures).
pixel::EncoderChoice encoder_choice(const Arguments& args, const std::string& output);
void apply_metadata_options(const Arguments& args, pixel::VideoMetadata& metadata);

}  // namespace rigor::cli
