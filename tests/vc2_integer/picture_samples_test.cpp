// pixel/vc2/picture_samples: code values ↔ signed VC-2 samples (ST 2042-1 15.5 offset),
// plane selection, clamping, and the picture/y4m files around them.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

#include "pixel/io/picture.hpp"
#include "pixel/io/y4m.hpp"
#include "pixel/vc2/picture_samples.hpp"
#include "tool_helpers.hpp"

using rigor::vc2::SampleArray;
namespace pixel = rigor::pixel;

namespace {

pixel::VideoFormat integer_format(pixel::ColorFamily family, int bits, int ss_w = 0, int ss_h = 0) {
    pixel::VideoFormat f;
    f.family = family;
    f.bits = bits;
    f.ss_w = ss_w;
    f.ss_h = ss_h;
    return f;
}

// Sets sample (x, y) of plane p to `v` whatever the sample size.
void put(pixel::Frame& frame, int p, int x, int y, unsigned v) {
    if (frame.plane(p).bytes_per_sample() == 1) frame.plane(p).row_as<std::uint8_t>(y)[x] = static_cast<std::uint8_t>(v);
    else frame.plane(p).row_as<std::uint16_t>(y)[x] = static_cast<std::uint16_t>(v);
}

}  // namespace

TEST_CASE("signed samples: code value minus 2^(B-1), per plane at its own size") {
    pixel::Frame gray8(integer_format(pixel::ColorFamily::Gray, 8), 3, 1);
    put(gray8, 0, 0, 0, 0);
    put(gray8, 0, 1, 0, 128);
    put(gray8, 0, 2, 0, 255);
    CHECK(rigor::pixel::vc2::signed_samples(gray8, 0, "g8").samples == std::vector<std::int64_t>{-128, 0, 127});

    pixel::Frame gray16(integer_format(pixel::ColorFamily::Gray, 16), 2, 1);
    put(gray16, 0, 0, 0, 0);
    put(gray16, 0, 1, 0, 65535);
    CHECK(rigor::pixel::vc2::signed_samples(gray16, 0, "g16").samples == std::vector<std::int64_t>{-32768, 32767});

    // 4:2:0 10-bit, odd size 7x5: chroma is 4x3 (sizes round up).
    pixel::Frame yuv(integer_format(pixel::ColorFamily::YUV, 10, 1, 1), 7, 5);
    put(yuv, 1, 0, 0, 0);
    put(yuv, 1, 3, 2, 1023);
    put(yuv, 2, 1, 1, 700);
    const SampleArray u = rigor::pixel::vc2::signed_samples(yuv, 1, "yuv");
    CHECK(u.width == 4);
    CHECK(u.height == 3);
    CHECK(u.at(0, 0) == -512);
    CHECK(u.at(3, 2) == 511);
    CHECK(u.at(1, 1) == -512);  // zero-filled: code 0
    CHECK(rigor::pixel::vc2::signed_samples(yuv, 2, "yuv").at(1, 1) == 700 - 512);
    CHECK(rigor::pixel::vc2::signed_samples(yuv, 0, "yuv").width == 7);
}

TEST_CASE("signed samples: float frames and missing planes are refused, naming the input") {
    pixel::Frame grays(integer_format(pixel::ColorFamily::Gray, 8).with_samples(pixel::SampleType::Float, 32), 2, 2);
    CHECK_THROWS_WITH(rigor::pixel::vc2::signed_samples(grays, 0, "a.pfm"),
                      Catch::Contains("a.pfm: float samples (grays) cannot go through the integer VC-2 transform"));
    pixel::Frame gray(integer_format(pixel::ColorFamily::Gray, 8), 2, 2);
    CHECK_THROWS_WITH(rigor::pixel::vc2::signed_samples(gray, 1, "g.png"),
                      "g.png: no plane 1 (gray8 has plane 0 only)");
    pixel::Frame yuv(integer_format(pixel::ColorFamily::YUV, 10, 1, 1), 4, 4);
    CHECK_THROWS_WITH(rigor::pixel::vc2::signed_samples(yuv, 3, "v.y4m"),
                      "v.y4m: no plane 3 (yuv420p10 has planes 0 to 2)");
    CHECK_THROWS_WITH(rigor::pixel::vc2::signed_samples(yuv, -1, "v.y4m"), Catch::Contains("no plane -1"));
}

TEST_CASE("offset picture: the inverse of signed samples in range, clamped outside") {
    const unsigned seed = Catch::rngSeed() ? Catch::rngSeed() : 20250101u;
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    for (int bits : {8, 10, 12, 16}) {
        INFO("bits " << bits);
        const std::int64_t half = std::int64_t{1} << (bits - 1);
        std::uniform_int_distribution<std::int64_t> sample(-half, half - 1);
        SampleArray s(9, 4);
        for (auto& v : s.samples) v = sample(rng);
        s.at(0, 0) = -half;
        s.at(1, 0) = half - 1;
        const auto picture = rigor::pixel::vc2::offset_picture(s, bits);
        CHECK(picture.clamped == 0);
        CHECK(picture.frame.format() == integer_format(pixel::ColorFamily::Gray, bits));
        CHECK(rigor::pixel::vc2::signed_samples(picture.frame, 0, "x") == s);

        SampleArray wide(4, 1);
        wide.samples = {-half - 1, half, -half - 1000, 3};
        const auto clamped = rigor::pixel::vc2::offset_picture(wide, bits);
        CHECK(clamped.clamped == 3);
        CHECK(rigor::pixel::vc2::signed_samples(clamped.frame, 0, "x").samples ==
              std::vector<std::int64_t>{-half, half - 1, -half, 3});
    }
    CHECK_THROWS_WITH(rigor::pixel::vc2::offset_picture(SampleArray(1, 1), 7),
                      Catch::Contains("bit depth of 8 to 16, not 7"));
    CHECK_THROWS_WITH(rigor::pixel::vc2::offset_picture(SampleArray(1, 1), 17),
                      Catch::Contains("bit depth of 8 to 16, not 17"));
}

TEST_CASE("signed pictures through files: PNG, TIFF and y4m keep samples and depth") {
    const auto dir = vc2_test::scratch("picture_samples");
    SampleArray s(6, 3);
    for (std::size_t i = 0; i < s.samples.size(); ++i) s.samples[i] = static_cast<std::int64_t>(i * 37 % 200) - 100;
    for (const auto& [name, bits] : std::vector<std::pair<std::string, int>>{
             {"a.png", 8}, {"b.png", 16}, {"c.TIF", 16}, {"d.tiff", 8}, {"e.y4m", 10}, {"f.y4m", 12}}) {
        INFO(name);
        const std::string path = (dir / name).string();
        {
            std::ofstream out(path, std::ios::binary);
            CHECK(rigor::pixel::vc2::write_signed_picture(out, path, s, bits) == 0);
        }
        const auto back = rigor::pixel::vc2::read_signed_picture(path, 0, 0);
        CHECK(back.bits == bits);
        CHECK(back.samples == s);
    }
    std::ostringstream sink;
    CHECK_THROWS_WITH(rigor::pixel::vc2::write_signed_picture(sink, "x.png", s, 10),
                      "x.png: PNG and TIFF hold 8 or 16-bit samples, not 10 (write y4m or JSON for this depth)");
    CHECK_THROWS_WITH(rigor::pixel::vc2::write_signed_picture(sink, "x.y4m", s, 20),
                      Catch::Contains("y4m holds 8 to 16-bit samples, not 20"));
    CHECK_THROWS_WITH(rigor::pixel::vc2::write_signed_picture(sink, "x.pfm", s, 8),
                      Catch::Contains("PFM holds float samples"));
    CHECK_THROWS_WITH(rigor::pixel::vc2::write_signed_picture(sink, "x.bmp", s, 8),
                      Catch::Contains("not a PNG, TIFF or y4m"));
    CHECK(sink.str().empty());
    CHECK_THROWS_WITH(rigor::pixel::vc2::read_signed_picture((dir / "a.png").string(), 0, 1),
                      Catch::Contains("a picture file has only frame 0, not frame 1"));
    CHECK_THROWS_WITH(rigor::pixel::vc2::read_signed_picture((dir / "e.y4m").string(), 0, 2),
                      Catch::Contains("e.y4m: no frame 2 (the stream has 1 frame)"));
    CHECK_THROWS_WITH(rigor::pixel::vc2::read_signed_picture((dir / "e.y4m").string(), 1, 0),
                      Catch::Contains("e.y4m frame 0: no plane 1 (gray10 has plane 0 only)"));
    CHECK_THROWS_WITH(rigor::pixel::vc2::read_signed_picture((dir / "z.pfm").string(), 0, 0),
                      Catch::Contains("z.pfm: PFM holds float samples"));
    CHECK(rigor::pixel::vc2::is_picture_or_y4m_path("x.Y4M"));
    CHECK_FALSE(rigor::pixel::vc2::is_picture_or_y4m_path("x.json"));
}
