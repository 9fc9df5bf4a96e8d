// Every row of the spec's error table (message and position of the token), and y4m
// streams that must be refused with a clear message.
#include <catch2/catch.hpp>

#include <sstream>

#include "filters/base/error.hpp"
#include "filters/expr/parser.hpp"
#include "pixel/io/y4m.hpp"

using namespace rigor;

namespace {
std::string parse_error(const std::string& program, int clips = 3) {
    expr::ParseOptions o;
    o.clips = clips;
    try {
        expr::parse(program, o);
    } catch (const UserError& e) {
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("the spec's error table: message, token and position") {
    using Catch::Contains;
    CHECK_THAT(parse_error("x +"), Contains("insufficient values on stack: +") && Contains("token 2, column 3"));
    CHECK_THAT(parse_error("  x   y ? "), Contains("insufficient values on stack: ?") && Contains("token 3, column 9"));
    CHECK_THAT(parse_error("x x"), Contains("2 unconsumed values on stack: x x"));
    CHECK_THAT(parse_error("x y z 1"), Contains("4 unconsumed values on stack"));
    CHECK_THAT(parse_error(""), Contains("empty expression"));
    CHECK_THAT(parse_error("x drop"), Contains("empty expression"));
    CHECK_THAT(parse_error("x foo +"), Contains("unknown token 'foo' (token 2, column 3)"));
    CHECK_THAT(parse_error("x 1.2.3 +"), Contains("malformed number '1.2.3' (token 2, column 3)"));
    // issue 16: infix habits and missing functions say what is wrong and where
    CHECK_THAT(parse_error("sin(x)"), Contains("unknown token 'sin(x)' (token 1, column 1): Expr is postfix"));
    CHECK_THAT(parse_error("x 2 //"), Contains("unknown token '//' (token 3, column 5)"));
    CHECK_THAT(parse_error("x y 0.5 lerp"), Contains("unknown token 'lerp' (token 4, column 9)"));
    CHECK_THAT(parse_error("x -.5e +"), Contains("malformed number '-.5e'"));
    CHECK_THAT(parse_error("x foo +"), !Contains("to float"));
    CHECK_THAT(parse_error("x src2 +", 2), Contains("reference to undefined clip: src2") && Contains("token 2, column 3"));
    CHECK_THAT(parse_error("x z +", 2), Contains("reference to undefined clip: z"));
    CHECK_THAT(parse_error("x[1,1] a[0,0] +", 2), Contains("reference to undefined clip: a[0,0]"));
    CHECK_THAT(parse_error("1 a! x b@ +"), Contains("reference to uninitialized variable: b@") && Contains("token 4, column 8"));
    CHECK_THAT(parse_error("x dupx"), Contains("illegal token: dupx") && Contains("token 2, column 3"));
    CHECK_THAT(parse_error("x x swapy"), Contains("illegal token: swapy"));
    CHECK_THAT(parse_error("x x sort"), Contains("illegal token: sort"));
    CHECK_THAT(parse_error("x[1,z]"), !Contains("(no error)"));
    CHECK_THAT(parse_error("x[1.5,0]"), !Contains("(no error)"));
    // a valid program parses
    CHECK_THAT(parse_error("x y + 2 / a! a@ x[-1,1]:m +"), Contains("(no error)"));
}

namespace {
std::string y4m_error(const std::string& bytes, int frames_to_read = 1) {
    std::istringstream in(bytes);
    try {
        pixel::Y4mReader r(in, "in.y4m");
        pixel::Frame f;
        for (int i = 0; i < frames_to_read; ++i) r.read_frame(f);
    } catch (const UserError& e) {
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("y4m: bad headers, tags, truncated frames and absurd sizes") {
    using Catch::Contains;
    const std::string frame4x2 = "FRAME\n" + std::string(8, 'a');
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 H2 Cmono\n" + frame4x2), Contains("(no error)"));
    CHECK_THAT(y4m_error(""), Contains("not a y4m stream"));
    CHECK_THAT(y4m_error("RIFF0000WAVE"), Contains("not a y4m stream") && Contains("in.y4m"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 Cmono\n"), Contains("missing W or H"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 Hx Cmono\n"), Contains("malformed y4m header field 'Hx'"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 H2 F25 Cmono\n"), Contains("malformed y4m header field 'F25'"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 H2 Q7 Cmono\n"), Contains("malformed y4m header field 'Q7'"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W0 H2 Cmono\n"), Contains("not positive"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 H2 Crgb\n"), Contains("unknown y4m colour tag 'Crgb'"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 H2 C420p17\n"), Contains("unknown y4m colour tag"));
    // refused from the header alone, before any allocation (would be ~16 EB)
    CHECK_THAT(y4m_error("YUV4MPEG2 W2000000000 H2000000000 C444p16\n"), Contains("larger than this machine's memory"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 H2 Cmono\nFRAME\naaaa"), Contains("truncated y4m frame 0"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 H2 Cmono\n" + frame4x2 + "FRAME\nabc", 2), Contains("truncated y4m frame 1"));
    CHECK_THAT(y4m_error("YUV4MPEG2 W4 H2 Cmono\nFRAMX\n" + std::string(8, 'a')), Contains("malformed y4m frame marker"));
    // 16-bit samples are little-endian; a clean end of stream is not an error
    {
        std::istringstream in("YUV4MPEG2 W1 H1 Cmono16 F30000:1001\nFRAME\n\x34\x12");
        pixel::Y4mReader r(in, "le");
        pixel::Frame f;
        REQUIRE(r.read_frame(f));
        CHECK(f.plane(0).row_as<std::uint16_t>(0)[0] == 0x1234);
        CHECK(r.header().metadata.frame_rate.num == 30000);
        CHECK_FALSE(r.read_frame(f));
    }
}
