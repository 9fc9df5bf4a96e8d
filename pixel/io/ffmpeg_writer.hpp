// Video out through FFmpeg's libraries: a container chosen by the file name's extension
// (or by name: matroska, nut, mov, mp4, avi, …) and an encoder, lossless by default:
//   - FFV1 (level 3, every frame a key frame, slice CRCs) in every container that holds
//     it (mkv, nut, avi, mov);
//   - lossless H.264 (libx264, qp 0) in mp4, which holds no FFV1;
//   - any other FFmpeg encoder by name (EncoderChoice; no command offers it yet).
// Samples are never changed: the encoder must take the frame's samples in some layout
// (the planes as they are, or packed as bgr0/nv12, a swscale re-layout), else the
// writer refuses before anything is written, naming what would hold them.  Float
// samples fit no FFmpeg 5.1 video codec; they go to EXR pictures (encode_picture).
// The metadata (pixel/io/video_metadata.hpp) goes into the encoder and the container
// (Matroska and MP4 with H.264 keep all of it; NUT only the rate and pixel aspect).
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "pixel/io/frame.hpp"
#include "pixel/io/video_metadata.hpp"

namespace rigor::pixel {

struct EncoderChoice {
    std::string container;  // FFmpeg muxer name; "": from the file name
    std::string codec;      // FFmpeg encoder name; "": the container's lossless default
    std::vector<std::pair<std::string, std::string>> codec_options;  // passed to the encoder
};

class FfmpegWriter {
public:
    // Checks everything (container, encoder, samples, options) and writes the header to
    // `out`; `seekable`: `out` can seek back (a regular file), so containers write their
    // index.  `name` picks the container and appears in messages.  Throws
    // rigor::UserError for what cannot be written, rigor::IoError when `out` fails.
    FfmpegWriter(std::ostream& out, bool seekable, const std::string& name, const VideoInfo& info,
                 const EncoderChoice& choice);
    FfmpegWriter(const FfmpegWriter&) = delete;
    FfmpegWriter& operator=(const FfmpegWriter&) = delete;
    ~FfmpegWriter();

    // Frames of info's format and size, in order.
    void write_frame(const Frame& frame);
    // Drains the encoder and writes the container's trailer.
    void finish();

    // "matroska / ffv1".
    std::string description() const;

private:
    struct State;
    std::unique_ptr<State> s_;
};

// Whether FFmpeg knows a container for this file name (by extension).
bool ffmpeg_container_known(const std::string& name);

// One frame as a complete picture file of an FFmpeg picture encoder ("exr": binary32
// gray or RGB, uncompressed); throws rigor::UserError when the encoder cannot hold it.
std::string encode_picture(const Frame& frame, const std::string& codec, const std::string& name);

}  // namespace rigor::pixel
