#include "pixel/io/clip_writer.hpp"

#include <sys/stat.h>

#include <cstdio>

#include "filters/base/error.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/io/picture_sequence.hpp"

namespace rigor::pixel {

namespace {
// A name that is a stream rather than a file: standard output or error, an open
// descriptor, or an existing device, FIFO or socket.
bool names_stream(const std::string& path) {
    if (path == "/dev/stdout" || path == "/dev/stderr" || path.starts_with("/dev/fd/") ||
        path.starts_with("/proc/self/fd/"))
        return true;
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

bool is_picture_name(const std::string& path) { return is_picture_path(path) || file_extension(path) == "exr"; }

}  // namespace

ClipWriter::Kind ClipWriter::kind_of(const std::string& path, const EncoderChoice& choice) {
    if (!choice.container.empty()) return Kind::Container;
    if (path == "-") return Kind::Y4m;
    const std::string ext = file_extension(path);
    if (ext == "y4m") return Kind::Y4m;
    if (is_picture_name(path)) return is_sequence_pattern(path) ? Kind::Sequence : Kind::Picture;
    if (ext.empty() && names_stream(path)) return Kind::Y4m;
    if (!ext.empty() && ffmpeg_container_known(path)) return Kind::Container;
    throw UserError("cannot write '" + path + "': " +
                    (ext.empty() ? std::string("its name has no extension to tell the format")
                                 : "'." + ext + "' is not a format rigor writes") +
                    " (.y4m, .mkv, .nut, .mov, .mp4, .avi, pictures .png .tif .tiff .pfm .exr, a sequence such as "
                    "frame_%05d.png)");
}

ClipWriter::ClipWriter(const std::string& path, const VideoInfo& info, const EncoderChoice& choice)
    : path_(path), kind_(kind_of(path, choice)), info_(info) {
    switch (kind_) {
        case Kind::Y4m:
            (void)y4m_colour_tag(info.format);  // refuses RGB before the file is opened
            file_ = std::make_unique<OutputFile>(path);
            y4m_ = std::make_unique<Y4mWriter>(file_->stream(), info);
            break;
        case Kind::Picture:
            check_picture_format(path, info.format);
            file_ = std::make_unique<OutputFile>(path);
            break;
        case Kind::Sequence:
            check_picture_format(sequence_file_name(path, 0), info.format);
            break;
        case Kind::Container:
            file_ = std::make_unique<OutputFile>(path);
            container_ = std::make_unique<FfmpegWriter>(file_->stream(), file_->seekable(), path, info, choice);
            break;
    }
}

ClipWriter::~ClipWriter() {
    if (committed_) return;
    for (const std::string& name : sequence_written_) std::remove(name.c_str());
}

void ClipWriter::write(const Frame& frame) {
    switch (kind_) {
        case Kind::Y4m: y4m_->write_frame(frame); break;
        case Kind::Picture:
            if (written_ > 0)
                throw UserError("'" + path_ + "' is a picture and holds one frame; choose one with --frames A:A+1, "
                                "or write a sequence (e.g. name_%05d.png) or a video (.mkv)");
            write_picture(file_->stream(), path_, frame);
            break;
        case Kind::Sequence: {
            const std::string name = sequence_file_name(path_, written_);
            OutputFile picture(name);
            write_picture(picture.stream(), name, frame);
            picture.commit();
            if (picture.kind() == OutputFile::Kind::Replace) sequence_written_.push_back(name);
            break;
        }
        case Kind::Container: container_->write_frame(frame); break;
    }
    ++written_;
}

void ClipWriter::commit() {
    if (committed_) return;
    if (container_) container_->finish();
    if (file_) file_->commit();
    committed_ = true;
}

}  // namespace rigor::pixel
