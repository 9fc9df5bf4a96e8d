// YUV4MPEG2 ("y4m") streams, read and written one frame at a time.
//
// Header: "YUV4MPEG2 W<w> H<h> [F<n>:<d>] [I<p|t|b|m>] [A<n>:<d>] [C<tag>] [X...]\n",
// then per frame "FRAME[ params]\n" and the planes, packed, in Y U V order.
// Colour tags are vspipe's and ffmpeg's: mono mono9..mono16 mono32 (float) monoh (half,
// rigor's choice), 420 420jpeg 420mpeg2 420paldv 422 444 411 440 410, each with
// p9..p16, ph or ps for deeper samples (420p10, 444p16, 444ps).  A missing C means 420.
// Samples wider than 8 bits are little-endian.  y4m carries no frame properties.
#pragma once
#include <istream>
#include <ostream>
#include <string>

#include "pixel/io/frame.hpp"

namespace rigor::pixel {

struct Y4mHeader {
    VideoFormat format;
    int width = 0, height = 0;
    int fps_num = 25, fps_den = 1;
    int sar_num = 0, sar_den = 0;
    char interlace = 'p';
};

// The colour tag vspipe writes for a format ("mono", "420p10", "444ps").
std::string y4m_colour_tag(const VideoFormat& format);
// The format of a colour tag; throws rigor::UserError for an unknown tag.
VideoFormat y4m_format_from_tag(std::string_view tag);

class Y4mReader {
public:
    // Reads and checks the header at once.  `name` appears in error messages.  Throws
    // rigor::UserError for a missing or malformed header, an unknown colour tag, or a
    // size the memory cannot hold (checked before anything is allocated).
    Y4mReader(std::istream& in, std::string name);

    const Y4mHeader& header() const { return header_; }
    // Reads the next frame into `frame` (reallocated only when its format or size
    // differ).  Returns false at a clean end of stream; throws rigor::UserError for a
    // malformed frame marker or a truncated frame.
    bool read_frame(Frame& frame);
    // Number of frames read so far.
    long frames_read() const { return frames_read_; }

private:
    std::istream& in_;
    std::string name_;
    Y4mHeader header_;
    long frames_read_ = 0;
};

class Y4mWriter {
public:
    // Writes the header at once.
    Y4mWriter(std::ostream& out, const Y4mHeader& header);
    // Throws rigor::InternalError if the frame does not match the header, rigor::IoError
    // when the stream fails.
    void write_frame(const Frame& frame);

private:
    std::ostream& out_;
    Y4mHeader header_;
};

}  // namespace rigor::pixel
