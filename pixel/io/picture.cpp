#include "pixel/io/picture.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "filters/base/error.hpp"
#include "pixel/io/ffmpeg_writer.hpp"

namespace rigor::pixel {

std::string file_extension(std::string_view path) {
    std::size_t dot = path.rfind('.');
    std::size_t slash = path.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
    std::string ext(path.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

bool is_picture_path(std::string_view path) {
    std::string e = file_extension(path);
    return e == "png" || e == "tif" || e == "tiff" || e == "pfm";
}

Frame read_picture(const std::string& path) {
    std::string e = file_extension(path);
    if (e == "png") return read_png(path);
    if (e == "tif" || e == "tiff") return read_tiff(path);
    if (e == "pfm") return read_pfm(path);
    throw UserError(path + ": not a picture file name (.png, .tif, .tiff, .pfm)");
}

void check_picture_format(const std::string& name, const VideoFormat& format) {
    const Frame probe(format, 1, 1);
    std::ostringstream nowhere;
    write_picture(nowhere, name, probe);
}

void write_picture(std::ostream& out, const std::string& path, const Frame& frame) {
    if (frame.format().family == ColorFamily::YUV)
        throw UserError(path + ": a picture file holds gray or RGB, not " + frame.format().name());
    std::string e = file_extension(path);
    if (e == "png") return write_png(out, path, frame);
    if (e == "tif" || e == "tiff") return write_tiff(out, path, frame);
    if (e == "pfm") return write_pfm(out, path, frame);
    if (e == "exr") {
        const std::string bytes = encode_picture(frame, "exr", path);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        return;
    }
    throw UserError(path + ": not a picture file name (.png, .tif, .tiff, .pfm, .exr)");
}

}  // namespace rigor::pixel
