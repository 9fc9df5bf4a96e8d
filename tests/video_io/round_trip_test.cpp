// Video through FFmpeg in-process: ClipWriter to Matroska/FFV1 and ClipReader back give
// the same samples and the same metadata, for 8, 10, 12 and 16 bits, gray, 4:2:0, 4:2:2,
// 4:4:4 and RGB.  The ffmpeg and ffprobe programs check the files independently: the
// decoded planes byte for byte, the container's colour fields by name.
#include <catch2/catch.hpp>

#include "tests/support/cli_scratch.hpp"
#include "tests/video_io/video_test_util.hpp"

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/io/clip_reader.hpp"
#include "pixel/io/clip_writer.hpp"

using namespace rigor;
using pixel::ChromaSiting;
using pixel::ColorRange;
using pixel::FieldOrder;
using pixel::VideoInfo;
using pixel::VideoMetadata;

namespace {

struct Case {
    const char* format;      // rigor's name
    const char* ffmpeg_name; // the same samples as ffmpeg -pix_fmt names them
    const char* stored = nullptr;  // what FFV1 stores when it is another layout of them
};

// Two descriptions: BT.709 limited range with left siting (broadcast HD), and BT.2020 PQ
// full range with top-left siting, top field first (HDR); RGB gets sRGB, full range.
VideoMetadata hd() {
    VideoMetadata m;
    m.frame_rate = {30000, 1001};
    m.sample_aspect = {16, 15};
    m.field_order = FieldOrder::progressive;
    m.chroma_siting = ChromaSiting::left;
    m.color_range = ColorRange::limited;
    m.matrix = m.primaries = m.transfer = 1;
    return m;
}
VideoMetadata hdr() {
    VideoMetadata m;
    m.frame_rate = {24, 1};
    m.sample_aspect = {1, 1};
    m.field_order = FieldOrder::top_first;
    m.chroma_siting = ChromaSiting::top_left;
    m.color_range = ColorRange::full;
    m.matrix = 9;
    m.primaries = 9;
    m.transfer = 16;
    return m;
}
VideoMetadata srgb() {
    VideoMetadata m = hd();
    m.chroma_siting = ChromaSiting::unspecified;
    m.color_range = ColorRange::full;
    m.matrix = 0;
    m.transfer = 13;
    return m;
}

// The lines of a text, sorted (ffprobe prints the fields in its own order).
std::vector<std::string> sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    return lines;
}

// ffprobe's view of the stream's description, in its own names, one field a line.
std::vector<std::string> probe(const std::string& path, const test::ScratchDir& d) {
    const test::Captured c = test::run_capture(
        "ffprobe -v error -select_streams v -show_entries stream=pix_fmt,color_range,color_space,color_primaries,"
        "color_transfer,chroma_location,field_order,r_frame_rate,sample_aspect_ratio -of default=nw=1 '" + path + "'",
        d);
    REQUIRE(c.code == 0);
    return sorted_lines(c.out);
}

std::vector<std::string> expected_probe(const Case& c, const VideoMetadata& m) {
    const bool hd_set = m.matrix == 1;
    const bool rgb = m.matrix == 0;
    return sorted_lines(std::string("pix_fmt=") + (c.stored ? c.stored : c.ffmpeg_name) + "\n" +
           (rgb ? "color_range=pc\ncolor_space=gbr\ncolor_transfer=iec61966-2-1\ncolor_primaries=bt709\n"
                    "chroma_location=unspecified\nfield_order=progressive\nr_frame_rate=30000/1001\n"
                    "sample_aspect_ratio=16:15\n"
            : hd_set ? "color_range=tv\ncolor_space=bt709\ncolor_transfer=bt709\ncolor_primaries=bt709\n"
                       "chroma_location=left\nfield_order=progressive\nr_frame_rate=30000/1001\n"
                       "sample_aspect_ratio=16:15\n"
                     : "color_range=pc\ncolor_space=bt2020nc\ncolor_transfer=smpte2084\ncolor_primaries=bt2020\n"
                       "chroma_location=topleft\nfield_order=tt\nr_frame_rate=24/1\nsample_aspect_ratio=1:1\n"));
}

}  // namespace

TEST_CASE("Matroska/FFV1 round trips keep every sample and the metadata (8-16 bits, gray, 4:2:0/4:2:2/4:4:4, RGB)") {
    const std::vector<Case> cases = {
        {"gray8", "gray"},           {"gray10", "gray10le"},       {"gray16", "gray16le"},
        {"yuv420p8", "yuv420p"},     {"yuv420p10", "yuv420p10le"}, {"yuv420p16", "yuv420p16le"},
        {"yuv422p8", "yuv422p"},     {"yuv422p10", "yuv422p10le"}, {"yuv422p16", "yuv422p16le"},
        {"yuv444p8", "yuv444p"},     {"yuv444p10", "yuv444p10le"}, {"yuv444p16", "yuv444p16le"},
        {"rgb24", "gbrp", "bgr0"},          {"rgb36", "gbrp12le"},        {"rgb48", "gbrp16le"},
    };
    test::ScratchDir d;
    // 45 wide: a 16:15 pixel aspect is a whole display width (48) in Matroska; 21 high:
    // odd, so 4:2:0 chroma rounds up.
    constexpr int kWidth = 45, kHeight = 21, kFrames = 3;
    for (const Case& c : cases)
        for (const VideoMetadata& m : {hd(), hdr()}) {
            VideoInfo info;
            info.format = pixel::parse_format_name(c.format);
            info.width = kWidth;
            info.height = kHeight;
            info.metadata = info.format.is_rgb() ? srgb() : m;
            if (info.format.is_rgb() && m.matrix != 1) continue;  // one description is enough for RGB
            INFO(c.format << (m.matrix == 1 ? " hd" : " hdr"));
            const std::string path = d / (std::string(c.format) + ".mkv");
            std::vector<pixel::Frame> written;
            {
                pixel::ClipWriter out(path, info);
                CHECK(out.kind() == pixel::ClipWriter::Kind::Container);
                for (int n = 0; n < kFrames; ++n) {
                    written.push_back(test::noise_frame(info.format, kWidth, kHeight, n));
                    out.write(written.back());
                }
                out.commit();
            }
            pixel::ClipReader in(path);
            CHECK(in.format() == info.format);
            CHECK(in.width() == kWidth);
            CHECK(in.height() == kHeight);
            CHECK(in.metadata() == info.metadata);
            pixel::Frame f;
            int n = 0;
            std::string raw;
            for (; in.next(f); ++n) {
                REQUIRE(n < kFrames);
                CHECK(test::same_samples(f, written[std::size_t(n)]));
                raw += test::packed_planes(written[std::size_t(n)]);
                // The metadata is on every frame too, as VapourSynth's properties.
                CHECK(f.properties().at("_Matrix") == double(info.metadata.matrix));
                CHECK(f.properties().at("_ColorRange") == (info.metadata.color_range == ColorRange::full ? 0.0 : 1.0));
            }
            CHECK(n == kFrames);
            CHECK(probe(path, d) == expected_probe(c, info.metadata));
            const std::string decoded = d / "decoded.raw";
            REQUIRE(test::run("ffmpeg -v error -y -i '" + path + "' -f rawvideo -pix_fmt " + c.ffmpeg_name + " '" +
                                  decoded + "'",
                              d) == 0);
            CHECK(test::slurp(decoded) == raw);
        }
}

TEST_CASE("what a container or encoder cannot hold is refused before anything is written") {
    test::ScratchDir d;
    auto refusal = [&](const std::string& name, const char* format) {
        VideoInfo info;
        info.format = pixel::parse_format_name(format);
        info.width = 16;
        info.height = 16;
        try {
            pixel::ClipWriter out(d / name, info);
        } catch (const UserError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    CHECK_THAT(refusal("a.mkv", "grays"), Catch::Contains("no video codec for float samples") &&
                                               Catch::Contains("EXR"));
    CHECK_THAT(refusal("a.mp4", "yuv444p16"), Catch::Contains("libx264 encoder cannot hold yuv444p16") &&
                                                  Catch::Contains("yuv444p10"));
    CHECK_THAT(refusal("a.y4m", "rgb24"), Catch::Contains("y4m cannot carry RGB"));
    CHECK_THAT(refusal("a.png", "yuv420p8"), Catch::Contains("gray or RGB"));
    CHECK_THAT(refusal("a.xyz", "gray8"), Catch::Contains("'.xyz' is not a format rigor writes"));
    CHECK_THAT(refusal("noextension", "gray8"), Catch::Contains("no extension"));
    CHECK(d.entries() == 0);
}

TEST_CASE("float frames go to EXR pictures and come back exactly") {
    test::ScratchDir d;
    for (const char* format : {"grays", "rgbs"}) {
        INFO(format);
        VideoInfo info;
        info.format = pixel::parse_format_name(format);
        info.width = 13;
        info.height = 7;
        const pixel::Frame frame = test::noise_frame(info.format, 13, 7, 4);
        {
            pixel::ClipWriter out(d / "one.exr", info);
            out.write(frame);
            CHECK_THROWS_WITH(out.write(frame), Catch::Contains("holds one frame"));
            out.commit();
        }
        pixel::ClipReader in(d / "one.exr");
        pixel::Frame back;
        REQUIRE(in.next(back));
        CHECK(test::same_samples(back, frame));
    }
}

TEST_CASE("a failed sequence leaves none of its pictures, a finished one reads back through FFmpeg") {
    test::ScratchDir d;
    VideoInfo info;
    info.format = pixel::parse_format_name("gray16");
    info.width = 9;
    info.height = 5;
    {
        pixel::ClipWriter out(d / "f_%03d.png", info);
        CHECK(out.kind() == pixel::ClipWriter::Kind::Sequence);
        out.write(test::noise_frame(info.format, 9, 5, 0));
        out.write(test::noise_frame(info.format, 9, 5, 1));
        CHECK(d.entries() == 2);
    }  // not committed: as if the command failed
    CHECK(d.entries() == 0);
    {
        pixel::ClipWriter out(d / "f_%03d.png", info);
        for (int n = 0; n < 3; ++n) out.write(test::noise_frame(info.format, 9, 5, n));
        out.commit();
    }
    CHECK(d.entries() == 3);
    pixel::ClipReader in(d / "f_%03d.png");
    pixel::Frame f;
    int n = 0;
    for (; in.next(f); ++n) CHECK(test::same_samples(f, test::noise_frame(info.format, 9, 5, n)));
    CHECK(n == 3);
}

TEST_CASE("FFV1 tiny frames: every size from 2x2 comes back exactly and 1-pixel rows or columns are refused") {
    // FFmpeg 5.1's FFV1 garbles 4x2 frames with its default slicing (found by hand): the
    // writer uses one slice below 3 pixels and refuses 1-pixel sizes (ffmpeg_writer.cpp).
    test::ScratchDir d;
    const char* formats[] = {"gray8", "gray16", "yuv420p8", "yuv444p10", "rgb24"};
    for (const char* name : formats)
        for (int w : {2, 3, 4, 5})
            for (int h : {2, 3, 4}) {
                VideoInfo info;
                info.format = pixel::parse_format_name(name);
                if (info.format.ss_w && (w % 2 || h % 2)) continue;  // FFmpeg encodes 4:2:0 at even sizes
                info.width = w;
                info.height = h;
                INFO(name << " " << w << "x" << h);
                const std::string path = d / "tiny.mkv";
                std::vector<pixel::Frame> written;
                {
                    pixel::ClipWriter out(path, info);
                    for (int n = 0; n < 2; ++n) {
                        written.push_back(test::noise_frame(info.format, w, h, n));
                        out.write(written.back());
                    }
                    out.commit();
                }
                pixel::ClipReader in(path);
                pixel::Frame f;
                int n = 0;
                for (; in.next(f); ++n) {
                    REQUIRE(n < 2);
                    CHECK(test::same_samples(f, written[std::size_t(n)]));
                }
                CHECK(n == 2);
            }
    for (const auto& [w, h] : {std::pair{1, 4}, std::pair{4, 1}, std::pair{1, 1}}) {
        VideoInfo info;
        info.format = pixel::parse_format_name("gray8");
        info.width = w;
        info.height = h;
        INFO(w << "x" << h);
        const std::string path = d / "thin.mkv";
        CHECK_THROWS_WITH(pixel::ClipWriter(path, info), Catch::Contains("narrower or shorter than 2 pixels") &&
                                                              Catch::Contains("write y4m"));
        CHECK_FALSE(std::filesystem::exists(path));
    }
}
