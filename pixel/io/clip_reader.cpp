#include "pixel/io/clip_reader.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>

#include "filters/base/error.hpp"
#include "filters/base/file_error.hpp"
#include "pixel/io/picture.hpp"

namespace rigor::pixel {

ClipReader::ClipReader(const std::string& path) : path_(path) {
    if (path != "-" && is_picture_path(path)) {
        still_ = read_picture(path);
        format_ = still_.format();
        width_ = still_.width();
        height_ = still_.height();
        header_.format = format_;
        header_.width = width_;
        header_.height = height_;
        return;
    }
    std::istream* in = &std::cin;
    std::string name = "standard input";
    if (path != "-") {
        file_.open(path, std::ios::binary);
        if (!file_) throw cannot_read(path);
        in = &file_;
        name = path;
    }
    y4m_ = std::make_unique<Y4mReader>(*in, name);
    header_ = y4m_->header();
    format_ = header_.format;
    width_ = header_.width;
    height_ = header_.height;
}

bool ClipReader::next(Frame& frame) {
    if (y4m_) return y4m_->read_frame(frame);
    frame = still_;
    return true;
}

}  // namespace rigor::pixel
