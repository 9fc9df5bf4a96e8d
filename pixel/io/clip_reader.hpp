// One input clip for a command, chosen by its name:
//   - "-": standard input, a y4m stream (what vspipe and `ffmpeg -f yuv4mpegpipe`
//     write) or any stream FFmpeg can read from a pipe (`ffmpeg -f matroska -` …);
//   - *.y4m: rigor's y4m reader (vspipe's float tags too);
//   - *.png *.tif *.tiff *.pfm: a single picture, which acts as a still frame;
//   - anything else, including picture sequences (frame_%05d.png) and *.exr: FFmpeg
//     (pixel/io/ffmpeg_reader.hpp): mkv, mp4, mov, nut, avi, FFV1, ProRes, H.264 ….
// Every frame carries the clip's metadata as VapourSynth frame properties
// (video_metadata.hpp: _ChromaLocation, _ColorRange, _Matrix, …).
#pragma once
#include <cstdint>
#include <fstream>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

#include "pixel/io/ffmpeg_reader.hpp"
#include "pixel/io/frame.hpp"
#include "pixel/io/video_metadata.hpp"
#include "pixel/io/y4m.hpp"

namespace rigor::pixel {

class ClipReader {
public:
    // Opens and reads the header (or the whole picture, or FFmpeg's first frame);
    // throws rigor::IoError ("cannot read 'PATH': …") or rigor::UserError (not video).
    explicit ClipReader(const std::string& path);
    ClipReader(const ClipReader&) = delete;
    ClipReader& operator=(const ClipReader&) = delete;
    ~ClipReader();

    const std::string& path() const { return path_; }
    const VideoInfo& info() const { return info_; }
    const VideoInfo& header() const { return info_; }
    const VideoFormat& format() const { return info_.format; }
    const VideoMetadata& metadata() const { return info_.metadata; }
    int width() const { return info_.width; }
    int height() const { return info_.height; }
    bool is_still() const { return !y4m_ && !ffmpeg_; }
    // Frames the input announces (for progress; 0: unknown, 1 for a still).
    std::uint64_t frame_count_estimate() const { return frame_estimate_; }

    // The next frame; false at the end of a stream.  A still gives its picture every
    // time.
    bool next(Frame& frame);
    // Makes the next next() return frame `index` (only forward), as reading and
    // dropping the frames before it would, but seeking where FFmpeg's container allows.
    void seek(long index);

private:
    class PrefixedBuffer;

    std::string path_;
    std::ifstream file_;
    std::unique_ptr<PrefixedBuffer> stdin_buffer_;  // y4m on stdin: the bytes peeked, then stdin
    std::unique_ptr<std::istream> stdin_stream_;
    std::unique_ptr<Y4mReader> y4m_;
    std::unique_ptr<FfmpegReader> ffmpeg_;
    Frame still_;
    VideoInfo info_;
    std::uint64_t frame_estimate_ = 0;
    long next_index_ = 0;
};

// Frames a command reading `clips` together can write, as far as they announce them:
// the shortest video's estimate (stills do not count; 1 when all are stills; 0 unknown).
std::uint64_t shortest_frame_count(const std::vector<std::unique_ptr<ClipReader>>& clips);

}  // namespace rigor::pixel
