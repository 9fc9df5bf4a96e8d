// The entry points of the video and picture readers (pixel/io): apart from the other
// entries so that their fuzz targets link rigor_pixel_io alone, not every library.
#include <sstream>

#include "pixel/io/ffmpeg_reader.hpp"
#include "pixel/io/picture.hpp"
#include "pixel/io/y4m.hpp"
#include "tests/fuzz/entries.hpp"
#include "tests/fuzz/entry_support.hpp"

namespace rigor::fuzz {

namespace {

void picture(Bytes data, std::string_view extension) {
    TempFile file(data, extension);
    pixel::Frame frame = pixel::read_picture(file.path());
    (void)frame;
}

}  // namespace

void y4m_stream(Bytes data) {
    std::istringstream in{std::string(text_of(data))};
    pixel::Y4mReader reader(in, "fuzz.y4m");
    // A header may honestly claim a frame of up to this machine's memory; the reader
    // accepts it and fails on the first short row.  Do not allocate such frames here:
    // the fuzzer's own memory limit would report them.
    const pixel::Y4mHeader& h = reader.header();
    if (pixel::packed_frame_bytes(h.format, h.width, h.height) > (std::size_t(64) << 20)) return;
    pixel::Frame frame;
    for (int i = 0; i < 4 && reader.read_frame(frame); ++i) {
    }
}

void ffmpeg_stream(Bytes data) {
    // As standard input: FFmpeg probes the container from the bytes (mkv, mp4, nut, avi,
    // y4m, raw codec streams, …), and the reader may open nothing else.  Frames are
    // capped at 4 Mpixel so that an honest huge size is rejected, not allocated; one
    // decoder thread keeps runs reproducible.
    std::istringstream in{std::string(text_of(data))};
    pixel::FfmpegReaderLimits limits;
    limits.max_pixels = std::uint64_t(1) << 22;
    limits.threads = 1;
    // The largest honest allocation is a raw 4-Mpixel float RGB packet (48 MiB); a hostile
    // mp4 sample table claiming more fails at this limit.  A higher one only costs time:
    // ASan fills every freed block, and a 256 MiB table took 68 s at nice 19 under load.
    limits.max_allocation = std::uint64_t(64) << 20;
    pixel::FfmpegReader reader(in, "fuzz", "", limits);
    pixel::Frame frame;
    for (int i = 0; i < 4 && reader.read_frame(frame); ++i) {
    }
    (void)reader.description();
    (void)reader.frame_count_estimate();
}

void png_picture(Bytes data) { picture(data, ".png"); }
void tiff_picture(Bytes data) { picture(data, ".tif"); }
void pfm_picture(Bytes data) { picture(data, ".pfm"); }

}  // namespace rigor::fuzz
