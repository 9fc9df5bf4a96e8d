// One input clip for a command: a y4m file, "-" (a y4m stream on stdin), or a single
// picture (by extension, see picture.hpp) that acts as a still frame.
#pragma once
#include <fstream>
#include <memory>
#include <string>

#include "pixel/io/frame.hpp"
#include "pixel/io/y4m.hpp"

namespace rigor::pixel {

class ClipReader {
public:
    // Opens and reads the header (or the whole picture); throws rigor::UserError/IoError.
    explicit ClipReader(const std::string& path);

    const std::string& path() const { return path_; }
    const VideoFormat& format() const { return format_; }
    int width() const { return width_; }
    int height() const { return height_; }
    bool is_still() const { return !y4m_; }
    // The y4m header (pictures get a default one of their size and format).
    const Y4mHeader& header() const { return header_; }

    // The next frame; false at the end of a y4m stream.  A still gives its picture every
    // time.
    bool next(Frame& frame);

private:
    std::string path_;
    std::ifstream file_;
    std::unique_ptr<Y4mReader> y4m_;
    Frame still_;
    Y4mHeader header_;
    VideoFormat format_;
    int width_ = 0, height_ = 0;
};

}  // namespace rigor::pixel
