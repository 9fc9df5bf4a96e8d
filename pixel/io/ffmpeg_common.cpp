#include "pixel/io/ffmpeg_common.hpp"

#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <new>

namespace rigor::pixel::ffmpeg {

namespace {
std::mutex log_mutex;
std::string last_error_line;  // guarded by log_mutex

// Words with which FFmpeg 5.1's demuxers say a file was cut short (matroska, mov/mp4,
// nut, and the generic ones).
constexpr const char* kTruncationWords[] = {"ended prematurely", "partial file", "no index at the end",
                                            "truncated", "Truncated", "unexpected end", "Unexpected end"};

// The reader's DemuxerLog when `avcl` is one of its format contexts (the writer's and
// FFmpeg's own nested contexts leave `opaque` null).
DemuxerLog* demuxer_log_of(void* avcl) {
    if (!avcl || *static_cast<const AVClass**>(avcl) != avformat_get_class()) return nullptr;
    auto* f = static_cast<AVFormatContext*>(avcl);
    return f->iformat ? static_cast<DemuxerLog*>(f->opaque) : nullptr;
}

extern "C" void keep_error_line(void* avcl, int level, const char* format, va_list args) {
    if (level > AV_LOG_WARNING) return;
    char text[1024];
    int prefix = 0;  // no "[matroska @ 0x…]": the message alone
    av_log_format_line2(avcl, level, format, args, text, sizeof text, &prefix);
    std::string line = text;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.empty()) return;
    if (DemuxerLog* log = demuxer_log_of(avcl))
        for (const char* word : kTruncationWords)
            if (line.find(word) != std::string::npos) log->truncation = line;
    if (level > AV_LOG_ERROR) return;
    std::lock_guard lock(log_mutex);
    last_error_line = std::move(line);
}
}  // namespace

FrameHandle make_frame() {
    FrameHandle f(av_frame_alloc());
    if (!f) throw std::bad_alloc();
    return f;
}

PacketHandle make_packet() {
    PacketHandle p(av_packet_alloc());
    if (!p) throw std::bad_alloc();
    return p;
}

void capture_ffmpeg_log() {
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_callback(keep_error_line); });
}

void clear_ffmpeg_log() {
    std::lock_guard lock(log_mutex);
    last_error_line.clear();
}

std::string error_text(int error) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(error, text, sizeof text);
    std::string out = text;
    std::lock_guard lock(log_mutex);
    if (!last_error_line.empty() && last_error_line != out) out += " (FFmpeg: " + last_error_line + ")";
    return out;
}

std::string Options::first_unused() const {
    const AVDictionaryEntry* e = av_dict_get(dict_, "", nullptr, AV_DICT_IGNORE_SUFFIX);
    return e ? e->key : "";
}

}  // namespace rigor::pixel::ffmpeg
