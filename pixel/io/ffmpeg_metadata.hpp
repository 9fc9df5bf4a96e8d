// VideoMetadata (pixel/io/video_metadata.hpp) and FFmpeg's fields: the stream's
// codec parameters and frame rate, completed by the first decoded frame (some decoders
// know the colour description only from the bitstream), and the encoder's fields.
#pragma once
#include "pixel/io/ffmpeg_common.hpp"
#include "pixel/io/video_metadata.hpp"

namespace rigor::pixel::ffmpeg {

// What the stream says; fields it leaves unspecified are taken from `first` (may be null).
VideoMetadata metadata_of(const AVStream& stream, const AVFrame* first);
// Sets the encoder's colour fields, siting, field order and pixel aspect.
void apply_metadata(const VideoMetadata& metadata, AVCodecContext& encoder);

}  // namespace rigor::pixel::ffmpeg
