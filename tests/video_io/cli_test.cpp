// Video through build/bin/rigor: y4m passes through byte for byte (files and pipes, and
// via Matroska), FFmpeg's own files (lossless H.264 in mp4, FFV1 in nut) decode to the
// frames ffmpeg decodes, --frames seeks to the same frames as reading from the start,
// and a bad container or output gives one line, exit 1 and no output file.
#include <catch2/catch.hpp>

#include "tests/support/cli_scratch.hpp"
#include "tests/video_io/video_test_util.hpp"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pixel/io/clip_reader.hpp"
#include "pixel/io/clip_writer.hpp"
#include "pixel/io/y4m.hpp"

using namespace rigor;
namespace fs = std::filesystem;

namespace {

const std::string kRigor = std::string(RIGOR_BIN_DIR) + "/rigor";

// A y4m file with exactly this header line and `frames` noise frames.
std::string write_y4m(const std::string& path, const std::string& header_line, int frames) {
    std::istringstream header_only(header_line + "\n");
    const pixel::Y4mHeader h = pixel::Y4mReader(header_only, "header").header();
    std::string bytes = header_line + "\n";
    for (int n = 0; n < frames; ++n) {
        const pixel::Frame f = test::noise_frame(h.format, h.width, h.height, n);
        std::ostringstream frame;
        pixel::Y4mHeader plain = h;
        pixel::Y4mWriter(frame, plain).write_frame(f);
        const std::string s = frame.str();
        bytes += s.substr(s.find("FRAME\n"));  // the frame after the writer's own header
    }
    std::ofstream(path, std::ios::binary) << bytes;
    return bytes;
}

// Everything after the header line: the frames.
std::string frames_of(const std::string& y4m) { return y4m.substr(y4m.find('\n') + 1); }

// One line on stderr naming the problem, exit 1, and the folder as it was.
void check_refused(const std::string& args, const std::string& words, const test::ScratchDir& d) {
    INFO(args);
    const std::size_t before = d.entries();
    const test::Captured c = test::run_capture(kRigor + " expr " + args, d);
    CHECK(c.code == 1);
    CHECK(c.out.empty());
    CHECK_THAT(c.err, Catch::StartsWith("rigor expr: error: ") && Catch::Contains(words));
    CHECK(std::count(c.err.begin(), c.err.end(), '\n') == 1);
    CHECK(d.entries() == before);
}

}  // namespace

TEST_CASE("rigor expr: y4m in and out is unchanged byte for byte, also through a pipe and through Matroska") {
    REQUIRE(fs::exists(kRigor));
    test::ScratchDir d;
    const std::vector<std::string> headers = {
        "YUV4MPEG2 W45 H21 F30000:1001 Ip A16:15 C420 XCOLORRANGE=LIMITED",
        "YUV4MPEG2 W45 H21 F25:1 Ip A0:0 C420mpeg2",
        "YUV4MPEG2 W45 H21 F25:1 It A1:1 C420paldv XCOLORRANGE=FULL",
        "YUV4MPEG2 W16 H9 F24:1 Ip A1:1 C422p10 XCOLORRANGE=LIMITED",
        "YUV4MPEG2 W16 H9 F60:1 Ib A0:0 C444p16",
        "YUV4MPEG2 W7 H3 F25:1 Ip A0:0 Cmono",
        "YUV4MPEG2 W7 H3 F25:1 Ip A0:0 Cmono12",
    };
    for (const std::string& header : headers) {
        INFO(header);
        const std::string in = d / "in.y4m";
        const std::string bytes = write_y4m(in, header, 3);
        std::string err;
        REQUIRE(test::run(kRigor + " expr -q -e '' -o " + (d / "out.y4m") + " " + in, d, &err) == 0);
        CHECK(err.empty());
        CHECK(test::slurp(d / "out.y4m") == bytes);
        REQUIRE(test::run("cat " + in + " | " + kRigor + " expr -e '' -o - - >" + (d / "piped.y4m"), d) == 0);
        CHECK(test::slurp(d / "piped.y4m") == bytes);
        REQUIRE(test::run(kRigor + " expr -e '' -o " + (d / "via.mkv") + " " + in, d) == 0);
        REQUIRE(test::run(kRigor + " expr -e '' -o " + (d / "back.y4m") + " " + (d / "via.mkv"), d) == 0);
        CHECK(test::slurp(d / "back.y4m") == bytes);
        // A container on standard input, and ffmpeg reading rigor's container.
        REQUIRE(test::run("cat " + (d / "via.mkv") + " | " + kRigor + " expr -e '' -o - - >" + (d / "stdin.y4m"), d) ==
                0);
        CHECK(test::slurp(d / "stdin.y4m") == bytes);
        REQUIRE(test::run("ffmpeg -v error -y -i " + (d / "via.mkv") + " -f yuv4mpegpipe -strict -1 " + (d / "ff.y4m"),
                          d) == 0);
        CHECK(frames_of(test::slurp(d / "ff.y4m")) == frames_of(bytes));
    }
}

TEST_CASE("rigor expr: FFmpeg's files decode to the frames ffmpeg decodes, mp4 out is lossless H.264") {
    test::ScratchDir d;
    const std::string src = "-f lavfi -i testsrc2=size=48x32:rate=25 -frames:v 30";
    struct Input {
        std::string name, encode;
    };
    const std::vector<Input> inputs = {
        {"h264.mp4", "-pix_fmt yuv420p -c:v libx264 -qp 0 -g 10 -bf 2"},  // B frames: decode order differs
        {"h264-10.mp4", "-pix_fmt yuv422p10le -c:v libx264 -qp 0 -g 7"},
        {"ffv1.nut", "-pix_fmt yuv444p12le -c:v ffv1"},
        {"prores.mov", "-pix_fmt yuv422p10le -c:v prores_ks"},
    };
    for (const Input& in : inputs) {
        INFO(in.name);
        REQUIRE(test::run("ffmpeg -v error -y " + src + " " + in.encode + " " + (d / in.name), d) == 0);
        REQUIRE(test::run("ffmpeg -v error -y -i " + (d / in.name) + " -f yuv4mpegpipe -strict -1 " + (d / "ff.y4m"),
                          d) == 0);
        const std::string ff = frames_of(test::slurp(d / "ff.y4m"));
        REQUIRE(test::run(kRigor + " expr -e '' -o " + (d / "r.y4m") + " " + (d / in.name), d) == 0);
        CHECK(frames_of(test::slurp(d / "r.y4m")) == ff);
        // Seeking: --frames A:B gives the frames reading from the start gives.
        REQUIRE(test::run(kRigor + " expr -e '' --frames 21:24 -o " + (d / "part.y4m") + " " + (d / in.name), d) == 0);
        const std::size_t frame_bytes = ff.size() / 30;
        CHECK(frames_of(test::slurp(d / "part.y4m")) == ff.substr(21 * frame_bytes, 3 * frame_bytes));
    }
    // mp4 out: H.264 with qp 0, which ffmpeg decodes to the same frames.
    REQUIRE(test::run(kRigor + " expr -e '' -o " + (d / "out.mp4") + " " + (d / "h264-10.mp4"), d) == 0);
    REQUIRE(test::run("ffmpeg -v error -y -i " + (d / "out.mp4") + " -f yuv4mpegpipe -strict -1 " + (d / "ff2.y4m"), d) ==
            0);
    REQUIRE(test::run("ffmpeg -v error -y -i " + (d / "h264-10.mp4") + " -f yuv4mpegpipe -strict -1 " + (d / "ff.y4m"),
                      d) == 0);
    CHECK(test::slurp(d / "ff2.y4m") == test::slurp(d / "ff.y4m"));
    // Seeking in rigor's own FFV1 Matroska (every frame a key frame).
    REQUIRE(test::run(kRigor + " expr -e '' -o " + (d / "all.mkv") + " " + (d / "ffv1.nut"), d) == 0);
    REQUIRE(test::run(kRigor + " expr -e '' --frames 25:27 -o " + (d / "p.y4m") + " " + (d / "all.mkv"), d) == 0);
    REQUIRE(test::run(kRigor + " expr -e '' --frames 25:27 -o " + (d / "q.y4m") + " " + (d / "ffv1.nut"), d) == 0);
    CHECK(test::slurp(d / "p.y4m") == test::slurp(d / "q.y4m"));
}

TEST_CASE("rigor expr: bad containers and outputs give one line, exit 1 and no output file") {
    test::ScratchDir d;
    // (-frames:v once per output: ffmpeg applies an option to the next output only.)
    const std::string src = "ffmpeg -v error -y -f lavfi -i testsrc2=size=64x48:rate=25 ";
    REQUIRE(test::run(src + "-frames:v 10 -pix_fmt yuv420p -c:v ffv1 " + (d / "good.mkv") +
                          " -frames:v 10 -pix_fmt yuv420p -c:v ffv1 " + (d / "good.nut") +
                          " -frames:v 2 -pix_fmt yuv444p16le -c:v ffv1 " + (d / "deep.mkv") +
                          " -frames:v 2 -pix_fmt gray -c:v ffv1 " + (d / "gray.mkv"),
                      d) == 0);
    const std::string good = test::slurp(d / "good.mkv"), nut = test::slurp(d / "good.nut");
    std::ofstream(d / "garbage.mkv", std::ios::binary) << "this is not a video\n";
    std::ofstream(d / "empty.mkv", std::ios::binary);
    std::ofstream(d / "cut.mkv", std::ios::binary) << good.substr(0, good.size() * 2 / 3);
    std::ofstream(d / "cut.nut", std::ios::binary) << nut.substr(0, nut.size() * 2 / 3);
    std::ofstream(d / "list.m3u8", std::ios::binary) << "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n"
                                                     << d / "good.mkv" << "\n#EXT-X-ENDLIST\n";
    const std::string out = " -o " + (d / "out.mkv") + " ";
    check_refused("-e ''" + out + (d / "garbage.mkv"), "not a video file FFmpeg can read", d);
    check_refused("-e ''" + out + (d / "empty.mkv"), "empty.mkv: the file is empty", d);
    check_refused("-e ''" + out + (d / "cut.mkv"), "truncated", d);
    check_refused("-e ''" + out + (d / "cut.nut"), "truncated", d);
    check_refused("-e ''" + out + (d / "list.m3u8"), "self-contained video files only", d);
    check_refused("-e ''" + out + (d / "missing.mkv"), "cannot read '" + (d / "missing.mkv") + "'", d);
    check_refused("-e '' -o " + (d / "out.mp4") + " " + (d / "deep.mkv"), "libx264 encoder cannot hold yuv444p16", d);
    check_refused("-e 'x 255 /' --format yuv420ps -o " + (d / "out.mkv") + " " + (d / "good.mkv"), "no video codec for float", d);
    check_refused("-e '' -o " + (d / "out.webp") + " " + (d / "good.mkv"), "holds neither FFV1 nor H.264", d);
    check_refused("-e '' -o " + (d / "out.xyz") + " " + (d / "good.mkv"), "not a format rigor writes", d);
    check_refused("-e '' -o " + (d / "out.png") + " " + (d / "good.mkv"), "gray or RGB", d);
    check_refused("-e '' -o " + (d / "out.png") + " " + (d / "gray.mkv"), "holds one frame", d);
    check_refused("-e '' -o " + (d / "out.y4m") + " " + (d / "cut.mkv"), "truncated", d);
    REQUIRE(test::run("printf 'garbage' | " + kRigor + " expr -e '' -o " + (d / "out.y4m") + " -", d) == 1);
    CHECK_FALSE(fs::exists(d / "out.y4m"));
}

TEST_CASE("rigor expr and select: options override the metadata and choose the container and encoder") {
    test::ScratchDir d;
    const std::string in = d / "in.y4m";
    const std::string bytes = write_y4m(in, "YUV4MPEG2 W16 H8 F25:1 Ip A1:1 C420mpeg2 XCOLORRANGE=LIMITED", 2);
    const std::string options =
        " --matrix bt2020nc --primaries 9 --transfer arib-std-b67 --range full --chromaloc top_left --fps 50/1 "
        "--sar 4:3 --field-order top_first --container matroska --codec ffv1 --codec-option slices=4 -o - ";
    for (const char* command : {"expr -e ''", "select -e '0'"}) {
        INFO(command);
        REQUIRE(test::run(kRigor + " " + std::string(command) + options + in + " >" + (d / "out.mkv"), d) == 0);
        const test::Captured probe = test::run_capture(
            "ffprobe -v error -show_entries stream=codec_name,color_range,color_space,color_primaries,color_transfer,"
            "chroma_location,field_order,r_frame_rate,sample_aspect_ratio -of compact " + (d / "out.mkv"),
            d);
        CHECK(probe.out ==
              "stream|codec_name=ffv1|sample_aspect_ratio=4:3|color_range=pc|color_space=bt2020nc|color_transfer=arib-"
              "std-b67|color_primaries=bt2020|chroma_location=topleft|field_order=tt|r_frame_rate=50/1\n");
        // The samples are the input's.
        REQUIRE(test::run(kRigor + " expr -e '' -o " + (d / "back.y4m") + " " + (d / "out.mkv"), d) == 0);
        CHECK(frames_of(test::slurp(d / "back.y4m")) == frames_of(bytes));
    }
    // Argument mistakes exit 2 with the option's name; an unknown encoder or option, 1.
    const std::string out = " -o " + (d / "x.mkv") + " " + in;
    const std::pair<std::string, int> mistakes[] = {
        {"--matrix bogus", 2}, {"--fps 0/1", 2}, {"--range studio", 2}, {"--field-order sideways", 2},
        {"--codec-option slices", 2}, {"--codec nonesuch", 1}, {"--codec-option nope=1", 1},
    };
    for (const auto& [args, code] : mistakes) {
        INFO(args);
        std::string err;
        CHECK(test::run(kRigor + " expr -e '' " + args + out, d, &err) == code);
        CHECK(std::count(err.begin(), err.end(), '\n') == 1);
    }
    std::string err;
    CHECK(test::run(kRigor + " expr -e '' --codec ffv1 -o " + (d / "x.y4m") + " " + in, d, &err) == 2);
    CHECK_THAT(err, Catch::Contains("apply to a video container output"));
    CHECK_FALSE(fs::exists(d / "x.mkv"));
    CHECK_FALSE(fs::exists(d / "x.y4m"));
}

TEST_CASE("rigor expr: containers written into a FIFO and a device, which stay what they are") {
    test::ScratchDir d;
    const std::string in = d / "in.y4m";
    const std::string bytes = write_y4m(in, "YUV4MPEG2 W16 H8 F25:1 Ip A1:1 C422p10 XCOLORRANGE=LIMITED", 3);
    const std::string fifo = d / "pipe.mkv";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // Matroska without seeking back (no index), as on any pipe; read back, the same frames.
    REQUIRE(test::run("cat " + fifo + " >" + (d / "got.mkv") + " & " + kRigor + " expr -e '' -o " + fifo + " " + in +
                          "; wait",
                      d) == 0);
    REQUIRE(test::run(kRigor + " expr -e '' -o " + (d / "back.y4m") + " " + (d / "got.mkv"), d) == 0);
    CHECK(test::slurp(d / "back.y4m") == bytes);
    struct stat st {};
    REQUIRE(::stat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    // A character device (a copy of /dev/null; the tests run as root in CI).
    const std::string device = d / "null.mp4";
    if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
        WARN("mknod not permitted (not root): device part skipped");
        return;
    }
    CHECK(test::run(kRigor + " expr -e '' -o " + device + " " + in, d) == 0);
    CHECK(test::run(kRigor + " expr -e '' -o " + device + " " + (d / "missing.mkv"), d) == 1);
    REQUIRE(::stat(device.c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("rigor regress reads EXR sequences and writes EXR, which FFmpeg reads back") {
    test::ScratchDir d;
    pixel::VideoInfo info;
    info.format = pixel::parse_format_name("grays");
    info.width = 24;
    info.height = 16;
    // y = 2 x exactly: every local regression has slope 2 and correlation 1.
    {
        pixel::ClipWriter xs(d / "x_%02d.exr", info), ys(d / "y_%02d.exr", info);
        for (int n = 0; n < 3; ++n) {
            pixel::Frame x = test::noise_frame(info.format, 24, 16, n), y = x;
            for (int r = 0; r < 16; ++r)
                for (int c = 0; c < 24; ++c) y.plane(0).row_as<float>(r)[c] = 2 * x.plane(0).row_as<float>(r)[c];
            xs.write(x);
            ys.write(y);
        }
        xs.commit();
        ys.commit();
    }
    REQUIRE(test::run(kRigor + " regress --x " + (d / "x_%02d.exr") + " --y " + (d / "y_%02d.exr") +
                          " --radius 1 --slope " + (d / "slope_%02d.exr") + " --correlation " + (d / "c.y4m"),
                      d) == 1);  // regress writes one picture or y4m: three planes into a .exr are refused
    CHECK_FALSE(fs::exists(d / "slope_%02d.exr"));
    REQUIRE(test::run(kRigor + " regress --x " + (d / "x_%02d.exr") + " --y " + (d / "y_%02d.exr") +
                          " --radius 1 --slope " + (d / "slope.y4m") + " --correlation " + (d / "c.y4m"),
                      d) == 0);
    REQUIRE(test::run(kRigor + " expr -e '' --frames 2:3 -o " + (d / "slope.exr") + " " + (d / "slope.y4m"), d) == 0);
    pixel::ClipReader slope(d / "slope.exr");
    pixel::Frame f;
    REQUIRE(slope.next(f));
    REQUIRE(f.format() == info.format);
    int near_two = 0;
    for (int r = 0; r < 16; ++r)
        for (int c = 0; c < 24; ++c) near_two += std::fabs(f.plane(0).row_as<float>(r)[c] - 2.0f) < 1e-3f;
    CHECK(near_two == 24 * 16);
}

TEST_CASE("rigor expr: a gray --format on YUV clips computes on their luma plane") {
    test::ScratchDir d;
    const std::string a = d / "a.y4m", b = d / "b.y4m";
    write_y4m(a, "YUV4MPEG2 W45 H21 F25:1 Ip A0:0 C420", 3);
    write_y4m(b, "YUV4MPEG2 W45 H21 F25:1 Ip A0:0 C422p10", 3);
    // x: 8-bit luma, y: 10-bit luma; grays output = x/255 + y (float), every frame.
    REQUIRE(test::run(kRigor + " expr -q -e 'x 255 / y +' --format grays -o " + (d / "out.y4m") + " " + a + " " + b, d) == 0);
    pixel::ClipReader in_a(a), in_b(b), out(d / "out.y4m");
    REQUIRE(out.format().name() == "grays");
    pixel::Frame fa, fb, fo;
    int frames = 0;
    while (out.next(fo)) {
        REQUIRE(in_a.next(fa));
        REQUIRE(in_b.next(fb));
        for (int y = 0; y < 21; ++y)
            for (int x = 0; x < 45; ++x) {
                const float want = float(fa.plane(0).row_as<std::uint8_t>(y)[x]) / 255.0f +
                                   float(fb.plane(0).row_as<std::uint16_t>(y)[x]);
                CHECK(fo.plane(0).row_as<float>(y)[x] == want);
            }
        ++frames;
    }
    CHECK(frames == 3);
    // RGB has no luma plane: still refused.
    const std::string rgb = d / "rgb.png";
    REQUIRE(test::run("ffmpeg -v error -y -f lavfi -i testsrc2=s=16x8 -frames:v 1 -pix_fmt rgb24 " + rgb, d) == 0);
    check_refused("-e 'x' --format gray8 -o " + (d / "o.png") + " " + rgb, "differs from the input", d);
}
