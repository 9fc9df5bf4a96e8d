// Hostile sizes are rejected with a UserError before any large allocation (issue 7).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "filters/base/error.hpp"
#include "filters/expr/parser.hpp"
#include "pixel/expr/expr_filter.hpp"
#include "pixel/io/y4m.hpp"
#include "tests/fuzz/entries.hpp"

using Catch::Matchers::Contains;

namespace {
rigor::fuzz::Bytes bytes_of(const std::string& s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }
}  // namespace

TEST_CASE("a y4m header claiming more than memory is rejected before reading frames") {
    std::istringstream in("YUV4MPEG2 W2000000000 H2000000000 C444p16\nFRAME\n");
    CHECK_THROWS_WITH(rigor::pixel::Y4mReader(in, "huge.y4m"), Contains("larger than this machine's memory"));
    std::istringstream overflow("YUV4MPEG2 W2147483647 H2147483647 C444ps\n");
    CHECK_THROWS_AS(rigor::pixel::Y4mReader(overflow, "overflow.y4m"), rigor::UserError);
}

TEST_CASE("pictures claiming impossible sizes are rejected") {
    CHECK_THROWS_AS(rigor::fuzz::pfm_picture(bytes_of("Pf\n2000000000 2000000000\n-1.0\n\0\0\0\0")), rigor::UserError);
    CHECK_THROWS_AS(rigor::fuzz::pfm_picture(bytes_of("PF\n-5 3\n-1.0\n")), rigor::UserError);
}

TEST_CASE("an expression of millions of tokens is rejected") {
    std::string program = "x";
    for (int i = 0; i < 1100000; ++i) program += " 1 +";
    CHECK_THROWS_WITH(rigor::expr::parse(program), Contains("tokens is too long"));
    const std::string huge(std::size_t(17) << 20, ' ');
    CHECK_THROWS_WITH(rigor::expr::parse(huge), Contains("bytes is too long"));
}

TEST_CASE("sort counts beyond the stack or the limit are rejected") {
    CHECK_THROWS_WITH(rigor::expr::parse("x y sort3"), Contains("insufficient values on stack"));
    CHECK_THROWS_WITH(rigor::expr::parse("x sort2147483647"), Contains("cannot sort more than"));
    CHECK_THROWS_AS(rigor::expr::parse("x drop2147483647"), rigor::UserError);
    CHECK_THROWS_AS(rigor::expr::parse("x dup2147483647"), rigor::UserError);
    CHECK_THROWS_AS(rigor::expr::parse("x y swap2147483647"), rigor::UserError);
    std::string window;
    for (int i = 0; i < 25; ++i) window += "x ";
    CHECK_NOTHROW(rigor::expr::parse(window + "sort25 drop12 swap12 drop12"));  // a 5×5 median
}

TEST_CASE("relative offsets beyond ±2^24 are rejected, beyond the frame they keep reflecting") {
    using namespace rigor::pixel;
    using rigor::pixel::expr::ExprFilter;
    using rigor::pixel::expr::ExprSettings;
    const VideoFormat gray8{};
    const std::array<VideoFormat, 1> formats{gray8};
    auto filter = [&](const std::string& e) {
        ExprSettings s;
        s.expressions = {e};
        return ExprFilter(s, formats, 16, 8);
    };
    CHECK_THROWS_WITH(filter("x[16777217,0]"), Contains("is beyond ±16777216"));
    CHECK_THROWS_WITH(filter("x[0,-2147483648]:m"), Contains("is beyond ±16777216"));
    CHECK_THROWS_AS(filter("x[2000000000,2000000000]:c"), rigor::UserError);
    const ExprFilter ok = filter("x[-16,8]:m x[16,-8]:c + x[16777216,-16777216]:m +");
    Frame in(gray8, 16, 8), out(gray8, 16, 8);
    const std::array<const Frame*, 1> inputs{&in};
    CHECK_NOTHROW(ok.process(inputs, 0, out));
}
