// Video through FFmpeg's libraries: any container and codec this FFmpeg decodes (mkv,
// mp4, mov, nut, avi, FFV1, ProRes, H.264, image sequences such as frame_%05d.exr …),
// as rigor frames of the same samples (pixel/io/ffmpeg_pixel_format.hpp: planes copied
// or only re-laid-out, never rescaled or converted between families) and the stream's
// metadata (pixel/io/ffmpeg_metadata.hpp).
//
// Hostile files give one clear rigor::UserError naming the file, and nothing is
// allocated for sizes beyond the machine's memory (FFmpeg's own limit max_pixels is set
// from it).  Decoding is strict: a damaged packet, a frame the decoder marks corrupt or
// a CRC mismatch is an error, not a concealed picture.  A file may not make FFmpeg open
// anything else (playlists, concatenation lists, URLs), except the pictures of an image
// sequence, whose names come from the user's own pattern.
#pragma once
#include <cstdint>
#include <istream>
#include <memory>
#include <string>

#include "pixel/io/frame.hpp"
#include "pixel/io/video_metadata.hpp"

namespace rigor::pixel {

struct FfmpegReaderLimits {
    std::uint64_t max_pixels = 0;  // per frame; 0: what the machine's memory can hold
    int threads = 0;               // decoder threads; 0: FFmpeg's choice (every core)
    // The largest single block FFmpeg may allocate (av_max_alloc; 0: 1 GiB, or a quarter
    // of the memory when that is less).  A few bytes of a hostile mp4 can claim sample
    // tables of gigabytes, which FFmpeg would otherwise allocate before reading them;
    // 1 GiB still holds a 16-bit plane of 16384x16384 and any sane packet.  FFmpeg keeps
    // this limit for the whole process: the last reader opened sets it.
    std::uint64_t max_allocation = 0;
};

class FfmpegReader {
public:
    // Opens `path` and decodes the first frame (so a file that cannot give one fails
    // here).  Throws rigor::IoError when it cannot be read at all, rigor::UserError when
    // it is not video FFmpeg can decode.
    explicit FfmpegReader(const std::string& path, const FfmpegReaderLimits& limits = {});
    // The same from a stream (standard input, a fuzzer's bytes): `prefix` holds bytes
    // already taken from `in`; `name` appears in messages.  Not seekable.
    FfmpegReader(std::istream& in, std::string name, std::string prefix, const FfmpegReaderLimits& limits = {});
    FfmpegReader(const FfmpegReader&) = delete;
    FfmpegReader& operator=(const FfmpegReader&) = delete;
    ~FfmpegReader();

    const VideoInfo& info() const;
    // "matroska,webm / ffv1": the demuxer and decoder, for messages.
    std::string description() const;
    // Frames the container announces (or its duration implies); 0: unknown.  For
    // progress only: the stream may hold more or fewer.
    std::uint64_t frame_count_estimate() const;

    // The next frame in presentation order; false at the end.  Throws rigor::UserError
    // for a damaged stream or a frame whose size or format differs from the first.
    bool read_frame(Frame& frame);
    // Makes the next read_frame() return frame `index` (counted from 0 in presentation
    // order; only forward).  Seeks by time where the container has an index and a
    // constant frame rate, checking the landing frame's time, and otherwise decodes and
    // drops frames: the frame returned is the same either way.  Past the end, the next
    // read_frame() returns false.
    void seek(long index);

private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace rigor::pixel
