// YUV4MPEG2 ("y4m") streams, read and written one frame at a time.
//
// Header: "YUV4MPEG2 W<w> H<h> [F<n>:<d>] [I<p|t|b|m>] [A<n>:<d>] [C<tag>] [X...]\n",
// then per frame "FRAME[ params]\n" and the planes, packed, in Y U V order.
// Colour tags are vspipe's and ffmpeg's: mono mono9..mono16 mono32 (float) monoh (half,
// rigor's choice), 420 420jpeg 420mpeg2 420paldv 422 444 411 440 410, each with
// p9..p16, ph or ps for deeper samples (420p10, 444p16, 444ps).  A missing C means 420.
// Samples wider than 8 bits are little-endian.  y4m carries no frame properties.
//
// Metadata (pixel/io/video_metadata.hpp): F is the frame rate (written 25:1 when
// unknown), A the pixel aspect (0:0 unknown), I the field order.  The 8-bit 4:2:0 tags
// give the chroma siting as the format defines them and ffmpeg reads them: 420 and
// 420jpeg centre, 420mpeg2 left, 420paldv top left.  XCOLORRANGE=LIMITED|FULL is the
// colour range (ffmpeg's extension).  A siting no C tag can say (deeper samples, 4:2:2,
// top, bottom) is written as rigor's extension XCHROMALOC=LEFT|CENTER|TOPLEFT|TOP|
// BOTTOMLEFT|BOTTOM, which other readers ignore.  Matrix, primaries and transfer have
// no y4m field: they are lost (use a container for them).
#pragma once
#include <istream>
#include <ostream>
#include <string>

#include "pixel/io/frame.hpp"
#include "pixel/io/video_metadata.hpp"

namespace rigor::pixel {

// A y4m stream's header is a clip description.
using Y4mHeader = VideoInfo;

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
