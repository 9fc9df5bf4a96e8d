// plane_stats (std.PlaneStats): against a brute-force computation on small random
// frames at 8, 10, 16 bits, half and float, every plane of 4:2:0, the difference to a
// second frame, hand-computed values, errors, and the JSON entries read back by select's
// property-list reader.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/io/format.hpp"
#include "pixel/io/frame.hpp"
#include "pixel/io/half.hpp"
#include "pixel/select/plane_stats.hpp"
#include "pixel/select/property_list.hpp"

using rigor::pixel::Frame;
using rigor::pixel::parse_format_name;
using rigor::pixel::select::plane_stats;
using rigor::pixel::select::PlaneStats;
using rigor::pixel::select::PlaneStatsNames;

namespace {

// A frame of random samples: any code value for integers (extremes included), floats in
// [-0.5, 1.5] (outside the nominal range on purpose), halves of such floats.
Frame random_frame(const std::string& format, int w, int h, std::mt19937& rng) {
    Frame f(parse_format_name(format), w, h);
    const auto& fmt = f.format();
    std::uniform_real_distribution<float> real(-0.5f, 1.5f);
    std::uniform_int_distribution<unsigned> code(0, (1u << (fmt.is_float() ? 1 : fmt.bits)) - 1u);
    for (int p = 0; p < f.planes(); ++p)
        for (int y = 0; y < f.plane(p).height(); ++y)
            for (int x = 0; x < f.plane(p).width(); ++x) {
                if (!fmt.is_float() && fmt.bits == 8) f.plane(p).row_as<std::uint8_t>(y)[x] = std::uint8_t(code(rng));
                else if (!fmt.is_float()) f.plane(p).row_as<std::uint16_t>(y)[x] = std::uint16_t(code(rng));
                else if (fmt.bits == 16) f.plane(p).row_as<std::uint16_t>(y)[x] = rigor::pixel::float_to_half(real(rng));
                else f.plane(p).row_as<float>(y)[x] = real(rng);
            }
    return f;
}

// Sample (x, y) of plane p as a double.
double sample(const Frame& f, int p, int x, int y) {
    const auto& fmt = f.format();
    if (!fmt.is_float()) return fmt.bits == 8 ? f.plane(p).row_as<std::uint8_t>(y)[x] : f.plane(p).row_as<std::uint16_t>(y)[x];
    if (fmt.bits == 16) return rigor::pixel::half_to_float(f.plane(p).row_as<std::uint16_t>(y)[x]);
    return f.plane(p).row_as<float>(y)[x];
}

// The definition, spelled out: every sample into a list, then min, max and the sums.
PlaneStats brute_force(const Frame& a, int p, const Frame* b) {
    std::vector<double> va, diffs;
    for (int y = 0; y < a.plane(p).height(); ++y)
        for (int x = 0; x < a.plane(p).width(); ++x) {
            va.push_back(sample(a, p, x, y));
            if (b) diffs.push_back(std::abs(sample(a, p, x, y) - sample(*b, p, x, y)));
        }
    const double scale = a.format().is_float() ? 1.0 : a.format().max_code();
    PlaneStats s;
    s.integer = !a.format().is_float();
    s.min = *std::min_element(va.begin(), va.end());
    s.max = *std::max_element(va.begin(), va.end());
    double sum = 0, dsum = 0;  // integers: exact in double at these sizes
    for (double v : va) sum += v;
    for (double d : diffs) dsum += d;
    s.average = sum / (double(va.size()) * scale);
    if (b) s.diff = dsum / (double(va.size()) * scale);
    return s;
}

Frame gray8(int w, int h, std::vector<int> values) {
    Frame f(parse_format_name("gray8"), w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) f.plane(0).row_as<std::uint8_t>(y)[x] = std::uint8_t(values[std::size_t(y * w + x)]);
    return f;
}

}  // namespace

TEST_CASE("plane stats: hand-computed values, integer min/max as code values", "[select]") {
    const Frame a = gray8(2, 2, {0, 255, 51, 102});
    const Frame b = gray8(2, 2, {10, 250, 51, 0});
    const PlaneStats s = plane_stats(a, 0, &b);
    CHECK(s.integer);
    CHECK(s.min == 0);
    CHECK(s.max == 255);
    CHECK(s.average == 408.0 / 1020.0);       // 0.4
    CHECK(*s.diff == (10.0 + 5 + 0 + 102) / 1020.0);
    CHECK_FALSE(plane_stats(a, 0).diff);
    CHECK(plane_stats(a, 0, &a).diff == 0.0);
}

TEST_CASE("plane stats equal a brute-force computation at every depth and plane", "[select]") {
    std::mt19937 rng(16);
    for (const std::string format : {"gray8", "gray10", "gray16", "grayh", "grays", "yuv420p8", "yuv420p10",
                                     "yuv422p16", "yuv444ps", "yuv420ph"}) {
        for (int trial = 0; trial < 4; ++trial) {
            const int w = 1 + int(rng() % 23), h = 1 + int(rng() % 17);
            INFO(format << " " << w << "x" << h);
            const Frame a = random_frame(format, w, h, rng);
            const Frame b = random_frame(format, w, h, rng);
            for (int p = 0; p < a.planes(); ++p) {
                INFO("plane " << p);
                const PlaneStats got = plane_stats(a, p, &b), want = brute_force(a, p, &b);
                CHECK(got.integer == want.integer);
                CHECK(got.min == want.min);
                CHECK(got.max == want.max);
                CHECK(got.average == want.average);
                CHECK(*got.diff == want.diff.value());
                if (got.integer) {
                    CHECK(got.average >= 0.0);
                    CHECK(got.average <= 1.0);
                    CHECK(*got.diff <= 1.0);
                }
            }
        }
    }
}

TEST_CASE("plane stats: extremes of a 16-bit plane are exact (no overflow)", "[select]") {
    Frame a(parse_format_name("gray16"), 300, 300);
    for (int y = 0; y < 300; ++y) std::fill_n(a.plane(0).row_as<std::uint16_t>(y), 300, std::uint16_t(65535));
    Frame b(parse_format_name("gray16"), 300, 300);
    const PlaneStats s = plane_stats(a, 0, &b);
    CHECK(s.min == 65535);
    CHECK(s.average == 1.0);
    CHECK(*s.diff == 1.0);
}

TEST_CASE("plane stats: a missing plane or a mismatched second frame is an error", "[select]") {
    std::mt19937 rng(3);
    const Frame a = random_frame("gray8", 4, 4, rng);
    CHECK_THROWS_WITH(plane_stats(a, 1), Catch::Contains("plane 1 does not exist: gray8 has 1 plane(s)"));
    CHECK_THROWS_WITH(plane_stats(a, -1), Catch::Contains("plane -1 does not exist"));
    const Frame other = random_frame("gray10", 4, 4, rng);
    CHECK_THROWS_WITH(plane_stats(a, 0, &other), Catch::Contains("a difference needs one format and size"));
    const Frame small = random_frame("gray8", 4, 3, rng);
    CHECK_THROWS_AS(plane_stats(a, 0, &small), rigor::UserError);
}

TEST_CASE("plane stats JSON entries read back by select's property list exactly", "[select]") {
    std::mt19937 rng(7);
    const PlaneStatsNames names("Luma");
    std::vector<PlaneStats> stats;
    std::string text = "[";
    for (const std::string format : {"gray8", "gray10", "grays", "grayh"}) {
        const Frame a = random_frame(format, 7, 5, rng), b = random_frame(format, 7, 5, rng);
        stats.push_back(plane_stats(a, 0, &b));
        stats.push_back(plane_stats(a, 0));
    }
    for (std::size_t n = 0; n < stats.size(); ++n)
        text += (n ? "," : "") + rigor::pixel::select::plane_stats_json(stats[n], names);
    text += "]";
    CHECK(text.find("\"LumaMin\":") != std::string::npos);
    std::istringstream in(text);
    const std::vector<std::string> wanted = {"LumaMin", "LumaMax", "LumaAverage", "LumaDiff"};
    const auto frames = rigor::pixel::select::read_property_list(in, "stats.json", wanted);
    REQUIRE(frames.size() == stats.size());
    for (std::size_t n = 0; n < stats.size(); ++n) {
        INFO("entry " << n);
        CHECK(frames[n].at("LumaMin") == stats[n].min);
        CHECK(frames[n].at("LumaMax") == stats[n].max);
        CHECK(frames[n].at("LumaAverage") == stats[n].average);
        if (stats[n].diff) CHECK(frames[n].at("LumaDiff") == *stats[n].diff);
        else CHECK(frames[n].count("LumaDiff") == 0);
    }
    // Integer min/max are written as JSON integers, as PlaneStats sets them (mapSetInt).
    const std::string first = rigor::pixel::select::plane_stats_json(stats[0], names);
    CHECK(first.find("\"LumaMin\":" + std::to_string(std::int64_t(stats[0].min)) + ",") != std::string::npos);
}
