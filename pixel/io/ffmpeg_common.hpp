// What the FFmpeg-backed reader and writer share (internal to pixel/io: only its
// ffmpeg_*.cpp include this header, so no other code sees FFmpeg's types): owning
// handles, error texts, and FFmpeg's log.
//
// FFmpeg prints its warnings and errors to stderr by default.  rigor's commands print
// one line per error, so the log is captured instead (capture_ffmpeg_log, once per
// process): nothing is printed, and the last error-level line is kept to complete
// rigor's own message ("… (FFmpeg: Invalid NAL unit size)").  The log callback is
// FFmpeg's process-wide setting; the captured line is shared by every thread.
#pragma once
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/mem.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace rigor::pixel::ffmpeg {

struct InputDeleter {
    void operator()(AVFormatContext* c) const noexcept { avformat_close_input(&c); }
};
struct OutputDeleter {
    void operator()(AVFormatContext* c) const noexcept { avformat_free_context(c); }
};
struct CodecDeleter {
    void operator()(AVCodecContext* c) const noexcept { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const noexcept { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const noexcept { av_packet_free(&p); }
};
struct ScalerDeleter {
    void operator()(SwsContext* s) const noexcept { sws_freeContext(s); }
};
// A custom AVIOContext and its buffer (FFmpeg may have replaced the buffer).
struct IoDeleter {
    void operator()(AVIOContext* io) const noexcept {
        if (io) av_freep(&io->buffer);
        avio_context_free(&io);
    }
};
using InputHandle = std::unique_ptr<AVFormatContext, InputDeleter>;
using OutputHandle = std::unique_ptr<AVFormatContext, OutputDeleter>;
using CodecHandle = std::unique_ptr<AVCodecContext, CodecDeleter>;
using FrameHandle = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketHandle = std::unique_ptr<AVPacket, PacketDeleter>;
using ScalerHandle = std::unique_ptr<SwsContext, ScalerDeleter>;
using IoHandle = std::unique_ptr<AVIOContext, IoDeleter>;

FrameHandle make_frame();    // throws std::bad_alloc
PacketHandle make_packet();

// What a demuxer said that rigor acts on: the line with which it reported that its file
// ends early ("File ended prematurely", "partial file", "no index at the end"), which
// many demuxers only log, then end the stream as if it were complete.  A reader's
// AVFormatContext has its `opaque` point to one (the callback finds it there), so
// each input keeps its own line.
struct DemuxerLog {
    std::string truncation;
};

// Installs the capturing log callback (the first call; later calls do nothing).
void capture_ffmpeg_log();
// Forgets the captured line (before a call whose failure is to be explained).
void clear_ffmpeg_log();
// av_strerror's text for `error`, followed by the captured line when there is one:
// "Invalid data found when processing input (FFmpeg: EBML header parsing failed)".
std::string error_text(int error);

// AVDictionary owned for the duration of a call.
class Options {
public:
    Options() = default;
    Options(const Options&) = delete;
    Options& operator=(const Options&) = delete;
    ~Options() { av_dict_free(&dict_); }
    void set(const std::string& key, const std::string& value) { av_dict_set(&dict_, key.c_str(), value.c_str(), 0); }
    AVDictionary** get() { return &dict_; }
    // The first entry FFmpeg did not use ("" when every option was taken).
    std::string first_unused() const;

private:
    AVDictionary* dict_ = nullptr;
};

}  // namespace rigor::pixel::ffmpeg
