// Streams of single float planes for the regress commands: gray video (y4m `C mono32`,
// or any gray video FFmpeg reads, e.g. an EXR sequence; several frames stream through)
// or a picture (one frame; gray integer samples are read as full-range 0…1).  "-" is
// stdin.
#pragma once
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "pixel/io/clip_reader.hpp"
#include "pixel/io/y4m.hpp"
#include "pixel/regress/float_plane.hpp"

namespace rigor::pixel::regress {

class PlaneSource {
public:
    // Throws IoError/UserError naming the file (unreadable, not gray, not float y4m).
    explicit PlaneSource(const std::string& path);
    // The next plane, or nullopt at the end of the stream.
    std::optional<Plane> next();
    const std::string& path() const { return path_; }
    const pixel::Y4mHeader& header() const { return header_; }  // pictures: a 1-frame header

private:
    std::string path_;
    std::unique_ptr<pixel::ClipReader> clip_;
    pixel::Y4mHeader header_;
    pixel::Frame frame_;
    bool still_read_ = false;
};

// Writes planes to `out` as y4m mono32 frames, or — when `name` has a picture
// extension — as a single float picture (.tif/.pfm/.exr) or 16-bit clamped picture (.png).
class PlaneSink {
public:
    PlaneSink(std::ostream& out, std::string name, const pixel::Y4mHeader& like);
    void write(const Plane& plane);  // a picture sink throws UserError on a second plane

private:
    std::ostream& out_;
    std::string name_;
    pixel::Y4mHeader header_;
    std::unique_ptr<pixel::Y4mWriter> writer_;
    bool picture_ = false;
    long written_ = 0;
};

}  // namespace rigor::pixel::regress
