// Where a command's output frames go, chosen by the output's name (the counterpart of
// clip_reader.hpp):
//   -  "-" (standard output), /dev/stdout, a device or FIFO without an extension, *.y4m:
//      a y4m stream (vspipe's tags, metadata as y4m.hpp says) — what pipes carry;
//   -  a picture, *.png *.tif *.tiff *.pfm (rigor's writers) or *.exr (FFmpeg's EXR
//      encoder: binary32 gray/RGB that FFmpeg reads back): exactly one frame;
//   -  a picture sequence, e.g. frame_%05d.png or slope_%04d.exr: one picture per frame,
//      numbered from 0 (picture_sequence.hpp);
//   -  any video container FFmpeg knows by the extension (*.mkv *.nut *.mov *.mp4
//      *.avi …), or the one EncoderChoice::container names (also "-"): ffmpeg_writer.hpp.
// Any other name is refused before anything is written.  Outputs go through OutputFile
// (filters/base/output_file.hpp): complete or absent, devices and FIFOs written in
// place.  A sequence's pictures are each written atomically; if the run fails, the
// pictures it already wrote are removed again.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "filters/base/output_file.hpp"
#include "pixel/io/ffmpeg_writer.hpp"
#include "pixel/io/frame.hpp"
#include "pixel/io/video_metadata.hpp"
#include "pixel/io/y4m.hpp"

namespace rigor::pixel {

class ClipWriter {
public:
    enum class Kind { Y4m, Picture, Sequence, Container };

    // Which kind `path` names; throws rigor::UserError for a name rigor cannot write.
    static Kind kind_of(const std::string& path, const EncoderChoice& choice = {});

    // Checks that `info`'s frames fit the output (before any frame is computed) and
    // opens it.  Throws rigor::UserError (what cannot be written and what would be) or
    // rigor::IoError.
    ClipWriter(const std::string& path, const VideoInfo& info, const EncoderChoice& choice = {});
    ClipWriter(const ClipWriter&) = delete;
    ClipWriter& operator=(const ClipWriter&) = delete;
    ~ClipWriter();  // without commit(): nothing is left (see above)

    // A picture output refuses a second frame: "holds one frame; choose one with
    // --frames or write a sequence (name_%05d.png) or a video".
    void write(const Frame& frame);
    // Finishes the container and makes the output visible; throws rigor::IoError.
    void commit();

    Kind kind() const { return kind_; }
    long frames_written() const { return written_; }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    Kind kind_;
    VideoInfo info_;
    std::unique_ptr<OutputFile> file_;   // Y4m, Picture, Container
    std::unique_ptr<Y4mWriter> y4m_;
    std::unique_ptr<FfmpegWriter> container_;
    std::vector<std::string> sequence_written_;  // regular files of a sequence, to remove on failure
    long written_ = 0;
    bool committed_ = false;
};

}  // namespace rigor::pixel
