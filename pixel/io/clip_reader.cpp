#include "pixel/io/clip_reader.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <iostream>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/io/picture_sequence.hpp"

namespace rigor::pixel {

// The bytes already taken from standard input to tell y4m from other streams, then
// standard input itself.
class ClipReader::PrefixedBuffer : public std::streambuf {
public:
    PrefixedBuffer(std::string prefix, std::streambuf* rest) : prefix_(std::move(prefix)), rest_(rest) {
        setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
    }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        const std::streamsize n = rest_->sgetn(chunk_, sizeof chunk_);
        if (n <= 0) return traits_type::eof();
        setg(chunk_, chunk_, chunk_ + n);
        return traits_type::to_int_type(*gptr());
    }

private:
    std::string prefix_;
    std::streambuf* rest_;
    char chunk_[1 << 16];
};

namespace {
constexpr std::string_view kY4mMagic = "YUV4MPEG2";

// A y4m file's frame count from its size, when every frame marker is a bare "FRAME\n".
std::uint64_t y4m_frame_estimate(const std::string& path, const VideoInfo& info, std::ifstream& file) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    const std::streamoff header = file.tellg();
    const std::uint64_t frame = packed_frame_bytes(info.format, info.width, info.height) + 6;
    return header < 0 || frame <= 6 ? 0 : (std::uint64_t(st.st_size) - std::uint64_t(header)) / frame;
}
}  // namespace

ClipReader::ClipReader(const std::string& path) : path_(path) {
    if (path == "-") {
        std::string prefix(kY4mMagic.size(), '\0');
        std::cin.read(prefix.data(), std::streamsize(prefix.size()));
        prefix.resize(std::size_t(std::cin.gcount()));
        if (prefix.empty()) throw UserError("standard input is empty (no video)");
        if (prefix == kY4mMagic) {
            stdin_buffer_ = std::make_unique<PrefixedBuffer>(prefix, std::cin.rdbuf());
            stdin_stream_ = std::make_unique<std::istream>(stdin_buffer_.get());
            y4m_ = std::make_unique<Y4mReader>(*stdin_stream_, "standard input");
            info_ = y4m_->header();
        } else {
            try {
                ffmpeg_ = std::make_unique<FfmpegReader>(std::cin, "standard input", prefix);
            } catch (const UserError& e) {
                throw UserError(std::string(e.what()) +
                                " (pipe y4m with `ffmpeg -i IN -f yuv4mpegpipe -strict -1 -` above 8 bits, or a "
                                "container such as `-f matroska -`)");
            }
            info_ = ffmpeg_->info();
            frame_estimate_ = ffmpeg_->frame_count_estimate();
        }
        return;
    }
    if (is_picture_path(path) && !is_sequence_pattern(path)) {
        still_ = read_picture(path);
        info_.format = still_.format();
        info_.width = still_.width();
        info_.height = still_.height();
        frame_estimate_ = 1;
        return;
    }
    if (file_extension(path) == "y4m") {
        file_ = open_input_file(path);
        y4m_ = std::make_unique<Y4mReader>(file_, path);
        info_ = y4m_->header();
        frame_estimate_ = y4m_frame_estimate(path, info_, file_);
        return;
    }
    ffmpeg_ = std::make_unique<FfmpegReader>(path);
    info_ = ffmpeg_->info();
    frame_estimate_ = ffmpeg_->frame_count_estimate();
}

ClipReader::~ClipReader() = default;

bool ClipReader::next(Frame& frame) {
    bool got = true;
    if (y4m_) got = y4m_->read_frame(frame);
    else if (ffmpeg_) got = ffmpeg_->read_frame(frame);
    else frame = still_;
    if (!got) return false;
    add_frame_properties(info_.metadata, frame.properties());
    ++next_index_;
    return true;
}

void ClipReader::seek(long index) {
    if (index <= next_index_ || is_still()) return;
    if (ffmpeg_) {
        ffmpeg_->seek(index);
        next_index_ = index;
        return;
    }
    Frame dropped;
    while (next_index_ < index && y4m_->read_frame(dropped)) ++next_index_;
}

std::uint64_t shortest_frame_count(const std::vector<std::unique_ptr<ClipReader>>& clips) {
    std::uint64_t total = 0;
    bool all_still = true;
    for (const auto& c : clips) {
        if (c->is_still()) continue;
        all_still = false;
        if (const std::uint64_t n = c->frame_count_estimate(); n > 0) total = total == 0 ? n : std::min(total, n);
    }
    return all_still ? 1 : total;
}

}  // namespace rigor::pixel
