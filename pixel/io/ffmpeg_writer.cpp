#include "pixel/io/ffmpeg_writer.hpp"

#include <cstring>
#include <set>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "pixel/io/ffmpeg_common.hpp"
#include "pixel/io/ffmpeg_metadata.hpp"
#include "pixel/io/ffmpeg_pixel_format.hpp"

namespace rigor::pixel {

using namespace ffmpeg;

namespace {
constexpr int kIoBuffer = 1 << 18;

bool is_video_container(const AVOutputFormat* f) {
    return f && f->video_codec != AV_CODEC_ID_NONE && !(f->flags & AVFMT_NOFILE) &&
           std::strncmp(f->name, "image2", 6) != 0;
}

// What the encoder takes of `planar`: the format itself, else a re-layout of the same
// samples (bgr0 for gbrp, nv12 for yuv420p); NONE when it takes neither.
AVPixelFormat encoder_layout(const AVCodec& encoder, AVPixelFormat planar) {
    if (!encoder.pix_fmts) return planar;
    for (const AVPixelFormat* f = encoder.pix_fmts; *f != AV_PIX_FMT_NONE; ++f)
        if (*f == planar) return planar;
    for (const AVPixelFormat* f = encoder.pix_fmts; *f != AV_PIX_FMT_NONE; ++f)
        if (planar_equivalent(*f) == planar) return *f;
    return AV_PIX_FMT_NONE;
}

// "yuv420p8, yuv420p10, gray8": the rigor formats an encoder takes.
std::string formats_taken(const AVCodec& encoder) {
    std::set<std::string> names;
    if (encoder.pix_fmts)
        for (const AVPixelFormat* f = encoder.pix_fmts; *f != AV_PIX_FMT_NONE; ++f)
            if (const std::optional<VideoFormat> v = direct_format(planar_equivalent(*f))) names.insert(v->name());
    std::string text;
    for (const std::string& n : names) text += (text.empty() ? "" : " ") + n;
    return text.empty() ? "none of rigor's" : text;
}

// Points `f` at the planes of `frame` (FFmpeg's plane order), without copying.
void borrow_planes(const Frame& frame, AVPixelFormat format, AVFrame& f) {
    f.format = format;
    f.width = frame.width();
    f.height = frame.height();
    for (int p = 0; p < frame.planes(); ++p) {
        const int q = plane_of(format, p);
        f.data[q] = const_cast<std::uint8_t*>(reinterpret_cast<const std::uint8_t*>(frame.plane(p).row(0)));
        f.linesize[q] = int(frame.plane(p).stride());
    }
}
}  // namespace

struct FfmpegWriter::State {
    std::string name;
    std::ostream* out = nullptr;
    bool seekable = false;
    VideoInfo info;
    IoHandle io;  // declared before `format`: freed after it
    OutputHandle format;
    CodecHandle codec;
    AVStream* stream = nullptr;
    AVPixelFormat planar = AV_PIX_FMT_NONE, layout = AV_PIX_FMT_NONE;
    ScalerHandle scaler;
    FrameHandle input = make_frame();
    FrameHandle staged = make_frame();
    PacketHandle packet = make_packet();
    std::int64_t frames = 0;
    bool out_failed = false;

    [[noreturn]] void fail(const std::string& what, int error) const {
        if (out_failed) throw cannot_write(name, "the disk is full or the reader went away");
        throw UserError(name + ": " + what + ": " + error_text(error));
    }

    static int write_packet(void* opaque, std::uint8_t* data, int size) {
        auto& s = *static_cast<State*>(opaque);
        s.out->write(reinterpret_cast<const char*>(data), size);
        if (!*s.out) {
            s.out_failed = true;
            return AVERROR(EIO);
        }
        return size;
    }
    static std::int64_t seek(void* opaque, std::int64_t offset, int whence) {
        auto& s = *static_cast<State*>(opaque);
        std::ostream& o = *s.out;
        if (whence & AVSEEK_SIZE) {
            const auto here = o.tellp();
            o.seekp(0, std::ios::end);
            const auto size = o.tellp();
            o.seekp(here);
            return o ? std::int64_t(size) : -1;
        }
        const std::ios::seekdir dir = (whence & 3) == SEEK_CUR ? std::ios::cur : (whence & 3) == SEEK_END ? std::ios::end
                                                                                                  : std::ios::beg;
        o.seekp(offset, dir);
        return o ? std::int64_t(o.tellp()) : -1;
    }

    const AVCodec& choose_encoder(const AVOutputFormat& container, const EncoderChoice& choice, Options& options);
    void open(const EncoderChoice& choice);
    void drain();
};

const AVCodec& FfmpegWriter::State::choose_encoder(const AVOutputFormat& container, const EncoderChoice& choice,
                                                    Options& options) {
    std::string encoder_name = choice.codec;
    if (encoder_name.empty()) {
        if (info.format.is_float())
            throw UserError(name + ": FFmpeg 5.1 has no video codec for float samples (" + info.format.name() +
                            "); write EXR pictures (name_%05d.exr, or one .exr frame), rigor's y4m (.y4m; FFmpeg "
                            "cannot read float y4m), or integer samples (--format, e.g. gray16)");
        if (avformat_query_codec(&container, AV_CODEC_ID_FFV1, FF_COMPLIANCE_NORMAL) == 1) {
            encoder_name = "ffv1";
            options.set("level", "3");
            options.set("g", "1");  // every frame a key frame: frame-accurate seeking
            options.set("slicecrc", "1");
            options.set("coder", "range_def");
        } else if (avformat_query_codec(&container, AV_CODEC_ID_H264, FF_COMPLIANCE_NORMAL) == 1 &&
                   avcodec_find_encoder_by_name("libx264")) {
            encoder_name = "libx264";
            options.set("qp", "0");  // lossless (transform bypass)
        } else {
            throw UserError(name + ": the " + container.name + " container holds neither FFV1 nor H.264, rigor's "
                            "lossless codecs; write .mkv, .nut or .mov");
        }
    }
    const AVCodec* encoder = avcodec_find_encoder_by_name(encoder_name.c_str());
    if (!encoder || encoder->type != AVMEDIA_TYPE_VIDEO)
        throw UserError(name + ": this FFmpeg has no video encoder '" + encoder_name + "' (`ffmpeg -encoders` lists them)");
    if (avformat_query_codec(&container, encoder->id, FF_COMPLIANCE_NORMAL) == 0)
        throw UserError(name + ": the " + container.name + " container cannot hold " + encoder->name +
                        " (try .mkv, .nut or .mov)");
    if (encoder->id == AV_CODEC_ID_FFV1) {
        // FFmpeg 5.1's FFV1 (level 1 and 3, any slice count) garbles frames 1 pixel wide
        // or high, and with its default slicing (at least 2x2 slices) frames under 3
        // pixels wide or high; one slice reproduces every frame from 2x2 (measured on
        // gray, 4:2:0, 4:4:4 and RGB at 8 and 16 bits; tests/video_io checks the sizes).
        if (info.width < 2 || info.height < 2)
            throw UserError(name + ": FFV1 (FFmpeg 5.1) does not reproduce frames narrower or shorter than 2 "
                            "pixels exactly (these are " + std::to_string(info.width) + "x" +
                            std::to_string(info.height) + "); write y4m (.y4m) or pictures (.png, .tif)");
        if (info.width < 3 || info.height < 3) options.set("slices", "1");
    }
    for (const auto& [key, value] : choice.codec_options) options.set(key, value);
    return *encoder;
}

void FfmpegWriter::State::open(const EncoderChoice& choice) {
    capture_ffmpeg_log();
    clear_ffmpeg_log();
    const AVOutputFormat* container =
        av_guess_format(choice.container.empty() ? nullptr : choice.container.c_str(), name.c_str(), nullptr);
    if (!choice.container.empty() && (!container || choice.container != container->name))
        throw UserError("no FFmpeg container named '" + choice.container + "' (e.g. matroska, nut, mov, mp4, avi)");
    if (!is_video_container(container))
        throw UserError(name + ": not a video container FFmpeg writes" +
                        std::string(container ? " (" + std::string(container->name) + ")" : ""));
    Options options;
    const AVCodec& encoder = choose_encoder(*container, choice, options);
    planar = pixel_format_of(info.format);
    layout = planar == AV_PIX_FMT_NONE ? AV_PIX_FMT_NONE : encoder_layout(encoder, planar);
    if (layout == AV_PIX_FMT_NONE)
        throw UserError(name + ": the " + std::string(encoder.name) + " encoder cannot hold " + info.format.name() +
                        " samples (it takes " + formats_taken(encoder) + "); choose another --format, or write .mkv (FFV1)");

    AVFormatContext* f = nullptr;
    if (avformat_alloc_output_context2(&f, container, nullptr, nullptr) < 0 || !f) throw std::bad_alloc();
    format.reset(f);
    f->flags |= AVFMT_FLAG_BITEXACT;  // no version strings: the same frames give the same bytes
    codec.reset(avcodec_alloc_context3(&encoder));
    if (!codec) throw std::bad_alloc();
    const Ratio rate = info.metadata.frame_rate.known() ? info.metadata.frame_rate : Ratio{25, 1};
    codec->width = info.width;
    codec->height = info.height;
    codec->pix_fmt = layout;
    codec->time_base = AVRational{rate.den, rate.num};
    codec->framerate = AVRational{rate.num, rate.den};
    codec->thread_count = 0;
    codec->flags |= AV_CODEC_FLAG_BITEXACT;
    if (container->flags & AVFMT_GLOBALHEADER) codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    apply_metadata(info.metadata, *codec);
    int r = avcodec_open2(codec.get(), &encoder, options.get());
    if (r < 0) fail("the " + std::string(encoder.name) + " encoder refuses these settings", r);
    if (const std::string unused = options.first_unused(); !unused.empty())
        throw UserError(name + ": the " + std::string(encoder.name) + " encoder has no option '" + unused + "'");

    stream = avformat_new_stream(f, nullptr);
    if (!stream) throw std::bad_alloc();
    r = avcodec_parameters_from_context(stream->codecpar, codec.get());
    if (r < 0) fail("cannot describe the stream", r);
    stream->time_base = codec->time_base;
    stream->avg_frame_rate = codec->framerate;
    stream->sample_aspect_ratio = codec->sample_aspect_ratio;

    auto* buffer = static_cast<unsigned char*>(av_malloc(kIoBuffer));
    io.reset(buffer ? avio_alloc_context(buffer, kIoBuffer, 1, this, nullptr, write_packet, seekable ? seek : nullptr)
                    : nullptr);
    if (!io) {
        av_free(buffer);
        throw std::bad_alloc();
    }
    io->seekable = seekable ? AVIO_SEEKABLE_NORMAL : 0;
    f->pb = io.get();
    Options muxer;
    const bool mp4_family = std::strcmp(container->name, "mp4") == 0 || std::strcmp(container->name, "mov") == 0;
    if (mp4_family && !seekable) muxer.set("movflags", "frag_keyframe+empty_moov+default_base_moof");
    r = avformat_write_header(f, muxer.get());
    if (r < 0) fail("the " + std::string(container->name) + " container refuses this stream", r);

    if (layout != planar) {
        if (!make_relayout(info.width, info.height, planar, layout, scaler, *staged))
            throw UserError(name + ": cannot lay out " + info.format.name() + " as " + name_of(layout));
    }
}

void FfmpegWriter::State::drain() {
    for (;;) {
        int r = avcodec_receive_packet(codec.get(), packet.get());
        if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
        if (r < 0) fail("the encoder failed", r);
        if (packet->duration == 0) packet->duration = 1;
        av_packet_rescale_ts(packet.get(), codec->time_base, stream->time_base);
        packet->stream_index = stream->index;
        r = av_interleaved_write_frame(format.get(), packet.get());
        if (r < 0) fail("cannot write a frame", r);
    }
}

FfmpegWriter::FfmpegWriter(std::ostream& out, bool seekable, const std::string& name, const VideoInfo& info,
                           const EncoderChoice& choice)
    : s_(std::make_unique<State>()) {
    s_->name = name;
    s_->out = &out;
    s_->seekable = seekable;
    s_->info = info;
    s_->open(choice);
}

FfmpegWriter::~FfmpegWriter() = default;

void FfmpegWriter::write_frame(const Frame& frame) {
    State& s = *s_;
    if (!(frame.format() == s.info.format) || frame.width() != s.info.width || frame.height() != s.info.height)
        throw InternalError("FfmpegWriter: frame does not match the stream");
    av_frame_unref(s.input.get());
    borrow_planes(frame, s.planar, *s.input);
    AVFrame* sent = s.input.get();
    if (s.scaler) {
        // The encoder may still hold the previous frame's buffer: write into a free one.
        if (av_frame_make_writable(s.staged.get()) < 0) throw std::bad_alloc();
        sws_scale(s.scaler.get(), s.input->data, s.input->linesize, 0, frame.height(), s.staged->data,
                  s.staged->linesize);
        sent = s.staged.get();
    }
    sent->pts = s.frames++;
    sent->color_range = s.codec->color_range;
    sent->colorspace = s.codec->colorspace;
    sent->color_primaries = s.codec->color_primaries;
    sent->color_trc = s.codec->color_trc;
    sent->chroma_location = s.codec->chroma_sample_location;
    sent->sample_aspect_ratio = s.codec->sample_aspect_ratio;
    const int r = avcodec_send_frame(s.codec.get(), sent);
    if (r < 0) s.fail("the encoder refuses frame " + std::to_string(s.frames - 1), r);
    s.drain();
}

void FfmpegWriter::finish() {
    State& s = *s_;
    int r = avcodec_send_frame(s.codec.get(), nullptr);
    if (r < 0 && r != AVERROR_EOF) s.fail("the encoder failed at the end", r);
    s.drain();
    r = av_write_trailer(s.format.get());
    if (r < 0) s.fail("cannot finish the container", r);
    avio_flush(s.io.get());
    if (s.out_failed || !s.out->flush()) throw cannot_write(s.name, "the disk is full or the reader went away");
}

std::string FfmpegWriter::description() const {
    return std::string(s_->format->oformat->name) + " / " + s_->codec->codec->name;
}

bool ffmpeg_container_known(const std::string& name) {
    return is_video_container(av_guess_format(nullptr, name.c_str(), nullptr));
}

std::string encode_picture(const Frame& frame, const std::string& codec_name, const std::string& name) {
    capture_ffmpeg_log();
    clear_ffmpeg_log();
    const AVCodec* encoder = avcodec_find_encoder_by_name(codec_name.c_str());
    if (!encoder) throw UserError(name + ": this FFmpeg has no '" + codec_name + "' encoder");
    const AVPixelFormat planar = pixel_format_of(frame.format());
    const AVPixelFormat layout = planar == AV_PIX_FMT_NONE ? AV_PIX_FMT_NONE : encoder_layout(*encoder, planar);
    if (layout != planar)  // pictures are written as they are or not at all
        throw UserError(name + ": " + codec_name + " holds " + formats_taken(*encoder) + ", not " +
                        frame.format().name());
    CodecHandle codec(avcodec_alloc_context3(encoder));
    if (!codec) throw std::bad_alloc();
    codec->width = frame.width();
    codec->height = frame.height();
    codec->pix_fmt = planar;
    codec->time_base = AVRational{1, 25};
    codec->flags |= AV_CODEC_FLAG_BITEXACT;
    int r = avcodec_open2(codec.get(), encoder, nullptr);
    if (r < 0) throw UserError(name + ": the " + codec_name + " encoder refuses this picture: " + error_text(r));
    FrameHandle input = make_frame();
    borrow_planes(frame, planar, *input);
    input->pts = 0;
    PacketHandle packet = make_packet();
    r = avcodec_send_frame(codec.get(), input.get());
    if (r >= 0) r = avcodec_send_frame(codec.get(), nullptr);
    if (r >= 0) r = avcodec_receive_packet(codec.get(), packet.get());
    if (r < 0) throw UserError(name + ": the " + codec_name + " encoder failed: " + error_text(r));
    return std::string(reinterpret_cast<const char*>(packet->data), std::size_t(packet->size));
}

}  // namespace rigor::pixel
