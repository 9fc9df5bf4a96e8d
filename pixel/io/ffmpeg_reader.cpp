#include "pixel/io/ffmpeg_reader.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "pixel/io/ffmpeg_common.hpp"
#include "pixel/io/ffmpeg_metadata.hpp"
#include "pixel/io/ffmpeg_pixel_format.hpp"

namespace rigor::pixel {

using namespace ffmpeg;

namespace {
constexpr int kIoBuffer = 1 << 16;
// Seeking costs about as much as decoding some frames; nearer targets are decoded to.
constexpr long kSeekDistance = 32;
}  // namespace

struct FfmpegReader::State : DemuxerLog {
    std::string name;
    FfmpegReaderLimits limits;
    std::istream* in = nullptr;  // stream mode
    std::string prefix;
    std::size_t prefix_used = 0;
    // Declared before `format`: the context is closed first, then its custom I/O.
    IoHandle io;
    InputHandle format;
    int (*default_open)(AVFormatContext*, AVIOContext**, const char*, int, AVDictionary**) = nullptr;
    int opens = 0;
    bool refused_open = false;
    AVStream* stream = nullptr;
    CodecHandle codec;
    PacketHandle packet = make_packet();
    FrameHandle decoded = make_frame();
    FrameHandle planar = make_frame();
    ScalerHandle scaler;
    AVPixelFormat source_format = AV_PIX_FMT_NONE, planar_format = AV_PIX_FMT_NONE;
    VideoInfo info;
    bool pending = false;   // `decoded` holds frame next_index
    bool flushing = false;  // the demuxer ended: the decoder is being drained
    long next_index = 0;
    std::int64_t origin = AV_NOPTS_VALUE;  // frame 0's time in stream units

    [[noreturn]] void fail(const std::string& what, int error) const {
        throw UserError(name + ": " + what + ": " + error_text(error));
    }

    void open(const std::string& path);
    void open_decoder();
    bool decode_next();
    void check_frame();
    void check_complete() const;
    void first_frame();
    void convert(Frame& out);
    bool time_seek(long index);
    void rewind_and_drop(long index);
    void drop_until(long index);

    static int read_stream(void* opaque, std::uint8_t* buffer, int size);
    static int open_nested(AVFormatContext* f, AVIOContext** pb, const char* url, int flags, AVDictionary** options);
};

int FfmpegReader::State::read_stream(void* opaque, std::uint8_t* buffer, int size) {
    auto& s = *static_cast<FfmpegReader::State*>(opaque);
    std::size_t n = 0;
    if (s.prefix_used < s.prefix.size()) {
        n = std::min(std::size_t(size), s.prefix.size() - s.prefix_used);
        std::memcpy(buffer, s.prefix.data() + s.prefix_used, n);
        s.prefix_used += n;
    }
    if (n < std::size_t(size) && s.in->good()) {
        s.in->read(reinterpret_cast<char*>(buffer + n), std::streamsize(std::size_t(size) - n));
        n += std::size_t(s.in->gcount());
    }
    return n > 0 ? int(n) : AVERROR_EOF;
}

// The only files FFmpeg may open: the input itself, and an image sequence's pictures.
int FfmpegReader::State::open_nested(AVFormatContext* f, AVIOContext** pb, const char* url, int flags, AVDictionary** options) {
    auto& s = static_cast<FfmpegReader::State&>(*static_cast<DemuxerLog*>(f->opaque));
    const bool sequence = f->iformat && std::strcmp(f->iformat->name, "image2") == 0;
    if ((s.opens++ == 0 && !s.in) || sequence) return s.default_open(f, pb, url, flags, options);
    s.refused_open = true;
    return AVERROR(EPERM);
}

void FfmpegReader::State::open(const std::string& path) {
    capture_ffmpeg_log();
    clear_ffmpeg_log();
    const std::uint64_t allocation =
        limits.max_allocation ? limits.max_allocation : std::min<std::uint64_t>(1ull << 30, physical_memory() / 4);
    av_max_alloc(std::size_t(std::min<std::uint64_t>(allocation, INT_MAX)));
    AVFormatContext* f = avformat_alloc_context();
    if (!f) throw std::bad_alloc();
    f->opaque = static_cast<DemuxerLog*>(this);  // for the log callback and open_nested
    default_open = f->io_open;
    f->io_open = open_nested;
    Options options;
    if (in) {
        auto* buffer = static_cast<unsigned char*>(av_malloc(kIoBuffer));
        io.reset(buffer ? avio_alloc_context(buffer, kIoBuffer, 0, this, read_stream, nullptr, nullptr) : nullptr);
        if (!io) {
            av_free(buffer);
            avformat_free_context(f);
            throw std::bad_alloc();
        }
        f->pb = io.get();
        f->flags |= AVFMT_FLAG_CUSTOM_IO;
    } else {
        options.set("protocol_whitelist", "file");  // local files only, whatever the name looks like
    }
    // "a:b.mkv" would name a protocol "a"; "file:" makes every path a file name.
    const std::string url = in ? "" : (path.find(':') != std::string::npos ? "file:" + path : path);
    const int r = avformat_open_input(&f, in ? nullptr : url.c_str(), nullptr, options.get());
    if (r < 0) {  // avformat_open_input freed the context
        if (!in && (r == AVERROR(ENOENT) || r == AVERROR(EACCES) || r == AVERROR(EISDIR)))
            throw cannot_read(path, std::strerror(AVUNERROR(r)));
        struct stat st {};
        if (!in && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
            throw UserError(name + ": the file is empty (no video)");
        if (refused_open)
            throw UserError(name + ": refers to other files or addresses (a playlist or list?); rigor reads "
                                   "self-contained video files only");
        fail("not a video file FFmpeg can read", r);
    }
    format.reset(f);
    const int info_result = avformat_find_stream_info(f, nullptr);
    if (refused_open)
        throw UserError(name + ": refers to other files or addresses (a playlist or list?); rigor reads "
                               "self-contained video files only");
    if (info_result < 0) fail("damaged or truncated (its streams cannot be read)", info_result);
    open_decoder();
    first_frame();
}

void FfmpegReader::State::open_decoder() {
    const AVCodec* decoder = nullptr;
    const int index = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (index == AVERROR_STREAM_NOT_FOUND) throw UserError(name + ": has no video stream");
    if (index == AVERROR_DECODER_NOT_FOUND || !decoder) {
        const int any = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        const char* codec_name = any >= 0 ? avcodec_get_name(format->streams[any]->codecpar->codec_id) : "?";
        throw UserError(name + ": its video codec '" + codec_name + "' cannot be decoded by this FFmpeg");
    }
    if (index < 0) fail("has no usable video stream", index);
    stream = format->streams[index];
    for (unsigned i = 0; i < format->nb_streams; ++i)
        if (int(i) != index) format->streams[i]->discard = AVDISCARD_ALL;

    const std::uint64_t memory_pixels = physical_memory() / 16;  // 12 bytes a pixel at most, and FFmpeg's copy
    const std::uint64_t max_pixels =
        std::min<std::uint64_t>(limits.max_pixels ? limits.max_pixels : memory_pixels, INT_MAX);
    const AVCodecParameters& p = *stream->codecpar;
    if (p.width < 0 || p.height < 0 || std::uint64_t(p.width) * std::uint64_t(p.height) > max_pixels)
        throw UserError(name + ": a " + std::to_string(p.width) + "x" + std::to_string(p.height) +
                        " video is larger than this machine's memory");
    codec.reset(avcodec_alloc_context3(decoder));
    if (!codec) throw std::bad_alloc();
    int r = avcodec_parameters_to_context(codec.get(), &p);
    if (r < 0) fail("its video stream cannot be decoded", r);
    codec->pkt_timebase = stream->time_base;
    codec->thread_count = limits.threads;
    codec->max_pixels = std::int64_t(max_pixels);
    // Strict decoding: damage is an error, not a concealed picture.
    codec->err_recognition |= AV_EF_CRCCHECK | AV_EF_EXPLODE;
    r = avcodec_open2(codec.get(), decoder, nullptr);
    if (r < 0) fail("its video stream (" + std::string(decoder->name) + ") cannot be decoded", r);
}

bool FfmpegReader::State::decode_next() {
    av_frame_unref(decoded.get());
    for (;;) {
        int r = avcodec_receive_frame(codec.get(), decoded.get());
        if (r == 0) {
            check_frame();
            return true;
        }
        if (r == AVERROR_EOF) return false;
        if (r != AVERROR(EAGAIN)) fail("frame " + std::to_string(next_index) + " cannot be decoded", r);
        r = av_read_frame(format.get(), packet.get());
        if (r == AVERROR_EOF) {
            if (flushing) return false;
            check_complete();
            flushing = true;
            avcodec_send_packet(codec.get(), nullptr);
            continue;
        }
        if (r < 0) fail("damaged or truncated after frame " + std::to_string(next_index), r);
        const bool ours = packet->stream_index == stream->index;
        const bool corrupt = packet->flags & AV_PKT_FLAG_CORRUPT;
        if (ours && !corrupt) r = avcodec_send_packet(codec.get(), packet.get());
        av_packet_unref(packet.get());
        if (ours && corrupt) throw UserError(name + ": damaged data near frame " + std::to_string(next_index));
        if (ours && r < 0 && r != AVERROR(EAGAIN))
            fail("damaged data near frame " + std::to_string(next_index), r);
    }
}

// At the demuxer's end: a file cut short is an error, though most demuxers only log it
// and end the stream; so is one with fewer frames than its index lists.
void FfmpegReader::State::check_complete() const {
    if (!truncation.empty()) throw UserError(name + ": truncated or damaged (FFmpeg: " + truncation + ")");
    if (format->pb && format->pb->error < 0) fail("cannot be read to its end", format->pb->error);
}

void FfmpegReader::State::check_frame() {
    const AVFrame& f = *decoded;
    if ((f.flags & AV_FRAME_FLAG_CORRUPT) || f.decode_error_flags)
        throw UserError(name + ": frame " + std::to_string(next_index) + " is damaged");
    if (source_format == AV_PIX_FMT_NONE) return;  // the first frame sets the shape
    if (f.width != info.width || f.height != info.height || f.format != source_format)
        throw UserError(name + ": frame " + std::to_string(next_index) + " is " + std::to_string(f.width) + "x" +
                        std::to_string(f.height) + " " + name_of(AVPixelFormat(f.format)) + " but frame 0 is " +
                        std::to_string(info.width) + "x" + std::to_string(info.height) + " " +
                        name_of(source_format) + "; rigor needs one size and format per clip");
}

void FfmpegReader::State::first_frame() {
    if (!decode_next()) throw UserError(name + ": has no video frames");
    const AVFrame& f = *decoded;
    source_format = AVPixelFormat(f.format);
    planar_format = planar_equivalent(source_format);
    if (planar_format == AV_PIX_FMT_NONE)
        throw UserError(name + ": its pixel format " + name_of(source_format) +
                        " has no rigor equivalent (rigor holds gray, YUV and RGB planes of 8-16-bit integers or "
                        "32-bit floats)");
    info.format = *direct_format(planar_format);
    info.width = f.width;
    info.height = f.height;
    const std::size_t bytes = packed_frame_bytes(info.format, info.width, info.height);
    if (bytes == 0 || bytes > physical_memory())
        throw UserError(name + ": a " + std::to_string(f.width) + "x" + std::to_string(f.height) +
                        " frame is larger than this machine's memory");
    if (planar_format != source_format) {
        if (!make_relayout(f.width, f.height, source_format, planar_format, scaler, *planar))
            throw UserError(name + ": its pixel format " + std::string(name_of(source_format)) +
                            " cannot be converted to " + name_of(planar_format));
    }
    info.metadata = metadata_of(*stream, &f);
    origin = f.best_effort_timestamp;
    pending = true;
}

void FfmpegReader::State::convert(Frame& out) {
    const AVFrame* src = decoded.get();
    if (scaler) {
        sws_scale(scaler.get(), decoded->data, decoded->linesize, 0, decoded->height, planar->data, planar->linesize);
        src = planar.get();
    }
    if (!(out.format() == info.format) || out.width() != info.width || out.height() != info.height)
        out = Frame(info.format, info.width, info.height);
    out.properties().clear();
    for (int p = 0; p < out.planes(); ++p) {
        Plane& plane = out.plane(p);
        const int q = plane_of(planar_format, p);
        for (int y = 0; y < plane.height(); ++y)
            std::memcpy(plane.row(y), src->data[q] + std::ptrdiff_t(y) * src->linesize[q], plane.row_bytes());
    }
}

void FfmpegReader::State::drop_until(long index) {
    while (next_index < index) {
        if (!pending && !decode_next()) return;
        pending = false;
        ++next_index;
    }
}

void FfmpegReader::State::rewind_and_drop(long index) {
    if (av_seek_frame(format.get(), stream->index, origin, AVSEEK_FLAG_BACKWARD) < 0 &&
        avformat_seek_file(format.get(), stream->index, INT64_MIN, origin, origin, 0) < 0)
        throw UserError(name + ": cannot seek back to its start to find frame " + std::to_string(index));
    avcodec_flush_buffers(codec.get());
    pending = flushing = false;
    next_index = 0;
    drop_until(index);
}

// A time seek to the key frame before `index`, then decoding forward; true when it
// landed on frame `index` exactly as counting from the start would (constant rate, each
// frame's time a whole number of frame durations from frame 0).
bool FfmpegReader::State::time_seek(long index) {
    const AVRational rate = stream->avg_frame_rate;
    if (in || origin == AV_NOPTS_VALUE || rate.num <= 0 || rate.den <= 0 ||
        av_cmp_q(rate, stream->r_frame_rate) != 0 || index - next_index < kSeekDistance)
        return false;
    const double ticks = av_q2d(av_inv_q(rate)) / av_q2d(stream->time_base);  // stream units per frame
    if (!(ticks > 0) || !std::isfinite(ticks)) return false;
    const std::int64_t target = origin + std::llround(double(index) * ticks);
    if (av_seek_frame(format.get(), stream->index, target, AVSEEK_FLAG_BACKWARD) < 0) return false;
    avcodec_flush_buffers(codec.get());
    pending = flushing = false;
    for (;;) {
        if (!decode_next()) break;
        const std::int64_t ts = decoded->best_effort_timestamp;
        if (ts == AV_NOPTS_VALUE) break;
        const double position = double(ts - origin) / ticks;
        const long k = std::lround(position);
        if (std::fabs(position - double(k)) > 0.25 || k > index) break;
        if (k == index) {
            pending = true;
            next_index = index;
            return true;
        }
    }
    rewind_and_drop(index);  // the container's times cannot be trusted: count instead
    return true;
}

FfmpegReader::FfmpegReader(const std::string& path, const FfmpegReaderLimits& limits)
    : s_(std::make_unique<State>()) {
    s_->name = path;
    s_->limits = limits;
    s_->open(path);
}

FfmpegReader::FfmpegReader(std::istream& in, std::string name, std::string prefix, const FfmpegReaderLimits& limits)
    : s_(std::make_unique<State>()) {
    s_->name = std::move(name);
    s_->limits = limits;
    s_->in = &in;
    s_->prefix = std::move(prefix);
    s_->open("");
}

FfmpegReader::~FfmpegReader() = default;

const VideoInfo& FfmpegReader::info() const { return s_->info; }

std::string FfmpegReader::description() const {
    return std::string(s_->format->iformat->name) + " / " + s_->codec->codec->name;
}

std::uint64_t FfmpegReader::frame_count_estimate() const {
    const AVStream& st = *s_->stream;
    if (st.nb_frames > 0) return std::uint64_t(st.nb_frames);
    const double rate = av_q2d(st.avg_frame_rate);
    if (!(rate > 0)) return 0;
    double seconds = 0;
    if (st.duration != AV_NOPTS_VALUE && st.duration > 0) seconds = double(st.duration) * av_q2d(st.time_base);
    else if (s_->format->duration > 0) seconds = double(s_->format->duration) / AV_TIME_BASE;
    return seconds > 0 ? std::uint64_t(std::llround(seconds * rate)) : 0;
}

bool FfmpegReader::read_frame(Frame& frame) {
    if (!s_->pending && !s_->decode_next()) return false;
    s_->convert(frame);
    s_->pending = false;
    ++s_->next_index;
    return true;
}

void FfmpegReader::seek(long index) {
    if (index <= s_->next_index) return;
    if (!s_->time_seek(index)) s_->drop_until(index);
}

}  // namespace rigor::pixel
