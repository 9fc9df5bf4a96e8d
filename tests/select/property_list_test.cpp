// read_property_list: the JSON form of per-frame properties (one object per frame).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "filters/base/error.hpp"
#include "pixel/select/property_list.hpp"

using rigor::pixel::FrameProperties;
using rigor::pixel::select::read_property_list;

namespace {

std::vector<FrameProperties> read(const std::string& text, std::vector<std::string> wanted) {
    std::istringstream in(text);
    return read_property_list(in, "t.json", wanted);
}

std::string error_of(const std::string& text, std::vector<std::string> wanted = {"A"}) {
    try {
        read(text, wanted);
    } catch (const rigor::UserError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("property list: numbers, booleans, null and absent keys, unread keys ignored", "[select]") {
    const auto frames = read(R"([{"A": 0.25, "B": 3, "_PictType": "I"},
                                 {"A": true, "B": null},
                                 {},
                                 {"A": false, "B": -1e3, "C": [1, 2]}])",
                             {"A", "B"});
    REQUIRE(frames.size() == 4);
    CHECK(frames[0] == FrameProperties{{"A", 0.25}, {"B", 3.0}});
    CHECK(frames[1] == FrameProperties{{"A", 1.0}});
    CHECK(frames[2].empty());
    CHECK(frames[3] == FrameProperties{{"A", 0.0}, {"B", -1000.0}});
    CHECK(read("[]", {"A"}).empty());
    CHECK(read(R"([{"A": 1}])", {}).at(0).empty());  // nothing read: nothing kept
}

TEST_CASE("property list: malformed files are errors naming the file and the frame", "[select]") {
    CHECK(error_of("[{\"A\": 1},").find("t.json: not valid JSON") == 0);
    CHECK(error_of("{\"A\": 1}").find("t.json: expected a list with one object of properties per frame, got an object") == 0);
    CHECK(error_of("[{\"A\": 1}, 5]").find("t.json: entry 1 (frame 1) is a number, not an object") == 0);
    CHECK(error_of("[{\"A\": 1}, {\"A\": {}}]") ==
          "t.json: property 'A' of frame 1 is an object; expressions read numbers and strings only");
    CHECK(error_of("[{\"A\": [0.5]}]").find("property 'A' of frame 0 is an array") != std::string::npos);
    CHECK(error_of("[{\"B\": \"anything\"}]") == "(no error)");
    CHECK_THROWS_AS(rigor::pixel::select::read_property_list_file("/nonexistent/p.json", {}), rigor::IoError);
}

TEST_CASE("property list: strings read as akarin reads them, their first byte", "[select]") {
    const auto frames = read(R"([{"_PictType": "I"}, {"_PictType": "P"}, {"_PictType": "B"},
                                 {"_PictType": ""}, {"_PictType": "\u00e9t\u00e9"}, {"_PictType": "Left"}])",
                             {"_PictType"});
    REQUIRE(frames.size() == 6);
    const double expected[] = {73, 80, 66, 0, 0xC3 - 256, 76};  // "é" is UTF-8 C3 A9: a signed char
    for (std::size_t i = 0; i < 6; ++i) CHECK(frames[i].at("_PictType") == expected[i]);
}
